"""Refusing text no database can store, before any route runs, on every backend alike.

PostgreSQL refuses a NUL character in text, and no database takes a lone surrogate
(JSON's `"\\ud800"`); SQLite stores a NUL that PostgreSQL would refuse. So a request
carrying either, in its path, its query or anywhere in a JSON body, is answered 422
with a plain message, instead of a 500 from one backend and a stored NUL on another.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from livebuild.safety._answers import send_detail

UNSTORABLE = (
    "Your text contains a character we can't store (an invisible NUL character or a broken "
    "one); please delete it and try again."
)
TOO_DEEP = "The request body is nested too deeply to read; please send a simpler one."
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def has_unstorable(value: Any) -> bool:
    """True when some string in a parsed JSON value, key or value, can't be stored."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not storable(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return b"json" in value.lower()
    return False


class StorableText:
    """Sits inside the body-size limit, so the body it reads is already bounded."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = unquote_to_bytes(scope.get("query_string", b""))
        if not storable(scope.get("path", "")) or b"\x00" in query:
            await send_detail(send, 422, UNSTORABLE)
            return
        if scope.get("method") not in _BODY_METHODS or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                # The client left before sending its body: nothing to answer.
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = None  # the route answers malformed JSON with its own 422
        except RecursionError:
            await send_detail(send, 422, TOO_DEEP)
            return
        if has_unstorable(parsed):
            await send_detail(send, 422, UNSTORABLE)
            return
        await self.app(scope, _replay(body, receive), send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
