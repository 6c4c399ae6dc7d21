"""A loopback HTTP server speaking Anthropic's and OpenAI's streaming wire protocols.

Tests point the real vendor SDKs at it through `base_url`. Each request takes the next
scripted `Reply`: an answer streamed at a chosen pace, a rate limit, an error, or a hang.
"""

from __future__ import annotations

import asyncio
import json
import re
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

_DELTAS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Reply:
    text: str = ""
    status: int = 200
    tokens_per_s: float | None = None  # None: as fast as possible
    hang_after: int | None = None  # stop answering after this many deltas
    usage: bool = True  # OpenAI-compatible servers such as Ollama may leave usage out
    retry_after: str | None = None
    input_tokens: int = 42

    @classmethod
    def rate_limited(cls, retry_after: str = "0.05") -> Reply:
        return cls(status=429, retry_after=retry_after)

    @classmethod
    def hang(cls, after_text: str = "") -> Reply:
        return cls(
            text=after_text + " and then nothing", hang_after=len(_DELTAS.findall(after_text))
        )

    def deltas(self) -> list[str]:
        return _DELTAS.findall(self.text)


@dataclass(frozen=True)
class Recorded:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]


@dataclass
class VendorServer:
    replies: list[Reply] = field(default_factory=list)
    requests: list[Recorded] = field(default_factory=list)
    finished_at: list[float] = field(default_factory=list)
    # Requests whose body holds the marker take its reply every time, outside the script:
    # work asked for beside the build (the user guide) arrives in no fixed order.
    routes: list[tuple[str, Reply]] = field(default_factory=list)
    # Requests whose body holds one of these are answered but not recorded: work a test
    # isn't about (a change request's reading before the change's edits).
    unrecorded: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self.port = 0

    def script(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    @property
    def anthropic_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def openai_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def __aenter__(self) -> VendorServer:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    def answer(self, marker: str, reply: Reply) -> None:
        self.routes.append((marker, reply))

    def _next(self, body: bytes = b"") -> Reply:
        text = body.decode("utf-8", "replace")
        for marker, reply in self.routes:
            if json.dumps(marker)[1:-1] in text:
                return reply
        if len(self.replies) > 1:
            return self.replies.pop(0)
        return self.replies[0] if self.replies else Reply("Hello.")

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            request_line = (await reader.readline()).decode()
            headers: dict[str, str] = {}
            while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                name, _, value = line.decode().partition(":")
                headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            path = request_line.split(" ")[1]
            said = body.decode("utf-8", "replace")
            if not any(json.dumps(m)[1:-1] in said for m in self.unrecorded):
                self.requests.append(Recorded(path, json.loads(body or b"{}"), headers))
            reply = self._next(body)
            if path.startswith("/v1/messages"):
                await _Anthropic(writer, reply).answer()
            elif path.startswith("/v1/chat/completions"):
                await _OpenAI(writer, reply).answer()
            else:
                await _send_json(writer, 404, {"error": "not found"})
            self.finished_at.append(asyncio.get_running_loop().time())
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
            with suppress(ConnectionError, asyncio.CancelledError):
                await writer.wait_closed()
            self._tasks.discard(task)


async def _send_json(
    writer: asyncio.StreamWriter, status: int, body: dict[str, Any], extra: str = ""
) -> None:
    data = json.dumps(body).encode()
    writer.write(
        f"HTTP/1.1 {status} Status\r\ncontent-type: application/json\r\n"
        f"content-length: {len(data)}\r\nconnection: close\r\n{extra}\r\n".encode()
        + data
    )
    await writer.drain()


class _Protocol:
    def __init__(self, writer: asyncio.StreamWriter, reply: Reply) -> None:
        self.writer = writer
        self.reply = reply

    async def answer(self) -> None:
        if self.reply.status != 200:
            extra = f"retry-after: {self.reply.retry_after}\r\n" if self.reply.retry_after else ""
            await _send_json(self.writer, self.reply.status, self.error_body(), extra)
            return
        self.writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n"
            b"transfer-encoding: chunked\r\nconnection: close\r\n\r\n"
        )
        for frame in self.opening():
            await self.send(frame)
        deltas = self.reply.deltas()
        for index, delta in enumerate(deltas):
            if self.reply.hang_after is not None and index >= self.reply.hang_after:
                await asyncio.Event().wait()
            if self.reply.tokens_per_s:
                await asyncio.sleep(1 / self.reply.tokens_per_s)
            await self.send(self.delta(delta))
        for frame in self.closing(len(deltas)):
            await self.send(frame)
        self.writer.write(b"0\r\n\r\n")
        await self.writer.drain()

    async def send(self, frame: str) -> None:
        data = frame.encode()
        self.writer.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        await self.writer.drain()

    def error_body(self) -> dict[str, Any]:
        raise NotImplementedError

    def opening(self) -> list[str]:
        raise NotImplementedError

    def delta(self, text: str) -> str:
        raise NotImplementedError

    def closing(self, output_tokens: int) -> list[str]:
        raise NotImplementedError


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


class _Anthropic(_Protocol):
    def error_body(self) -> dict[str, Any]:
        kind = "rate_limit_error" if self.reply.status == 429 else "api_error"
        return {"type": "error", "error": {"type": kind, "message": f"scripted {kind}"}}

    def opening(self) -> list[str]:
        message: dict[str, Any] = {
            "id": "msg_01scripted",
            "type": "message",
            "role": "assistant",
            "content": [],
            "model": "claude-test",
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": self.reply.input_tokens, "output_tokens": 1},
        }
        return [
            _event("message_start", {"type": "message_start", "message": message}),
            _event(
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "text", "text": ""},
                },
            ),
            _event("ping", {"type": "ping"}),
        ]

    def delta(self, text: str) -> str:
        return _event(
            "content_block_delta",
            {
                "type": "content_block_delta",
                "index": 0,
                "delta": {"type": "text_delta", "text": text},
            },
        )

    def closing(self, output_tokens: int) -> list[str]:
        return [
            _event("content_block_stop", {"type": "content_block_stop", "index": 0}),
            _event(
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                    "usage": {"output_tokens": output_tokens},
                },
            ),
            _event("message_stop", {"type": "message_stop"}),
        ]


class _OpenAI(_Protocol):
    def error_body(self) -> dict[str, Any]:
        code = "rate_limit_exceeded" if self.reply.status == 429 else "server_error"
        return {
            "error": {
                "message": f"scripted {code}",
                "type": "requests",
                "param": None,
                "code": code,
            }
        }

    def _chunk(self, choices: list[dict[str, Any]], usage: dict[str, int] | None = None) -> str:
        data: dict[str, Any] = {
            "id": "chatcmpl-scripted",
            "object": "chat.completion.chunk",
            "created": 1_700_000_000,
            "model": "gpt-test",
            "choices": choices,
        }
        if usage is not None:
            data["usage"] = usage
        return f"data: {json.dumps(data)}\n\n"

    def opening(self) -> list[str]:
        return [
            self._chunk(
                [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]
            )
        ]

    def delta(self, text: str) -> str:
        return self._chunk([{"index": 0, "delta": {"content": text}, "finish_reason": None}])

    def closing(self, output_tokens: int) -> list[str]:
        frames = [self._chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}])]
        if self.reply.usage:
            usage = {
                "prompt_tokens": self.reply.input_tokens,
                "completion_tokens": output_tokens,
                "total_tokens": self.reply.input_tokens + output_tokens,
            }
            frames.append(self._chunk([], usage))
        frames.append("data: [DONE]\n\n")
        return frames
