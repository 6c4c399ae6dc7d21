"""Where a build's preview lives: a capability URL carrying the build's secret token.

The token sits in the host name (`http://{token}.localhost:8322`) or in the path
(`https://preview.example.com/{token}`); one template gives both the URL of a
token and the token of an incoming request.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

PLACEHOLDER = "{token}"
# Lower-case hex: host names are case-insensitive and a DNS label holds at most 63 characters.
_TOKEN = r"[0-9a-f]{32}"


def new_preview_token() -> str:
    return secrets.token_hex(16)


@dataclass(frozen=True)
class PreviewTarget:
    token: str
    # The request path below the preview's own root, starting with "/".
    path: str


class PreviewAddress:
    def __init__(self, template: str) -> None:
        if template.count(PLACEHOLDER) != 1:
            raise ValueError(f"the preview URL must contain {PLACEHOLDER} exactly once")
        parts = urlsplit(template.rstrip("/"))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("the preview URL must be an absolute http(s) URL")
        self.template = template.rstrip("/")
        self.scheme = parts.scheme
        self._netloc = parts.netloc.lower()
        self._path = parts.path
        self._host = self._pattern(self._netloc)
        self._prefix = self._pattern(self._path)

    @staticmethod
    def _pattern(text: str) -> re.Pattern[str]:
        before, _, after = text.partition(PLACEHOLDER)
        if PLACEHOLDER not in text:
            return re.compile(re.escape(text))
        return re.compile(re.escape(before) + f"(?P<token>{_TOKEN})" + re.escape(after))

    def url(self, token: str) -> str:
        """The preview's root URL, ending in a slash."""
        return self.template.replace(PLACEHOLDER, token) + "/"

    def base_path(self, token: str) -> str:
        """The path prefix the app is served under ("" when the token is in the host)."""
        return self._path.replace(PLACEHOLDER, token)

    def origin(self, token: str) -> str:
        return f"{self.scheme}://{self._netloc.replace(PLACEHOLDER, token)}"

    def match(self, host: str, path: str) -> PreviewTarget | None:
        """The token and inner path of a request to a preview, or None if it is not one."""
        host_match = self._host.fullmatch(host.lower())
        if host_match is None:
            return None
        prefix = self._prefix.match(path)
        if prefix is None:
            return None
        rest = path[prefix.end() :]
        if rest and not rest.startswith("/"):
            return None
        token = host_match.groupdict().get("token") or prefix.groupdict().get("token")
        if token is None:
            return None
        return PreviewTarget(token=token, path=rest or "/")
