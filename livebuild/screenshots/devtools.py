"""The machine's screenshot browser driven over the DevTools protocol, with no driver between.

The same contract and the same pictures as `BrowserPool` (Playwright): one warm Chromium, a
few recycled pages, each emptied between captures and replaced after `MAX_USES` or any
failure. What Playwright adds around each page load (its scripts injected into every page,
the network and frame events it follows) is not done, and its Node driver is not run.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from livebuild.screenshots.browser import (
    LAUNCH_ARGS,
    MAX_USES,
    SETTLE_S,
    VIEWPORT,
    BrowserUnavailable,
    Capture,
    CaptureError,
)
from livebuild.screenshots.devtools_pipe import DevToolsPipe, ProtocolError
from livebuild.screenshots.page_pool import NO_FRAME, PagePool

# One look at the page, in one command: its HTTP status (from its own record of the
# navigation; 0 for a local page), then, unless that is an error, up to the settle time for a
# page that says when it is ready, then the page made still as Playwright prepares a picture:
# no caret, in the page and its same-origin frames, animations at their end (endless ones
# back at their start), the fonts loaded, and a frame drawn with all that. It answers the
# status. One command instead of four: a fifth less of the page's own CPU a capture, the same
# pictures.
# The no-caret rule restyles the whole page (~10 ms of the renderer's CPU a picture), so it
# is added where a caret can show: something but the page itself has the focus, in the page
# or a frame (a box, a frame, a shadow root's host), or the page takes typing (design mode,
# an editable body); and, if none has yet, the moment anything takes the focus before the
# picture is drawn (a focus event reaches the page from a shadow root too).
LOOK = (
    """new Promise((done) => {
  const status = (performance.getEntriesByType('navigation')[0] || {}).responseStatus || 0;
  if (status >= 400) return done(status);
  const end = Date.now() + """
    + str(round(SETTLE_S * 1000))
    + """;
  const still = () => {
    const frames = [document];
    for (const frame of document.querySelectorAll('iframe')) {
      try { if (frame.contentDocument) frames.push(frame.contentDocument); } catch (e) {}
    }
    let hidden = false;
    const hide = () => {
      if (hidden) return;
      hidden = true;
      for (const page of frames) {
        const style = page.createElement('style');
        style.textContent = '*:not(#livebuild-still) { caret-color: transparent !important; }';
        (page.head || page.documentElement).appendChild(style);
      }
    };
    const typing = (page) => {
      const at = page.activeElement, root = page.documentElement;
      return (at !== null && at !== page.body && at !== root) || root.isContentEditable
        || (page.body !== null && page.body.isContentEditable);
    };
    if (frames.some(typing)) hide();
    else for (const page of frames) page.addEventListener('focusin', hide, true);
    for (const animation of document.getAnimations()) {
      const timing = animation.effect && animation.effect.getComputedTiming();
      if (timing && timing.endTime !== Infinity) animation.finish(); else animation.cancel();
    }
    document.fonts.ready.then(() => requestAnimationFrame(() => done(status)));
  };
  (function look() {
    if ((document.body !== null && document.body.dataset.ready === 'true') || Date.now() > end)
      return still();
    setTimeout(look, 20);
  })();
})"""
)


@dataclass(eq=False)
class _Tab:
    """A browser context of its own and its one page, attached for commands."""

    context: str
    target: str
    session: str
    uses: int = 0
    loads: dict[str, asyncio.Future[None]] = field(default_factory=dict)
    # Loads heard before anyone waited for them (the newest few).
    loaded: list[str] = field(default_factory=list)


class DevToolsPool(PagePool[DevToolsPipe, "_Tab"]):
    """Captures share one browser and a few recycled pages, one per capture at a time (see
    `BrowserPool`: the same turns, bounds and errors)."""

    def __init__(self, executable: str | None, concurrency: int, timeout_s: float) -> None:
        super().__init__(executable, concurrency, timeout_s)
        self._browser: DevToolsPipe | None = None
        self._tabs: dict[str, _Tab] = {}  # by session

    def _browser_errors(self) -> tuple[type[BaseException], ...]:
        return (ProtocolError,)

    @property
    def open_pages(self) -> int:
        return len(self._tabs)

    async def _ensure_browser(self) -> DevToolsPipe:
        async with self._lock:
            if self._browser is not None and self._browser.connected:
                return self._browser
            if self.executable is None:
                raise BrowserUnavailable("no Chromium found")
            if self._browser is not None:
                # Forgotten first: a browser that fails to close never blocks the next.
                gone, self._browser = self._browser, None
                await gone.close()
            self._idle.clear()
            self._tabs.clear()
            browser = DevToolsPipe()
            browser.listeners.add(self._heard)
            try:
                async with asyncio.timeout(30):
                    await browser.launch(self.executable, LAUNCH_ARGS)
                    await browser.send("Browser.getVersion")
            except (OSError, ProtocolError, TimeoutError) as error:
                await browser.close()
                raise BrowserUnavailable(f"Chromium did not start: {error!r}") from error
            self._browser = browser
            return browser

    def _heard(self, method: str, params: dict[str, Any], session: str | None) -> None:
        """Events: a page's load, a dialog it opened (dismissed), its renderer's crash."""
        tab = self._tabs.get(session or "")
        if tab is None:
            return
        if method == "Page.lifecycleEvent" and params.get("name") == "load":
            loader = str(params.get("loaderId", ""))
            loaded = tab.loads.pop(loader, None)
            if loaded is None:
                tab.loaded = [*tab.loaded[-7:], loader]
            elif not loaded.done():
                loaded.set_result(None)
        elif method == "Page.javascriptDialogOpening" and self._browser is not None:
            self._chore(self._dismiss(self._browser, tab))
        elif method in ("Inspector.targetCrashed", "Inspector.detached"):
            for loaded in tab.loads.values():
                if not loaded.done():
                    loaded.set_exception(CaptureError("the page's renderer crashed"))

    async def _dismiss(self, browser: DevToolsPipe, tab: _Tab) -> None:
        with contextlib.suppress(ProtocolError):
            await browser.send("Page.handleJavaScriptDialog", {"accept": False}, tab.session)

    async def warm(self) -> None:
        """Launch the browser and make a page ready now (bounded: a browser that can't make
        one in time is ended, and start-up fails rather than hangs)."""
        browser = await self._ensure_browser()
        try:
            async with asyncio.timeout(self.timeout_s):
                self._idle.append(await self._open_tab(browser))
        except (ProtocolError, TimeoutError) as error:
            await browser.close()
            raise BrowserUnavailable(f"Chromium made no page: {error!r}") from error

    async def prepare(self) -> None:
        """Nothing ahead: the browser starts with the first capture."""

    async def _open_tab(self, browser: DevToolsPipe) -> _Tab:
        """A new context and its page; a context half made (a command refused, or out of
        time) is disposed of, in the background so no failure waits for it."""
        context = (await browser.send("Target.createBrowserContext"))["browserContextId"]
        session: str | None = None
        try:
            made = {"url": "about:blank", "browserContextId": context}
            target = (await browser.send("Target.createTarget", made))["targetId"]
            attach = {"targetId": target, "flatten": True}
            session = (await browser.send("Target.attachToTarget", attach))["sessionId"]
            tab = _Tab(context, target, session)
            self._tabs[session] = tab
            size = {**VIEWPORT, "deviceScaleFactor": 1, "mobile": False}
            for method, params in (
                ("Page.enable", {}),
                ("Page.setLifecycleEventsEnabled", {"enabled": True}),
                ("Emulation.setDeviceMetricsOverride", size),
                # Nothing of an app outlives its page: no service worker of its own.
                ("Network.setBypassServiceWorker", {"bypass": True}),
            ):
                await browser.send(method, params, session)
            return tab
        except BaseException:
            if session is not None:
                self._tabs.pop(session, None)
            self._chore(self._dispose(browser, context))
            raise

    async def _take(self, browser: DevToolsPipe) -> _Tab:
        while self._idle:
            tab = self._idle.pop()
            if tab.session in self._tabs:
                return tab
        return await self._open_tab(browser)

    async def _go(self, browser: DevToolsPipe, tab: _Tab, url: str) -> None:
        """Navigate the page and wait for its load event."""
        loaded: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        went = await browser.send("Page.navigate", {"url": url}, tab.session)
        if went.get("errorText"):
            raise CaptureError(f"the page did not load: {went['errorText']}")
        loader = str(went.get("loaderId", ""))
        if not loader or loader in tab.loaded:  # nothing loads, or it has already
            return
        tab.loads[loader] = loaded
        try:
            await loaded
        finally:
            tab.loads.pop(loader, None)

    async def _evaluate(self, browser: DevToolsPipe, tab: _Tab, expression: str) -> Any:
        asked = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        answer = await browser.send("Runtime.evaluate", asked, tab.session)
        if "exceptionDetails" in answer:
            raise CaptureError("the page could not be read for its picture")
        return answer.get("result", {}).get("value")

    async def _shoot(self, browser: DevToolsPipe, tab: _Tab, url: str, started: float) -> Capture:
        await self._go(browser, tab, url)
        status = int(await self._evaluate(browser, tab, LOOK) or 0)
        if status >= 400:
            raise CaptureError(f"the page answered HTTP {status}")
        png = await self._picture(browser, tab)
        return Capture(png=png, status=status, duration_s=time.perf_counter() - started)

    async def _picture(self, browser: DevToolsPipe, tab: _Tab) -> bytes:
        """The page's picture; when Chromium had no frame ready, once more after the next.

        Encoded at zlib's fastest level: the same pixels in a file about a third larger,
        for about a third less of the browser's own CPU a picture (encoding was most of it)."""
        clip = {"x": 0, "y": 0, **VIEWPORT, "scale": 1}
        asked = {
            "format": "png",
            "clip": clip,
            "captureBeyondViewport": False,
            "optimizeForSpeed": True,
        }
        try:
            shot = await browser.send("Page.captureScreenshot", asked, tab.session)
        except ProtocolError as error:
            if NO_FRAME not in str(error):
                raise
            frame = "new Promise((done) => requestAnimationFrame(() => done(null)))"
            await self._evaluate(browser, tab, frame)
            shot = await browser.send("Page.captureScreenshot", asked, tab.session)
        return base64.b64decode(shot["data"])

    async def _discard(self, browser: DevToolsPipe, tab: _Tab) -> None:
        await self._dispose(browser, tab.context)

    def _forget(self, tab: _Tab) -> None:
        self._tabs.pop(tab.session, None)

    async def _dispose(self, browser: DevToolsPipe, context: str) -> None:
        """Close a context and all its pages (bounded; a browser that won't is relaunched
        past that)."""
        with contextlib.suppress(ProtocolError, TimeoutError):
            async with asyncio.timeout(self.timeout_s):
                await browser.send("Target.disposeBrowserContext", {"browserContextId": context})

    async def _empty(self, browser: DevToolsPipe, tab: _Tab, url: str, clean: bool) -> bool:
        """Whether the page was emptied to be used again."""
        keep = clean and tab.uses < MAX_USES and browser.connected
        if not keep or len(self._idle) >= self._concurrency:
            return False
        await self._go(browser, tab, "about:blank")  # the app's scripts stop here
        await browser.send("Storage.clearCookies", {"browserContextId": tab.context})
        parts = urlsplit(url)
        if parts.scheme in ("http", "https"):
            origin = {"origin": f"{parts.scheme}://{parts.netloc}", "storageTypes": "all"}
            await browser.send("Storage.clearDataForOrigin", origin, tab.session)
        # The next capture may be of the same address, changed within the second: nothing
        # of this one is kept to be pictured from the cache then.
        await browser.send("Network.clearBrowserCache", {}, tab.session)
        # A window the app opened itself would keep running beside the next app's page: a
        # context with any page but ours is closed, never reused.
        targets = (await browser.send("Target.getTargets"))["targetInfos"]
        pages = [t for t in targets if t.get("browserContextId") == tab.context]
        return [t["targetId"] for t in pages] == [tab.target]

    async def _shut(self) -> None:
        self._tabs.clear()
        if self._browser is not None:
            await self._browser.close()
            self._browser = None
