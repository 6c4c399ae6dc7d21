"""Small request/response helpers shared by every page module."""

from __future__ import annotations

import hashlib
import html
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode


def _base_path() -> str:
    raw = os.environ.get("APP_BASE_PATH", "").strip().strip("/")
    return "/" + quote(raw, safe="/-._~") if raw else ""


BASE_PATH = _base_path()
STATIC_DIR = Path(__file__).resolve().parent / "static"
# name -> (modified time, size, fingerprint): a file is read again only once it changes.
_FINGERPRINTS: dict[str, tuple[int, int, str]] = {}


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def url(path: str, **query: str) -> str:
    """An in-app URL with the public base path in front (not yet HTML-escaped)."""
    target = BASE_PATH + "/" + path.lstrip("/")
    params = {key: value for key, value in query.items() if value}
    return target + ("?" + urlencode(params) if params else "")


def fingerprint(name: str) -> str:
    """The first 12 hex digits of a static file's SHA-256 ("" for a file that isn't there)."""
    try:
        stat = (STATIC_DIR / name).stat()
        known = _FINGERPRINTS.get(name)
        if known is not None and known[:2] == (stat.st_mtime_ns, stat.st_size):
            return known[2]
        digest = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:12]
    except OSError:
        return ""
    _FINGERPRINTS[name] = (stat.st_mtime_ns, stat.st_size, digest)
    return digest


def static_url(name: str) -> str:
    """A static file's URL, named by its content: a changed file is a new address, so no
    browser shows an old stylesheet from its cache (not yet HTML-escaped)."""
    return url("/static/" + name, v=fingerprint(name))


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    content_type: str = ""

    def arg(self, name: str) -> str:
        return self.query.get(name, "").strip()


@dataclass
class Response:
    status: int = 200
    body: bytes | str = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def parse_form(body: bytes, content_type: str) -> dict[str, str]:
    """The fields of a URL-encoded or multipart form (a file's field holds its text)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "multipart/form-data":
        head = b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n"
        message = BytesParser(policy=HTTP).parsebytes(head + body)
        form: dict[str, str] = {}
        for part in message.iter_parts() if message.is_multipart() else []:
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if isinstance(name, str) and isinstance(payload, bytes):
                form[name] = payload.decode("utf-8", "replace")
        return form
    if kind in ("", "application/x-www-form-urlencoded"):
        return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    return {}


def redirect(path: str, **query: str) -> Response:
    return Response(status=303, headers={"Location": url(path, **query)})


Handler = Callable[..., Response]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler


def route(method: str, pattern: str, handler: Handler) -> Route:
    return Route(method, re.compile(pattern), handler)
