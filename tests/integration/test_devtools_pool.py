"""The machine's screenshot browser spoken to over the DevTools protocol directly: the same
pictures as through Playwright, pages recycled clean, and a hostile or broken app never
stalls or poisons the next capture."""

from __future__ import annotations

import asyncio
import hashlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from livebuild.screenshots.blank import blank_reason
from livebuild.screenshots.browser import BrowserPool, CaptureError, screenshot_chromium
from livebuild.screenshots.devtools import DevToolsPool
from tests.static_site import served

CHROMIUM = screenshot_chromium(None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to drive")

PAGE = "<html><body data-ready='true'><h1>Walks</h1>" + "<p>A walk at noon.</p>" * 40
STORING = (
    "<html><body><h1>Walks</h1><script>"
    "localStorage.setItem('walks', 'kept'); document.cookie = 'walker=kept; path=/';"
    "document.body.dataset.ready = 'true';</script></body></html>"
)
OPENER = (
    "<html><body data-ready='true'><h1>Walks</h1><script>"
    "window.open('/index.html?left-behind', 'stay');</script></body></html>"
)
ALERTING = "<html><body data-ready='true'><h1>Walks</h1><script>alert('hi');</script></body></html>"
LATE = (
    "<html><body><h1>Walks</h1><script>setTimeout(() => {"
    "document.querySelector('h1').textContent = 'Ready walks';"
    "document.body.dataset.ready = 'true'; }, 150);</script></body></html>"
)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text(PAGE)
    with served(folder) as url:
        yield folder, url


async def _picture(pool: BrowserPool | DevToolsPool, url: str) -> bytes:
    try:
        return (await pool.capture(url)).png
    finally:
        await pool.close()


async def test_the_pictures_are_the_ones_playwright_takes(site: tuple[Path, str]) -> None:
    folder, url = site
    (folder / "late.html").write_text(LATE)
    for page in (url, url + "late.html"):
        ours = await _picture(DevToolsPool(CHROMIUM, 1, 20), page)
        theirs = await _picture(BrowserPool(CHROMIUM, 1, 20), page)
        assert blank_reason(ours) is None
        assert hashlib.sha256(ours).digest() == hashlib.sha256(theirs).digest()


async def test_a_recycled_page_keeps_nothing_of_the_app_it_showed(
    site: tuple[Path, str],
) -> None:
    folder, url = site
    (folder / "index.html").write_text(STORING)
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=20)
    try:
        await pool.capture(url)
        await asyncio.gather(*pool._chores)
        [tab] = pool._idle
        await pool.capture(url)
        await asyncio.gather(*pool._chores)
        assert pool._idle == [tab] and tab.uses == 2  # the same page, used again
        browser = await pool._ensure_browser()
        await pool._go(browser, tab, url + "nothing-here")
        kept = "[localStorage.getItem('walks'), document.cookie]"
        assert await pool._evaluate(browser, tab, kept) == [None, ""]
    finally:
        await pool.close()


async def test_a_page_an_app_opened_never_outlives_its_capture(site: tuple[Path, str]) -> None:
    folder, url = site
    (folder / "index.html").write_text(OPENER)
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=20)
    try:
        await pool.capture(url)
        await asyncio.gather(*pool._chores)
        browser = await pool._ensure_browser()
        targets = (await browser.send("Target.getTargets"))["targetInfos"]
        pages = [t for t in targets if t["type"] == "page"]
        assert pool._idle == [] and pool.open_pages == 0 and pages == []
        assert blank_reason((await pool.capture(url)).png) is None  # a fresh page next
    finally:
        await pool.close()


async def test_an_app_that_opens_a_dialog_still_gets_its_picture(site: tuple[Path, str]) -> None:
    folder, url = site
    (folder / "index.html").write_text(ALERTING)
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=10)
    try:
        assert blank_reason((await pool.capture(url)).png) is None
    finally:
        await pool.close()


async def test_a_missing_page_or_a_closed_port_is_a_capture_error(
    site: tuple[Path, str],
) -> None:
    _, url = site
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=10)
    try:
        with pytest.raises(CaptureError, match="HTTP 404"):
            await pool.capture(url + "nothing-here")
        with pytest.raises(CaptureError, match="did not load"):
            await pool.capture("http://127.0.0.1:1/")
        assert blank_reason((await pool.capture(url)).png) is None
    finally:
        await pool.close()


async def test_a_browser_that_died_is_started_again(site: tuple[Path, str]) -> None:
    _, url = site
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=10)
    try:
        await pool.capture(url)
        first = pool._browser
        assert first is not None and first._process is not None
        os.kill(first._process.pid, signal.SIGKILL)
        try:
            shot = await pool.capture(url)
        except CaptureError:  # at most the capture that found it dead is lost
            shot = await pool.capture(url)
        assert blank_reason(shot.png) is None
        assert pool._browser is not first
    finally:
        await pool.close()
