"""The machine's capture budget: a burst of captures never holds more pages (each a renderer
process, the bulk of a capture's memory) than the captures allowed at once, and a founder's
model reading goes before the background pictures."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from livebuild.core.cpu_share import in_background, tree
from livebuild.screenshots.browser import BrowserPool, _Tab, find_chromium
from livebuild.screenshots.gate import BACKGROUND, FOUNDER, PriorityGate
from livebuild.screenshots.shared import (
    ServicePlan,
    SharedBrowser,
    background_held,
    find,
    service_plan,
    stop,
)
from tests.conftest import make_settings
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


# An app that opens its window a moment after it is shown: the window is the browser's at
# once, Playwright's only once it has set it up, often after the page was emptied.
LATE_OPENER = (
    "<html><body data-ready='true'><h1>Walks</h1><script>"
    "setTimeout(() => window.open('/index.html?left-behind', 'stay'), 150);</script></body></html>"
)


async def _pages_beside(tab: _Tab) -> int:
    """How many pages the browser holds in `tab`'s context besides its own."""
    session = await tab.context.new_cdp_session(tab.page)
    try:
        own = (await session.send("Target.getTargetInfo"))["targetInfo"]
        targets = (await session.send("Target.getTargets"))["targetInfos"]
    finally:
        await session.detach()
    return sum(
        1
        for target in targets
        if target["type"] == "page"
        and target["targetId"] != own["targetId"]
        and target.get("browserContextId") == own.get("browserContextId")
    )


class _Reusing(BrowserPool):
    """A pool that notes, each time it takes a page used before, what else runs beside it."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.beside: list[int] = []

    async def _take(self, browser: Browser) -> _Tab:
        reused = bool(self._idle)
        tab = await super()._take(browser)
        if reused and tab.uses:
            self.beside.append(await _pages_beside(tab))
        return tab


@needs_chromium
async def test_a_window_an_app_opened_late_never_runs_beside_the_next_capture(
    tmp_path: Path,
    page_url: str,  # noqa: F811
) -> None:
    """The window is open in the browser before Playwright reports it: a page is used again
    only when the browser itself holds nothing else in its context."""
    (tmp_path / "site" / "index.html").write_text(LATE_OPENER)
    pool = _Reusing(CHROMIUM, concurrency=2, timeout_s=20)
    try:
        shots = await asyncio.gather(*(pool.capture(page_url) for _ in range(20)))
        await asyncio.gather(*pool._chores)
        assert all(shot.status == 200 and shot.png for shot in shots)
        assert not any(pool.beside), pool.beside
    finally:
        await pool.close()


async def test_a_founders_reading_holds_the_background_pictures_not_the_founders() -> None:
    gate = PriorityGate(slots=2, max_waiting=8)
    hold = gate.hold(30)
    assert hold is not None and gate.held
    background = asyncio.create_task(gate._acquire(BACKGROUND))
    await asyncio.sleep(0)
    async with gate.turn(FOUNDER):  # a founder's picture still goes at once
        assert not background.done()
    gate.release(hold)
    await asyncio.wait_for(background, 1)  # let go: the background picture goes now
    gate._release()
    assert gate.running == 0 and gate.waiting == 0


async def test_a_hold_nobody_lets_go_of_ends_on_its_own() -> None:
    """A founder's process that died mid-reading never stops the pictures for long."""
    gate = PriorityGate(slots=1, max_waiting=8)
    gate.hold(0.05)
    async with asyncio.timeout(2):
        async with gate.turn(BACKGROUND):
            assert not gate.held


@needs_chromium
async def test_background_pictures_wait_for_a_founders_reading_on_the_machine(
    tmp_path: Path,
    page_url: str,  # noqa: F811
) -> None:
    """Through the real service, as the local model's reading holds it: the stage pictures
    of other builds wait while a founder's reading runs, the pictures a founder waits on do
    not, and the service with its Chromium runs with the smaller CPU share where the host
    allows one."""
    plan = ServicePlan(tmp_path / "shots", CHROMIUM)
    browser = SharedBrowser(plan)
    try:
        await browser.capture(page_url)
        async with background_held(plan, 30):
            stage_picture = asyncio.create_task(browser.capture(page_url))
            founder_picture = await browser.capture(page_url, founder=True)
            assert founder_picture.png
            # Nothing announces a capture that didn't start: give it time it would need.
            done, _ = await asyncio.wait({stage_picture}, timeout=1.5)
            assert not done
            service = find(plan)
            assert service is not None
            log = (plan.run_dir / "service.log").read_text()
            if "no background CPU" not in log:
                family = tree(service.pid)  # the service, Playwright, Chromium, its renderers
                assert len(family) > 3 and all(in_background(pid) for pid in family)
        assert not in_background(service.pid)  # let go: back to its full share
        assert (await asyncio.wait_for(stage_picture, 20)).png
    finally:
        await browser.close()
        stop(plan)


async def test_a_reading_goes_on_unheld_without_a_service(tmp_path: Path) -> None:
    async with asyncio.timeout(5), background_held(ServicePlan(tmp_path / "none", None), 30):
        pass
    assert find(ServicePlan(tmp_path / "none", None)) is None  # and none was started


@needs_chromium
async def test_holds_refuse_strangers_and_nonsense(tmp_path: Path) -> None:
    plan = ServicePlan(tmp_path / "shots", CHROMIUM)
    browser = SharedBrowser(plan)
    try:
        address = await browser._service()
        async with httpx.AsyncClient(base_url=address.url, timeout=10) as http:
            assert (await http.post("/hold", json={"seconds": 5})).status_code == 401
            own = {"authorization": f"Bearer {address.token}"}
            for seconds in (0, -1, 10_000, True, "5", None):
                answer = await http.post("/hold", json={"seconds": seconds}, headers=own)
                assert answer.status_code == 400, seconds
            for raw in (b'{"seconds": NaN}', b'{"seconds": Infinity}', b'{"seconds": 1e999}'):
                answer = await http.post("/hold", content=raw, headers=own)
                assert answer.status_code == 400, raw
            assert (await http.post("/hold", content=b"{" * 9000, headers=own)).status_code == 400
            unknown = await http.post("/hold", json={"release": "not-a-hold"}, headers=own)
            assert unknown.json() == {"held": False}
    finally:
        await browser.close()
        stop(plan)


def test_the_local_model_holds_the_machines_pictures_only_with_the_shared_browser(
    tmp_path: Path,
) -> None:
    from livebuild.providers import provider_for
    from livebuild.providers.local import LocalProvider

    held = provider_for(make_settings(tmp_path, model_provider="local", screenshots_enabled=True))
    alone = provider_for(
        make_settings(
            tmp_path,
            model_provider="local",
            screenshots_enabled=True,
            screenshot_browser="inprocess",
        )
    )
    assert isinstance(held, LocalProvider) and isinstance(alone, LocalProvider)
    assert held.founder_hold is not alone.founder_hold
    assert service_plan(make_settings(tmp_path)).run_dir == tmp_path / "data" / "screenshot-service"
