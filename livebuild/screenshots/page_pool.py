"""What a screenshot browser of recycled pages is: its answers and errors, and one capture's
turn, the same whether the browser is driven by Playwright (`browser.BrowserPool`) or over the
DevTools protocol (`devtools.DevToolsPool`)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

# Chromium's answer when it has no frame to give yet (seen now and then on loaded cores).
NO_FRAME = "Unable to capture screenshot"


class CaptureError(Exception):
    """A screenshot could not be taken; the message is technical."""


class BrowserUnavailable(CaptureError):
    """No Chromium to drive."""


@dataclass(frozen=True)
class Capture:
    png: bytes
    status: int
    duration_s: float
    # The shared service's own time on the picture, its queue left out (None: taken here).
    browser_s: float | None = None


BrowserT = TypeVar("BrowserT")
TabT = TypeVar("TabT")


class PagePool(Generic[BrowserT, TabT]):
    """Captures share one browser and a few recycled pages, one per capture at a time.

    A driver says how its browser starts (`_ensure_browser`), how a page is taken, shot and
    given back (`_take`, `_shoot`, `_give_back`, which passes the turn on), and which of its
    errors are the browser's (`_browser_errors`)."""

    def __init__(self, executable: str | None, concurrency: int, timeout_s: float) -> None:
        self.executable = executable
        self.timeout_s = timeout_s
        self._concurrency = concurrency
        self._slots = asyncio.Semaphore(concurrency)
        self._lock = asyncio.Lock()
        self._idle: list[TabT] = []
        self._chores: set[asyncio.Task[None]] = set()

    @property
    def available(self) -> bool:
        return self.executable is not None

    async def capture(self, url: str, *, founder: bool = False) -> Capture:
        """Load `url`, wait until the page says it is ready, screenshot it.

        Captures in one process wait their turn in arrival order (`founder` matters to the
        machine's shared service, which orders captures from many processes). A turn lasts
        until the page is emptied or closed, after the picture is answered: a capture never
        opens a page while another is still being let go, so the open pages (each a
        renderer process) never outnumber the captures allowed at once."""
        errors = self._browser_errors()
        await self._slots.acquire()
        tab: TabT | None = None
        try:
            browser = await self._ensure_browser()
            started = time.perf_counter()
            clean = False
            try:
                async with asyncio.timeout(self.timeout_s):
                    tab = await self._take(browser)
                    shot = await self._shoot(browser, tab, url, started)
                    clean = True
                    return shot
            except TimeoutError as error:
                raise CaptureError(f"capture took longer than {self.timeout_s:g}s") from error
            except errors as error:
                said = getattr(error, "message", None) or str(error)
                raise CaptureError(f"browser error: {said}") from error
            finally:
                if tab is not None:
                    self._chore(self._give_back(browser, tab, url, clean))
        finally:
            if tab is None:
                self._slots.release()

    def _chore(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._chores.add(task)
        task.add_done_callback(self._chores.discard)

    def _browser_errors(self) -> tuple[type[BaseException], ...]:
        raise NotImplementedError

    async def _ensure_browser(self) -> BrowserT:
        raise NotImplementedError

    async def _take(self, browser: BrowserT) -> TabT:
        raise NotImplementedError

    async def _shoot(self, browser: BrowserT, tab: TabT, url: str, started: float) -> Capture:
        raise NotImplementedError

    async def _give_back(self, browser: BrowserT, tab: TabT, url: str, clean: bool) -> None:
        raise NotImplementedError
