"""The machine's model server: one model loaded once, shared by every livebuild process here.

It speaks the OpenAI chat-completions wire protocol on loopback (so the ordinary OpenAI
provider talks to it), answers only callers holding its token, streams every answer, runs one
call at a time with a founder's reading first, answers "busy" (503) past its queue bound,
stops a call that runs past its time or whose caller left, and exits when idle.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from livebuild.providers.local.counts import TASK_HEADER, call_of, record, task_of
from livebuild.providers.local.engine import Emit, Engine, EngineError
from livebuild.providers.local.prefill import Opening, Pending, opening_of
from livebuild.providers.local.prefixes import Prefixes, instruction_of
from livebuild.providers.local.queue import BACKGROUND, FOUNDER, Busy, ModelQueue, Ticket
from livebuild.providers.local.threads import ThreadChoice

log = logging.getLogger(__name__)

PRIORITY_HEADER = "x-livebuild-priority"
# How long the caller will wait, in seconds: a call that can't start by then is told "busy",
# and one that runs past it is stopped, so the model is never spent on an answer nobody reads.
WITHIN_HEADER = "x-livebuild-within-s"
MAX_BODY = 256 * 1024
MAX_TOKENS = 4096
_RETRY_AFTER_S = "2"


# How a call that ended early is told why, in the error's `type`.
_KINDS: dict[type[BaseException], str] = {Busy: "busy", TimeoutError: "timeout"}


def _error(status: int, message: str, kind: str) -> JSONResponse:
    headers = {"retry-after": _RETRY_AFTER_S} if status == 503 else None
    return JSONResponse({"error": {"message": message, "type": kind}}, status, headers=headers)


def _sse(data: dict[str, Any] | str) -> bytes:
    return f"data: {data if isinstance(data, str) else json.dumps(data)}\n\n".encode()


def caller_wait(said: str | None, most: float) -> float | None:
    """The caller's wait in seconds, when it said one that is a number (None: as long as a
    call may take): at most `most`, at least a moment."""
    try:
        within = float(said) if said is not None else None
    except ValueError:
        return None
    if within is None or within != within:  # absent, or NaN
        return None
    return min(max(within, 0.05), most)


# How much of an instruction one warm-up step reads: ~130 tokens, 15-40 s on a shared core.
WARM_STEP = 600


def warm_steps(instruction: str) -> list[int]:
    """Where each warm-up step ends: at a space every `WARM_STEP` characters or so (a cut at a
    space splits no word, so each step's tokens are the next's first), then the whole."""
    cuts: list[int] = []
    at = WARM_STEP
    while at < len(instruction):
        space = instruction.rfind(" ", cuts[-1] if cuts else 0, at)
        cut = space if space > (cuts[-1] if cuts else 0) else at
        cuts.append(cut)
        at = cut + WARM_STEP
    return [*cuts, len(instruction)]


def _steps(opening: Opening) -> list[tuple[str, str]]:
    """The (system, user) an opening is read in, step by step: the instruction's steps (read
    from the cache when a reading has just used it), then the message's."""
    system, user = opening.system, opening.user
    return [(system[:cut], "") for cut in warm_steps(system)] + [
        (system, user[:cut]) for cut in warm_steps(user)
    ]


