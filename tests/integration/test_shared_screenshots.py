"""The machine's one browser: shared by every process, founders first, never fatal, never
left behind."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from livebuild.core.machine_service import alive, read_state
from livebuild.screenshots.blank import blank_reason
from livebuild.screenshots.browser import CaptureError, find_chromium
from livebuild.screenshots.gate import BACKGROUND, FOUNDER, GateFull, PriorityGate
from livebuild.screenshots.shared import ServicePlan, SharedBrowser, find, service_plan, stop
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings, start_build, wait_done
from tests.static_site import served
from tests.waits import still_running

CHROMIUM = find_chromium(None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to share")

PAGE = "<html><body data-ready='true'><h1>Walks</h1>" + "<p>A walk at noon.</p>" * 40

USER = """
import asyncio, sys
from pathlib import Path
from livebuild.screenshots.shared import ServicePlan, SharedBrowser
async def main() -> None:
    browser = SharedBrowser(ServicePlan(Path(sys.argv[1]), sys.argv[2], concurrency=2))
    shot = await browser.capture(sys.argv[3])
    print(browser._address.pid, len(shot.png), flush=True)
    sys.stdin.readline()
    await browser.close()
asyncio.run(main())
"""


@pytest.fixture
def page_url(tmp_path: Path) -> Iterator[str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PAGE)
    with served(site) as url:
        yield url


def _processes() -> dict[int, tuple[int, str]]:
    """Every process: its parent and its command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except (OSError, IndexError, ValueError):
                continue
            found[int(entry.name)] = (ppid, cmd)
    return found


def _descendants(root: int, table: dict[int, tuple[int, str]]) -> set[int]:
    out: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, (ppid, _) in table.items() if ppid in frontier} - out
        out |= frontier
    return out


def _browsers(root: int) -> set[int]:
    """Chromium's main processes (its helpers carry a --type) under `root`."""
    table = _processes()
    return {
        pid
        for pid in _descendants(root, table)
        if "chrom" in Path(table[pid][1].split(" ", 1)[0]).name and "--type=" not in table[pid][1]
    }


