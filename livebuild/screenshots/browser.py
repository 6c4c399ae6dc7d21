"""One warm Chromium per process, driven by Playwright; a fresh context per capture."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

# The pools' answers and errors, named from here too (as every caller always has).
from livebuild.screenshots.page_pool import NO_FRAME, PagePool
from livebuild.screenshots.page_pool import BrowserUnavailable as BrowserUnavailable
from livebuild.screenshots.page_pool import Capture as Capture
from livebuild.screenshots.page_pool import CaptureError as CaptureError

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext, Page, Playwright

VIEWPORT = {"width": 1280, "height": 800}
READY_SELECTOR = "body[data-ready='true']"
READY_CHECK = "() => document.body !== null && document.body.dataset.ready === 'true'"
SETTLE_S = 0.5
DISABLED_FEATURES = [
    # Full Chromium in headless mode still loads its address bar's pop-up (two hidden web
    # pages, ~44 MB of renderer each) for every window it opens, so for every capture's
    # context: five capturing pages cost 634 MB with them, 417 MB without (and the software
    # GL rasteriser, unused with the GPU off).
    *("WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup"),
    "PreloadTopChromeWebUI",
    # Nor a spare renderer, started ahead for the next new page: pages are recycled, so it
    # mostly waited (one renderer, ~20-40 MB, more at the capture peak) and was started
    # again after each use (a third of the renderers' CPU).
    "SpareRendererForSitePerProcess",
]
# Chromium keeps only the last of a repeated switch, and Playwright passes its own list of
# features to turn on first: ours carries its two on (screenshots from a new surface, no
# sign-in request to Google's servers).
ENABLED_FEATURES = [
    "CDPScreenshotNewSurface",
    "SkipListAccountsWithoutGaiaCookies",
    # The network service in the browser's own process: one process and ~30 MB fewer.
    # Pages still get a renderer each, by site and by context; only the browser talks to
    # the network, as before.
    "NetworkServiceInProcess2",
]
# Without these, Chromium reaches for the network in the background, and as root it
# refuses to start with its sandbox.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--mute-audio",
    "--disable-features=" + ",".join(DISABLED_FEATURES),
    "--enable-features=" + ",".join(ENABLED_FEATURES),
    "--disable-software-rasterizer",
    # With the GPU off, its process only composites in software: run that in the browser's
    # own process (one process and ~15 MB fewer; the same pictures, byte for byte).
    "--in-process-gpu",
]
# Captures one page is used for before it is replaced, so nothing an app left behind in the
# renderer (its memory, a leak) lasts long.
MAX_USES = 25
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Chromium's headless shell: the page and its renderer without the desktop browser around
# them (no window, tabs, address bar or profile services to keep up at each navigation). The
# same pictures, byte for byte, for about half the browser's CPU a capture. Playwright installs
# it beside its Chromium; Debian packages it as `chromium-headless-shell`, whose command is a
# script that runs the first of these (without `exec`, so it is taken directly).
SYSTEM_SHELLS = (
    "/usr/lib/chromium/chromium-headless-shell",
    "chromium-headless-shell",
    "chrome-headless-shell",
)


class ScreenshotBrowser(Protocol):
    """What takes a build's pictures: a browser in this process or the machine's shared one."""

    @property
    def available(self) -> bool: ...

    async def capture(self, url: str, *, founder: bool = False) -> Capture: ...

    async def prepare(self) -> None:
        """Make ready now what the first capture would otherwise wait for."""

    async def close(self) -> None: ...


async def _clear_and_count(tab: _Tab, url: str) -> bool:
    """Forget what the page's origin stored (local storage, databases, caches), and whether
    the page is the only one in its context, as the browser itself says.

    Playwright reports a window the app opened only once it has set it up, which may be after
    the page is emptied; the browser has the window from the moment the app's `window.open`
    returned (it waits for the browser to make it), so its own list is the one to trust."""
    parts = urlsplit(url)
    session = await tab.context.new_cdp_session(tab.page)
    try:
        if parts.scheme in ("http", "https"):
            origin = f"{parts.scheme}://{parts.netloc}"
            await session.send(
                "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"}
            )
        # The next capture may be of the same address, changed within the second: nothing
        # of this one is kept to be pictured from the cache then.
        await session.send("Network.clearBrowserCache")
        own = (await session.send("Target.getTargetInfo"))["targetInfo"]
        targets = (await session.send("Target.getTargets"))["targetInfos"]
    finally:
        await session.detach()
    context = own.get("browserContextId")
    return not any(
        target["targetId"] != own["targetId"]
        and target.get("browserContextId") == context
        and target.get("type") == "page"
        for target in targets
    )


def find_chromium(configured: str | None) -> str | None:
    """A setting first, then Playwright's own browser, then the system's."""
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    own = _playwright_chromium()
    if own is not None:
        return own
    for name in SYSTEM_CHROMIUMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot_chromium(configured: str | None) -> str | None:
    """The Chromium screenshots are taken with: a setting first, then a headless shell
    (Playwright's, then the system's), then any Chromium `find_chromium` finds."""
    if configured:
        return find_chromium(configured)
    found = _playwright_chromium("chromium_headless_shell-*/chrome-headless-shell-linux*/*shell")
    for name in SYSTEM_SHELLS:
        found = found or shutil.which(name)
    return found or find_chromium(None)


def _playwright_chromium(pattern: str = "chromium-*/chrome-linux*/chrome") -> str | None:
    root = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or str(Path.home() / ".cache/ms-playwright")
    for candidate in sorted(Path(root).glob(pattern), reverse=True):
        if candidate.is_file():
            return str(candidate)
    return None


@dataclass(eq=False)
class _Tab:
    """A context and its page, kept for the next capture."""

    context: BrowserContext
    page: Page
    uses: int = 0


class BrowserPool(PagePool["Browser", "_Tab"]):
    """Captures share one browser and a few recycled pages, one per capture at a time.

    A new context costs a renderer process started and set up (about a CPU-second on the
    bench machine, four times the rest of a capture), so a page is used again: between
    captures it is emptied (its cookies, and the storage of the origin it showed, cleared;
    back to a blank page), and after `MAX_USES` captures, or any failure, it is replaced.
    Apps are on this machine, on one site, and each on its own origin.
    """

    def __init__(self, executable: str | None, concurrency: int, timeout_s: float) -> None:
        super().__init__(executable, concurrency, timeout_s)
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._tabs: set[_Tab] = set()

    def _browser_errors(self) -> tuple[type[BaseException], ...]:
        from playwright.async_api import Error

        return (Error,)

    async def _ensure_browser(self) -> Browser:
        async with self._lock:
            if self._browser is not None and self._browser.is_connected():
                return self._browser
            if self.executable is None:
                raise BrowserUnavailable("no Chromium found")
            from playwright.async_api import Error, async_playwright

            if self._playwright is None:
                self._playwright = await async_playwright().start()
            self._idle.clear()
            self._tabs.clear()
            try:
                self._browser = await self._playwright.chromium.launch(
                    executable_path=self.executable, args=LAUNCH_ARGS, timeout=30_000
                )
            except Error as error:
                raise BrowserUnavailable(f"Chromium did not start: {error.message}") from error
            return self._browser

    async def warm(self) -> None:
        """Launch the browser and make a page ready now, so the first capture waits for
        neither."""
        browser = await self._ensure_browser()
        self._idle.append(await self._open_tab(browser))

    async def prepare(self) -> None:
        """Nothing ahead: a browser of this process's own starts with its first capture,
        so a process that never captures never holds one."""

    @property
    def open_pages(self) -> int:
        """Pages open now: in a capture, being emptied, or waiting for the next one."""
        return len(self._tabs)

    @staticmethod
    async def _new_tab(browser: Browser) -> _Tab:
        context = await browser.new_context(
            viewport=VIEWPORT,  # type: ignore[arg-type]
            service_workers="block",  # nothing of an app outlives its page
        )
        return _Tab(context, await context.new_page())

    async def _open_tab(self, browser: Browser) -> _Tab:
        tab = await self._new_tab(browser)
        self._tabs.add(tab)
        return tab

    async def _take(self, browser: Browser) -> _Tab:
        while self._idle:
            tab = self._idle.pop()
            if tab.context.browser is browser and not tab.page.is_closed():
                return tab
            self._tabs.discard(tab)  # its browser is gone, and the page with it
        return await self._open_tab(browser)

    async def _discard(self, browser: Browser, tab: _Tab) -> None:
        from playwright.async_api import Error

        with contextlib.suppress(Error, TimeoutError):
            async with asyncio.timeout(self.timeout_s):
                await tab.context.close()

    def _forget(self, tab: _Tab) -> None:
        self._tabs.discard(tab)

    async def _empty(self, browser: Browser, tab: _Tab, url: str, clean: bool) -> bool:
        """Whether the page was emptied to be used again."""
        keep = clean and tab.uses < MAX_USES and browser.is_connected()
        if not keep or len(self._idle) >= self._concurrency:
            return False
        await tab.page.goto("about:blank")  # the app's scripts stop here
        await tab.context.clear_cookies()
        # A window the app opened itself would keep running beside the next app's page: a
        # context with any page but ours is closed, never reused.
        alone = await _clear_and_count(tab, url)
        return alone and tab.context.pages == [tab.page]

    async def _shoot(self, browser: Browser, tab: _Tab, url: str, started: float) -> Capture:
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        page = tab.page
        response = await page.goto(url, wait_until="load")
        status = response.status if response is not None else 0
        if status >= 400:
            raise CaptureError(f"the page answered HTTP {status}")
        # Server-rendered pages are ready at load: one quick look saves setting up a wait.
        # Pages that never say they are ready are shot as they are after the settle time.
        if not await page.evaluate(READY_CHECK):
            with contextlib.suppress(PlaywrightTimeout):
                await page.wait_for_selector(
                    READY_SELECTOR, timeout=SETTLE_S * 1000, state="attached"
                )
        png = await _picture(page)
        return Capture(png=png, status=status, duration_s=time.perf_counter() - started)

    async def _shut(self) -> None:
        self._tabs.clear()
        if self._browser is not None:
            await self._browser.close()
            self._browser = None
        if self._playwright is not None:
            await self._playwright.stop()
            self._playwright = None


async def _picture(page: Page) -> bytes:
    """The page's picture; when Chromium had no frame ready, once more after the next one."""
    from playwright.async_api import Error

    try:
        return await page.screenshot(type="png", animations="disabled", caret="hide")
    except Error as error:
        if NO_FRAME not in str(error):
            raise
    await page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done(null)))")
    return await page.screenshot(type="png", animations="disabled", caret="hide")