class ModelServer:
    def __init__(
        self,
        engine: Engine,
        queue: ModelQueue,
        token: str,
        max_job_s: float,
        prefixes: Prefixes | None = None,
        counts: Path | None = None,
    ) -> None:
        self.engine = engine
        self.queue = queue
        self.token = token
        self.max_job_s = max_job_s
        self.prefixes = prefixes
        # Where each call's counts go (`counts`): None, nowhere.
        self.counts = counts
        self.ahead = Pending()
        self.last_used = time.monotonic()
        self.closing = False
        self.app = Starlette(
            routes=[
                Route("/health", self.health),
                Route("/v1/chat/completions", self.chat, methods=["POST"]),
                Route("/v1/read-ahead", self.read_ahead, methods=["POST"]),
            ]
        )

    def _allowed(self, request: Request) -> bool:
        given = request.headers.get("authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode())

    async def health(self, request: Request) -> Response:
        if not self._allowed(request):
            return _error(401, "this model server needs its token", "unauthorized")
        return JSONResponse(
            {"model": self.engine.name, "waiting": self.queue.waiting, "busy": self.queue.busy}
        )

    async def _body(self, request: Request) -> dict[str, Any] | None:
        raw = b""
        async for piece in request.stream():
            raw += piece
            if len(raw) > MAX_BODY:
                return None
        try:
            body = json.loads(raw)
        except ValueError:
            return None
        return body if isinstance(body, dict) and isinstance(body.get("messages"), list) else None

    async def chat(self, request: Request) -> Response:
        if not self._allowed(request):
            return _error(401, "this model server needs its token", "unauthorized")
        body = await self._body(request)
        if body is None:
            return _error(400, "a chat request with messages, at most 256 KB", "invalid_request")
        body["max_tokens"] = min(int(body.get("max_tokens") or MAX_TOKENS), MAX_TOKENS)
        founder = request.headers.get(PRIORITY_HEADER) == "founder"
        within = caller_wait(request.headers.get(WITHIN_HEADER), self.max_job_s)
        try:
            ticket = self.queue.admit(FOUNDER if founder else BACKGROUND, within)
        except Busy:
            return _error(503, "busy: the local model has more work waiting than it takes", "busy")
        self.last_used = time.monotonic()
        if founder and self.prefixes is not None:
            self.prefixes.seen(instruction_of(body))
        ends = time.monotonic() + min(within or self.max_job_s, self.max_job_s)
        task = task_of(request.headers.get(TASK_HEADER)) or ("founder" if founder else "other")
        return StreamingResponse(
            self._answer(ticket, body, ends, task), media_type="text/event-stream"
        )

    async def read_ahead(self, request: Request) -> Response:
        """Queue an opening (`key`, a system and a user message) to be read as background
        work when the model is free: answered at once, read later or never."""
        if not self._allowed(request):
            return _error(401, "this model server needs its token", "unauthorized")
        body = await self._body(request)
        opening = None if body is None else opening_of(body)
        if opening is None:
            return _error(400, "a key, a system and a user message, at most 256 KB", "invalid")
        self.ahead.put(opening)
        self.last_used = time.monotonic()
        return JSONResponse({"queued": True, "waiting": len(self.ahead)}, 202)

    async def _answer(
        self, ticket: Ticket, body: dict[str, Any], ends: float, task: str = "other"
    ) -> AsyncIterator[bytes]:
        try:
            await self.queue.wait_turn(ticket)
        except Busy as error:
            yield _sse({"error": {"message": f"busy: {error}", "type": "busy"}})
            return
        loop = asyncio.get_running_loop()
        chunks: asyncio.Queue[dict[str, Any] | BaseException | None] = asyncio.Queue()
        stop = False
        cut: str | None = None  # why the call was stopped before its end, if it was
        timings: dict[str, Any] = {}

        def emit(chunk: dict[str, Any]) -> bool:
            nonlocal cut
            if isinstance(chunk.get("timings"), dict):
                timings.update(chunk["timings"])
            loop.call_soon_threadsafe(chunks.put_nowait, chunk)
            if cut is None and ticket.preempted:
                cut = "busy"
            elif cut is None and time.monotonic() > ends:
                cut = "timeout"
            return stop or self.closing or cut is not None

        def run() -> None:
            try:
                cpu = time.process_time()
                self.engine.generate(body, emit)
                # Stopped for its time, for a founder, or because its caller left (its own
                # deadline, a moment before the server's).
                ended = cut or ("left" if stop else "done")
                self._count(task, timings, time.process_time() - cpu, ended)
                end: Exception | None = None
                if cut == "busy":
                    end = Busy("a founder's request came first")
                elif cut == "timeout":
                    end = TimeoutError("no complete answer within the caller's time")
                loop.call_soon_threadsafe(chunks.put_nowait, end)
            except Exception as error:  # the engine's failure goes to the caller, not the log
                loop.call_soon_threadsafe(chunks.put_nowait, error)

        job = asyncio.ensure_future(asyncio.to_thread(run))
        # The next call starts only once this one has really stopped using the cores.
        job.add_done_callback(lambda _: self._finished(ticket))
        try:
            while (chunk := await chunks.get()) is not None:
                if isinstance(chunk, BaseException):
                    kind = _KINDS.get(type(chunk), "model_error")
                    yield _sse({"error": {"message": str(chunk)[:300], "type": kind}})
                    return
                yield _sse(chunk)
            yield _sse("[DONE]")
        finally:
            stop = True

    def _count(self, task: str, timings: dict[str, Any], cpu_s: float, ended: str) -> None:
        if self.counts is not None:
            record(self.counts, call_of(task, timings, cpu_s, ended))

    async def warm(self) -> None:
        """Read the instructions of recent founder readings once, as background work, most
        recent first: llama.cpp keeps what it read, so the next founder's reading reads only
        its own words. Each is read in steps of a few hundred characters (each step reads
        on from the last), so a founder arriving meanwhile waits for one step at most, not a
        whole instruction (a step can't be stopped midway)."""
        for instruction in self.prefixes.kept if self.prefixes else []:
            for cut in warm_steps(instruction):
                if not await self._read_step(instruction[:cut], ""):
                    return

    async def read_ahead_loop(self) -> None:
        """Read the openings queued by `read_ahead`, newest first, each in steps (the
        instruction's, then the message's) as background work; an opening whose app was
        given a newer one stops at its next step."""
        while not self.closing:
            opening, number = await self.ahead.take()
            for system, user in _steps(opening):
                if not self.ahead.current(opening, number):
                    break
                if not await self._read_step(system, user):
                    break

    async def _read_step(self, system: str, user: str) -> bool:
        """One step read as background work and one token written (False: stop reading,
        the queue is full or the server is closing)."""
        try:
            ticket = self.queue.admit(BACKGROUND)
            await self.queue.wait_turn(ticket)
        except Busy:
            return False
        body = {
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": user},
            ],
            "max_tokens": 1,
            "temperature": 0,
        }
        timings: dict[str, Any] = {}

        def emit(chunk: dict[str, Any]) -> bool:
            if isinstance(chunk.get("timings"), dict):
                timings.update(chunk["timings"])
            return self.closing

        try:
            cpu = time.process_time()
            await asyncio.to_thread(self.engine.generate, body, emit)
            self._count("ahead", timings, time.process_time() - cpu, "done")
        except Exception as error:  # a failed read costs the next reading time only
            log.warning("reading ahead failed: %r", error)
        finally:
            self._finished(ticket, used=False)
        return not self.closing

    async def retune_loop(
        self, choice: ThreadChoice, load: Callable[[int], Engine], every_s: float = 10.0
    ) -> None:
        """While idle, every `every_s`: when the machine's other work has stayed quiet or busy
        (`threads.ThreadChoice`), load the engine again with the thread count that fits, as
        background work (a founder arriving waits for the load), then read the kept
        instructions again."""
        refused: set[int] = set()  # counts that failed to load are not tried again
        while not self.closing:
            await asyncio.sleep(every_s)
            threads = choice.look() if not self.queue.busy else None
            if threads is None or threads in refused:
                continue
            try:
                ticket = self.queue.admit(BACKGROUND)
                await self.queue.wait_turn(ticket)
            except Busy:
                continue
            try:
                old, self.engine = self.engine, _Loading(self.engine.name)
                del old  # its memory goes before the new engine's comes
                try:
                    self.engine = await asyncio.to_thread(load, threads)
                    choice.threads = threads
                    log.info("model engine reloaded with %d threads", threads)
                except Exception as error:  # back to the count that loaded, or a fresh server
                    log.warning("reloading the model with %d threads failed: %r", threads, error)
                    refused.add(threads)
                    try:
                        self.engine = await asyncio.to_thread(load, choice.threads)
                    except Exception:
                        self.closing = True  # `watch_idle` stops: the next reading starts
                        return  # a new server
            finally:
                self.queue.release(ticket)
            await self.warm()  # not use either (`_finished`)

    def _finished(self, ticket: Ticket, used: bool = True) -> None:
        """`used`: a call someone made (the server's own reading ahead and warming is not
        use: it never keeps an idle server alive)."""
        self.queue.release(ticket)
        if used:
            self.last_used = time.monotonic()

    async def idle_for(self) -> float:
        return 0.0 if self.queue.busy else time.monotonic() - self.last_used


class _Loading:
    """The engine while it is loaded again: no call runs then (the queue is held)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def generate(self, body: dict[str, Any], emit: Emit) -> None:
        raise EngineError("the model is being loaded again")


async def watch_idle(server: ModelServer, idle_s: float, stop: asyncio.Event) -> None:
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=min(5.0, idle_s))
        if server.closing or await server.idle_for() >= idle_s:
            stop.set()
