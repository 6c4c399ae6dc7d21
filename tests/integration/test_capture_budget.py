"""The machine's capture budget: a burst of captures never holds more pages (each a renderer
process, the bulk of a capture's memory) than the captures allowed at once, and a founder's
model reading goes before the background pictures."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from livebuild.screenshots.browser import BrowserPool, find_chromium
from tests.integration.test_shared_screenshots import OPENER, page_url  # noqa: F401

if TYPE_CHECKING:
    from playwright.async_api import Browser

CHROMIUM = find_chromium(None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here")


class _Counting(BrowserPool):
    """A pool that notes how many contexts the browser holds each time it opens one."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.counts: list[int] = []

    async def _open_tab(self, browser: Browser):  # type: ignore[no-untyped-def]
        tab = await super()._open_tab(browser)
        self.counts.append(len(browser.contexts))
        return tab


@needs_chromium
@pytest.mark.parametrize("page", ["calm", "opens a window"])
async def test_a_burst_of_captures_never_opens_more_pages_than_it_may_run(
    tmp_path: Path,
    page_url: str,  # noqa: F811
    page: str,
) -> None:
    """Twelve pictures asked at once of a pool that takes two at a time: never more than two
    pages open, even when every page must be closed rather than used again (an app that
    opens a window of its own), which is when a new page used to open beside the old."""
    if page == "opens a window":
        (tmp_path / "site" / "index.html").write_text(OPENER)
    pool = _Counting(CHROMIUM, concurrency=2, timeout_s=20)
    try:
        shots = await asyncio.gather(*(pool.capture(page_url) for _ in range(12)))
        await asyncio.gather(*pool._chores)
        assert all(shot.status == 200 and shot.png for shot in shots)
        assert pool.counts and max(pool.counts) <= 2, pool.counts
        assert pool.open_pages <= 2
        if page == "opens a window":
            assert len(pool.counts) == 12  # every capture had a page of its own
    finally:
        await pool.close()
