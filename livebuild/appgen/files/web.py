"""Small request/response helpers shared by every page module."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode


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

    def arg(self, name: str) -> str:
        return self.query.get(name, "").strip()


@dataclass
class Response:
    status: int = 200
    body: bytes | str = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


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
