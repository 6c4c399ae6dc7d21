"""Refusing request bodies that are too large or too slow, before they are read into memory."""

from __future__ import annotations

import asyncio
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from livebuild.safety._answers import send_detail

TOO_LARGE = "That request is too large. Please shorten it and try again."
TOO_SLOW = "That request took too long to arrive. Please try again."


class _Refused(Exception):
    pass


class BodySizeLimit:
    """At most `max_bytes` of body, all of it within `timeout_s` of the first read.

    A declared Content-Length over the limit is refused at once; a chunked body is counted as
    it arrives, so one with no length at all cannot grow past the limit either. The deadline
    covers the whole body, so a client trickling a byte at a time cannot hold a request open.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        timeout_s: float = 15.0,
        *,
        wider: tuple[re.Pattern[str], int] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s
        # Paths (a spreadsheet's import) that may carry more, and how much.
        self.wider = wider

    def limit_for(self, path: str) -> int:
        if self.wider is not None and self.wider[0].fullmatch(path):
            return max(self.max_bytes, self.wider[1])
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.limit_for(str(scope.get("path", "")))
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > max_bytes:
                await send_detail(send, 413, TOO_LARGE)
                return
        received = 0
        started = False
        complete = False
        deadline: float | None = None
        # The framework may turn a failed body read into its own 400; ours wins.
        refusal: tuple[int, str] | None = None

        async def limited_receive() -> Message:
            nonlocal received, complete, deadline, refusal
            if complete:
                # Later reads wait for the client to leave (streams); no deadline applies.
                return await receive()
            loop = asyncio.get_running_loop()
            deadline = deadline or loop.time() + self.timeout_s
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                refusal = (408, TOO_SLOW)
                raise _Refused from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    refusal = (413, TOO_LARGE)
                    raise _Refused
                complete = not message.get("more_body", False)
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refusal is not None:
                if not started:
                    started = True
                    await _refuse(send, refusal)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _Refused:
            if not started and refusal is not None:
                started = True
                await _refuse(send, refusal)


async def _refuse(send: Send, refusal: tuple[int, str]) -> None:
    status, detail = refusal
    # The rest of the body is never read, so the connection can't carry another request.
    await send_detail(send, status, detail, ((b"connection", b"close"),))
