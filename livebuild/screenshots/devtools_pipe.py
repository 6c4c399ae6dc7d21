"""Chromium started with its DevTools protocol on a pipe, and that protocol spoken directly.

No driver process sits between livebuild and the browser (Playwright's is a Node process of
~100 MB at the capture peak): commands go down one pipe as JSON, answers and events come
back up the other, each message ended by a NUL byte. Only this process holds the pipe, so
no other program on the machine (an app among them) can reach the browser's controls, as
it could through a debugging port.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import itertools
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from typing import Any

# What Playwright starts its Chromium with, as far as a picture can tell: the same colour
# profile, pointer and hover settings, no throttling of a page in the background, and no
# window until a page is opened. With them the pictures are the same, byte for byte.
DRIVER_ARGS = [
    "--disable-field-trial-config",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-back-forward-cache",
    "--disable-breakpad",
    "--disable-component-extensions-with-background-pages",
    "--no-default-browser-check",
    "--disable-default-apps",
    "--disable-extensions",
    "--allow-pre-commit-input",
    "--disable-hang-monitor",
    "--disable-ipc-flooding-protection",
    "--disable-popup-blocking",
    "--disable-prompt-on-repost",
    "--disable-renderer-backgrounding",
    "--force-color-profile=srgb",
    "--metrics-recording-only",
    "--password-store=basic",
    "--use-mock-keychain",
    "--no-service-autorun",
    "--disable-search-engine-choice-screen",
    "--headless",
    "--blink-settings=primaryHoverType=2,availableHoverTypes=2,"
    "primaryPointerType=4,availablePointerTypes=4",
]
# A picture is a few hundred kB of base64; a message is never near this.
MAX_MESSAGE = 64 * 1024 * 1024

Listener = Callable[[str, dict[str, Any], str | None], None]

log = logging.getLogger(__name__)


class ProtocolError(Exception):
    """The browser refused a command, or went away before answering it."""


class DevToolsPipe:
    """One Chromium and the protocol to it."""

    def __init__(self) -> None:
        self._process: asyncio.subprocess.Process | None = None
        self._writer: asyncio.WriteTransport | None = None
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._ids = itertools.count(1)
        self._reading: asyncio.Task[None] | None = None
        self._profile: str | None = None
        self.listeners: set[Listener] = set()

    @property
    def connected(self) -> bool:
        return self._reading is not None and not self._reading.done()

    async def launch(self, executable: str, args: list[str]) -> None:
        """Start Chromium with the protocol on file descriptors 3 (to it) and 4 (from it).
        If it can't be started, nothing of the attempt is left open (no pipe, no profile)."""
        profile = tempfile.mkdtemp(prefix="livebuild-chromium-")
        ends: list[int] = []
        try:
            to_browser, commands = os.pipe()
            ends += (to_browser, commands)
            answers, from_browser = os.pipe()
            ends += (answers, from_browser)

            def onto_3_and_4() -> None:  # in the child, before Chromium runs
                read_end = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 10)
                write_end = fcntl.fcntl(from_browser, fcntl.F_DUPFD, 10)
                os.dup2(read_end, 3)
                os.dup2(write_end, 4)

            self._process = await asyncio.create_subprocess_exec(
                executable,
                *DRIVER_ARGS,
                *args,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "--no-startup-window",
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
                preexec_fn=onto_3_and_4,
                pass_fds=(3, 4),
            )
        except BaseException:  # e.g. no Chromium there any more: our ends too are closed
            for end in ends:
                os.close(end)
            shutil.rmtree(profile, ignore_errors=True)
            raise
        self._profile = profile  # Chromium's now: removed by `close`
        os.close(to_browser)
        os.close(from_browser)
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=MAX_MESSAGE)
        await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(answers, "rb", 0)
        )
        self._writer, _ = await loop.connect_write_pipe(
            asyncio.Protocol, os.fdopen(commands, "wb", 0)
        )
        self._reading = asyncio.create_task(self._read(reader))

    async def _read(self, reader: asyncio.StreamReader) -> None:
        """Answers to their commands, events to the listeners, until the browser goes; a
        message of a shape not expected, or a listener that fails, is passed over."""
        try:
            while True:
                message = json.loads((await reader.readuntil(b"\0"))[:-1])
                if not isinstance(message, dict):
                    continue
                if "id" in message:
                    number = message["id"]
                    answer = self._pending.pop(number, None) if isinstance(number, int) else None
                    if answer is None or answer.done():
                        continue
                    if "error" in message:
                        error = message["error"]
                        problem = (
                            error.get("message", "refused") if isinstance(error, dict) else error
                        )
                        answer.set_exception(ProtocolError(str(problem)))
                    else:
                        answer.set_result(message.get("result") or {})
                    continue
                method, params = message.get("method"), message.get("params") or {}
                if not isinstance(method, str) or not isinstance(params, dict):
                    continue
                for listener in list(self.listeners):
                    try:
                        listener(method, params, message.get("sessionId"))
                    except Exception:
                        log.exception("a DevTools listener failed on %s", method)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, OSError):
            pass
        finally:
            for answer in self._pending.values():
                if not answer.done():
                    answer.set_exception(ProtocolError("the browser went away"))
            self._pending.clear()

    async def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        if not self.connected or self._writer is None or self._writer.is_closing():
            raise ProtocolError("the browser went away")
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        answer: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[number] = answer
        self._writer.write(json.dumps(message).encode() + b"\0")
        return await answer

    async def close(self, timeout_s: float = 5.0) -> None:
        """Ask Chromium to close, end it if it doesn't, and remove its profile."""
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(ProtocolError, TimeoutError):
                async with asyncio.timeout(timeout_s):
                    await self.send("Browser.close")
                    await process.wait()
            with contextlib.suppress(ProcessLookupError):
                if process.returncode is None:
                    process.kill()
            await process.wait()
        if self._writer is not None:
            self._writer.close()
        if self._reading is not None:
            # Whatever ended the reading (the browser going, or a failure of its own) is
            # not the closing's: it never keeps a browser from being closed and started again.
            await asyncio.wait([self._reading])
            if not self._reading.cancelled():
                self._reading.exception()
        if self._profile is not None:
            await asyncio.to_thread(shutil.rmtree, self._profile, True)
            self._profile = None
