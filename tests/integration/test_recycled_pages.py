"""A recycled capture page between two captures: nothing of the last app runs or is kept,
and the next app is pictured as if the page were new."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from livebuild.screenshots.blank import blank_reason
from livebuild.screenshots.browser import BrowserPool, find_chromium
from tests.static_site import served

CHROMIUM = find_chromium(None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to take pictures with")

# An app that keeps working after its page is ready: every few milliseconds it stores a
# cookie and a value. When it loads, it tells its server the cookies and value it found.
TICKING = (
    "<html><body><h1>Walks</h1><script>"
    "fetch('/found?' + encodeURIComponent(document.cookie + '|' + localStorage.getItem('tick')))"
    ".then(() => { document.body.dataset.ready = 'true'; });"
    "let n = 0; setInterval(() => { n += 1; document.cookie = 'tick=' + n + '; path=/';"
    "localStorage.setItem('tick', String(n)); }, 5);</script></body></html>"
)
FOUND_NOTHING = "/found?%7Cnull"  # no cookie, no stored value


def _serve(folder: Path) -> Iterator[str]:
    folder.mkdir()
    (folder / "index.html").write_text(TICKING)
    with (folder.parent / f"{folder.name}.log").open("wb") as log, served(folder, log) as url:
        yield url


@pytest.fixture
def app(tmp_path: Path) -> Iterator[str]:
    yield from _serve(tmp_path / "app")


@pytest.fixture
def other_app(tmp_path: Path) -> Iterator[str]:
    yield from _serve(tmp_path / "other")


def _found(app_log: Path) -> list[str]:
    """What the app found each time it loaded, from its server's log."""
    return re.findall(r"GET (/found\S*)", app_log.read_text())


async def test_an_app_stops_running_once_its_picture_is_taken(app: str, tmp_path: Path) -> None:
    pool = BrowserPool(CHROMIUM, concurrency=1, timeout_s=20)
    try:
        await pool.capture(app)
        await asyncio.gather(*pool._chores)
        [tab] = pool._idle
        await asyncio.sleep(0.3)  # sixty of the app's ticks, were it still running
        assert await tab.context.cookies() == []
        # The same app again, in the same page: it runs, and starts from nothing.
        shot = await pool.capture(app)
        await asyncio.gather(*pool._chores)
        assert pool._idle == [tab] and tab.uses == 2
        assert blank_reason(shot.png) is None
        assert _found(tmp_path / "app.log") == [FOUND_NOTHING] * 2
        assert await tab.context.cookies() == []
    finally:
        await pool.close()


async def test_the_next_app_finds_nothing_the_last_one_kept(
    app: str, other_app: str, tmp_path: Path
) -> None:
    """Two apps on one host share its cookies: the second must not be sent the first's."""
    pool = BrowserPool(CHROMIUM, concurrency=1, timeout_s=20)
    try:
        for _ in range(3):
            await pool.capture(app)
            await pool.capture(other_app)
        await asyncio.gather(*pool._chores)
        assert _found(tmp_path / "app.log") == [FOUND_NOTHING] * 3
        assert _found(tmp_path / "other.log") == [FOUND_NOTHING] * 3
        [tab] = pool._idle
        assert tab.uses == 6
        await tab.page.goto(app + "nothing-here")
        assert await tab.page.evaluate("localStorage.getItem('tick')") is None
    finally:
        await pool.close()
