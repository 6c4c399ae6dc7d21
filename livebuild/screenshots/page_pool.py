"""What a screenshot browser of recycled pages is: its answers and errors, and one capture's
turn, the same whether the browser is driven by Playwright (`browser.BrowserPool`) or over the
DevTools protocol (`devtools.DevToolsPool`)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

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


class Page(Protocol):
    """A recycled page: how many captures it has served."""

    uses: int


BrowserT = TypeVar("BrowserT")
TabT = TypeVar("TabT", bound=Page)


class PagePool(Generic[BrowserT, TabT]):
    """Captures share one browser and a few recycled pages, one per capture at a time.

    A driver says how its browser starts and stops (`_ensure_browser`, `_shut`), how a page is
    taken, shot, emptied for the next capture, closed and forgotten (`_take`, `_shoot`,
    `_empty`, `_discard`, `_forget`), and which of its errors are the browser's
    (`_browser_errors`)."""

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
        """Empty the page for the next capture, or close it if it can't be trusted to be;
        then pass the turn on. Bounded: a page that won't empty in time is closed, and one
        that won't close in time is counted gone (its browser is relaunched past that)."""
        tab.uses += 1
        try:
            kept = False
            with contextlib.suppress(*self._browser_errors(), CaptureError, TimeoutError):
                async with asyncio.timeout(self.timeout_s):
                    kept = await self._empty(browser, tab, url, clean)
            if kept:
                self._idle.append(tab)
                return
            # Not emptied, or it failed to be (a page hung in its own script among them):
            # it is closed, and its renderer with it.
            await self._discard(browser, tab)
        finally:
            if tab not in self._idle:
                self._forget(tab)
            self._slots.release()

    async def close(self) -> None:
        """Wait for the pages being given back, then stop the browser."""
        await asyncio.gather(*self._chores, return_exceptions=True)
        async with self._lock:
            self._idle.clear()
            await self._shut()

    async def _empty(self, browser: BrowserT, tab: TabT, url: str, clean: bool) -> bool:
        """Whether the page was emptied to be used again."""
        raise NotImplementedError

    async def _discard(self, browser: BrowserT, tab: TabT) -> None:
        """Close the page and its context, bounded by the time a capture may take; errors
        and time-outs are the browser's to answer for at its next start."""
        raise NotImplementedError

    def _forget(self, tab: TabT) -> None:
        raise NotImplementedError

    async def _shut(self) -> None:
        raise NotImplementedError
