"""Small request/response helpers shared by every page module."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qsl, quote, urlencode


def _base_path() -> str:
    raw = os.environ.get("APP_BASE_PATH", "").strip().strip("/")
    return "/" + quote(raw, safe="/-._~") if raw else ""


BASE_PATH = _base_path()


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def url(path: str, **query: str) -> str:
    """An in-app URL with the public base path in front (not yet HTML-escaped)."""
    target = BASE_PATH + "/" + path.lstrip("/")
    params = {key: value for key, value in query.items() if value}
    return target + ("?" + urlencode(params) if params else "")


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