@needs_chromium
def test_two_processes_share_one_browser_and_leave_nothing_running(
    tmp_path: Path, page_url: str
) -> None:
    run_dir = tmp_path / "shots"
    users = [
        subprocess.Popen(
            [sys.executable, "-c", USER, str(run_dir), str(CHROMIUM), page_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        )
        for _ in range(2)
    ]
    try:
        answers = [user.stdout.readline().split() for user in users]  # type: ignore[union-attr]
        service = {int(pid) for pid, _ in answers}
        assert len(service) == 1, answers  # both were served by the same service
        assert all(int(size) > 5000 for _, size in answers)
        pid = service.pop()
        shared = _browsers(pid)
        assert len(shared) == 1  # one Chromium, the service's
        # None of their own (the service is a child of the one that started it).
        assert not any(_browsers(user.pid) - shared for user in users)
        everything = _descendants(pid, _processes()) | {pid}
        users[0].communicate("\n", timeout=30)
        assert alive(pid)  # one user left: the service stays for the other
        users[1].communicate("\n", timeout=30)
        assert still_running(everything, within_s=15) == []  # the last user gone: all stops
        assert read_state(run_dir / "service.json") is None
    finally:
        for user in users:
            user.kill()
        stop(ServicePlan(run_dir, CHROMIUM))


async def test_the_queue_lets_a_founder_go_first_then_arrival_order() -> None:
    gate = PriorityGate(slots=1, max_waiting=3)
    order: list[str] = []
    holding = asyncio.Event()

    async def take(name: str, priority: int) -> None:
        async with gate.turn(priority):
            order.append(name)
            if name == "first":
                await holding.wait()

    first = asyncio.create_task(take("first", BACKGROUND))
    await asyncio.sleep(0)
    waiting = []
    for name, priority in (("stage 1", BACKGROUND), ("stage 2", BACKGROUND), ("ready", FOUNDER)):
        waiting.append(asyncio.create_task(take(name, priority)))
        await asyncio.sleep(0)
    with pytest.raises(GateFull):
        await take("one too many", BACKGROUND)
    holding.set()
    await asyncio.gather(first, *waiting)
    assert order == ["first", "ready", "stage 1", "stage 2"]
    assert gate.running == 0 and gate.waiting == 0


async def test_a_capture_that_gives_up_waiting_passes_its_turn_on() -> None:
    gate = PriorityGate(slots=1, max_waiting=5)
    async with gate.turn(BACKGROUND):
        leaver = asyncio.create_task(gate._acquire(FOUNDER))
        stayer = asyncio.create_task(gate._acquire(BACKGROUND))
        await asyncio.sleep(0)
        leaver.cancel()
        await asyncio.sleep(0)
    await asyncio.wait_for(stayer, 1)
    gate._release()
    assert gate.running == 0 and gate.waiting == 0


@needs_chromium
async def test_a_crashed_service_is_started_again(tmp_path: Path, page_url: str) -> None:
    plan = ServicePlan(tmp_path / "shots", CHROMIUM)
    browser = SharedBrowser(plan)
    try:
        assert blank_reason((await browser.capture(page_url)).png) is None
        first = find(plan)
        assert first is not None
        os.killpg(first.pid, signal.SIGKILL)  # the service and its Chromium, at once
        shot = await browser.capture(page_url, founder=True)
        assert blank_reason(shot.png) is None
        again = find(plan)
        assert again is not None and again.pid != first.pid
    finally:
        await browser.close()
        stop(plan)


@needs_chromium
async def test_the_service_refuses_strangers_and_the_wider_web(
    tmp_path: Path, page_url: str
) -> None:
    plan = ServicePlan(tmp_path / "shots", CHROMIUM)
    browser = SharedBrowser(plan)
    try:
        address = await browser._service()
        async with httpx.AsyncClient(base_url=address.url, timeout=10) as http:
            stranger = await http.post("/capture", json={"url": page_url})
            assert stranger.status_code == 401
            wrong = {"authorization": "Bearer " + "x" * 43}
            assert (await http.get("/health", headers=wrong)).status_code == 401
            own = {"authorization": f"Bearer {address.token}"}
            for url in (
                "http://example.com/",
                "file:///etc/passwd",
                "http://user:pw@127.0.0.1:1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://127.0.0.1:99999/",
                "javascript:alert(1)",
                "x" * 5000,
            ):
                answer = await http.post("/capture", json={"url": url}, headers=own)
                assert answer.status_code == 400, url
            huge = await http.post("/capture", content=b"{" * 10_000, headers=own)
            assert huge.status_code == 400
            bad_user = await http.post("/users", json={"pid": True, "name": ""}, headers=own)
            assert bad_user.status_code == 400
    finally:
        await browser.close()
        stop(plan)


@needs_chromium
async def test_a_process_that_runs_builds_has_the_browser_ready_before_its_first_build(
    tmp_path: Path,
) -> None:
    """The first founder after a start doesn't wait for Chromium to start at the first
    picture: the process starts (or finds) the machine's browser as it starts itself."""
    settings = make_settings(tmp_path, screenshots_enabled=True)
    plan = service_plan(settings)
    app = create_app(settings)
    async for client in _client_for(app):
        await app.state.services.shots_warming  # started with the process, not by a build
        ready = find(plan)
        assert ready is not None
        build = await start_build(client)
        job = await wait_done(client, build["job_id"])
        assert job["status"] == "ready"
        shots = (await client.get(f"/api/jobs/{build['job_id']}/snapshots")).json()
        assert len(shots["snapshots"]) >= 4  # a picture after each stage that wrote files
        served = find(plan)
        assert served is not None and served.pid == ready.pid  # by the browser made ready
    stop(plan)


async def test_a_service_that_cannot_start_never_fails_a_build(tmp_path: Path) -> None:
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\necho 'this browser is broken' >&2\nexit 3\n")
    broken.chmod(0o755)
    settings = make_settings(tmp_path, screenshots_enabled=True, chromium_path=str(broken))
    async for client in _client_for(create_app(settings)):
        build = await start_build(client)
        job = await wait_done(client, build["job_id"])
        assert job["status"] == "ready"
        shots = (await client.get(f"/api/jobs/{build['job_id']}/snapshots")).json()
        assert shots["snapshots"] == []
    assert find(ServicePlan(settings.data_dir / "screenshot-service", str(broken))) is None


async def test_a_capture_error_names_the_service_not_a_trace(tmp_path: Path) -> None:
    plan = ServicePlan(tmp_path / "shots", "/bin/false", start_timeout_s=5)
    browser = SharedBrowser(plan)
    try:
        with pytest.raises(CaptureError) as raised:
            await browser.capture("http://127.0.0.1:1/")
        assert "screenshot service" in str(raised.value)
        assert "Traceback" not in str(raised.value)
    finally:
        await browser.close()


def test_the_settings_choose_whose_browser_takes_pictures(tmp_path: Path) -> None:
    from livebuild.screenshots.browser import BrowserPool
    from livebuild.services import screenshot_browser

    shared = screenshot_browser(make_settings(tmp_path))
    assert isinstance(shared, SharedBrowser)
    assert shared.plan.run_dir == tmp_path / "data" / "screenshot-service"
    elsewhere = make_settings(tmp_path, screenshot_service_dir=tmp_path / "machine")
    assert screenshot_browser(elsewhere).plan.run_dir == tmp_path / "machine"  # type: ignore[attr-defined]
    own = screenshot_browser(make_settings(tmp_path, screenshot_browser="inprocess"))
    assert isinstance(own, BrowserPool)


STORING = (
    "<html><body><h1>Walks</h1>" + "<p>A walk at noon.</p>" * 40 + "<script>"
    "localStorage.setItem('walks', 'kept'); document.cookie = 'walker=kept; path=/';"
    "document.body.dataset.ready = 'true';</script></body></html>"
)


@needs_chromium
async def test_a_recycled_page_keeps_nothing_of_the_app_it_showed(
    tmp_path: Path, page_url: str
) -> None:
    from livebuild.screenshots.browser import BrowserPool

    (tmp_path / "site" / "index.html").write_text(STORING)
    pool = BrowserPool(CHROMIUM, concurrency=1, timeout_s=20)
    try:
        await pool.capture(page_url)
        await asyncio.gather(*pool._chores)
        [tab] = pool._idle
        assert await tab.context.cookies() == []
        assert tab.page.url == "about:blank"
        await pool.capture(page_url)
        await asyncio.gather(*pool._chores)
        assert pool._idle == [tab] and tab.uses == 2  # the same page, used again
        await tab.page.goto(page_url + "nothing-here")
        assert await tab.page.evaluate("localStorage.getItem('walks')") is None
    finally:
        await pool.close()


OPENER = (
    "<html><body data-ready='true'><h1>Walks</h1><script>"
    "window.open('/index.html?left-behind', 'stay');</script></body></html>"
)


@needs_chromium
async def test_a_page_an_app_opened_never_outlives_its_capture(
    tmp_path: Path, page_url: str
) -> None:
    """A hostile app opens a window of its own: it must not stay running beside the next
    founder's app in a recycled page's context."""
    from livebuild.screenshots.browser import BrowserPool

    (tmp_path / "site" / "index.html").write_text(OPENER)
    pool = BrowserPool(CHROMIUM, concurrency=1, timeout_s=20)
    try:
        await pool.capture(page_url)
        await asyncio.gather(*pool._chores)
        for tab in pool._idle:
            assert [page.url for page in tab.context.pages] == ["about:blank"]
    finally:
        await pool.close()


@needs_chromium
async def test_the_service_runs_no_driver_beside_its_browser(tmp_path: Path, page_url: str) -> None:
    """The machine's browser is spoken to directly: no Node driver (~100 MB at the capture
    peak) runs under the service, only Chromium."""
    plan = ServicePlan(tmp_path / "shots", CHROMIUM)
    browser = SharedBrowser(plan)
    try:
        assert blank_reason((await browser.capture(page_url)).png) is None
        service = find(plan)
        assert service is not None
        table = _processes()
        under = [table[pid][1] for pid in _descendants(service.pid, table)]
        assert under and not [command for command in under if "node" in command.split(" ")[0]]
        assert all("chrom" in command.split(" ")[0] for command in under)
    finally:
        await browser.close()
        stop(plan)
