"""Live screenshots with real Chromium: stored, announced, cached, and never fatal."""

from __future__ import annotations

import asyncio
import io
import os
import random
import re
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from PIL import Image

from bench import machine_procs as procs
from livebuild.appgen import app_files
from livebuild.brief import derive_brief
from livebuild.core.net import free_port
from livebuild.core.stages import Stage
from livebuild.engine.runners.base import Runner, StageOutput, StageRequest, write_files
from livebuild.screenshots.blank import blank_reason
from livebuild.screenshots.browser import BrowserPool, find_chromium, screenshot_chromium
from livebuild.settings import Settings
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings, start_build, stream_all, wait_done
from tests.integration.test_appgen import fetch, running_app, write_app
from tests.shared_build import FinishedBuild

CHROMIUM = find_chromium(None)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium: `apt-get install chromium` (scripts/setup does)"
)

BLANK_APP = """
import http.server, os
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response({status}); self.send_header("Content-Type", "text/html")
        self.end_headers(); self.wfile.write(b"<html><body data-ready='true'></body></html>")
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
"""


class BlankAppRunner(Runner):
    """An app that answers with an empty white page (or an HTTP error) at every stage."""

    name = "blank"

    def __init__(self, status: int = 200) -> None:
        self.status = status

    async def run_stage(self, request: StageRequest) -> StageOutput:
        if request.stage is Stage.SCAFFOLD:
            write_files(request.workspace, {"app.py": BLANK_APP.format(status=self.status)})
        return StageOutput(tokens=1)


def shots_settings(tmp_path: Path, **overrides: Any) -> Settings:
    return make_settings(tmp_path, screenshots_enabled=True, **overrides)


async def _client(
    settings: Settings, runner: Runner | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client_for(create_app(settings, runner=runner)):
        yield client


async def _logs(client: httpx.AsyncClient, job_id: str) -> str:
    return "\n".join((await client.get(f"/api/jobs/{job_id}/logs")).json()["lines"])


def _png(color: bool, size: tuple[int, int] = (1280, 800)) -> bytes:
    if color:
        rng = random.Random(7)
        image = Image.new("RGB", size)
        image.putdata(
            [
                (rng.randrange(256), rng.randrange(256), rng.randrange(256))
                for _ in range(size[0] * size[1])
            ]
        )
    else:
        image = Image.new("RGB", size, (250, 250, 250))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=0)
    return buffer.getvalue()


@needs_chromium
async def test_a_pictures_address_outlives_the_port_it_was_taken_on(
    finished_build_with_screenshots: FinishedBuild,
) -> None:
    """A build made in the terminal (`livebuild build`, served on a port of its own until the
    command ends) and opened later in `livebuild serve`: its pictures are livebuild's own
    paths, not the terminal's address, so they still show."""
    build = finished_build_with_screenshots.build
    async with finished_build_with_screenshots.client() as client:
        rows = (await client.get(f"/api/jobs/{build['job_id']}/snapshots")).json()["snapshots"]
        status = (await client.get(f"/api/jobs/{build['job_id']}")).json()
    assert rows and all(row["url"].startswith("/blobs/snapshots/") for row in rows), rows
    assert status["snapshot_url"].startswith("/blobs/snapshots/")


def test_blank_detection() -> None:
    assert "bytes" in (blank_reason(_png(True, (8, 8))) or "")
    uniform = _png(False, (400, 300))
    assert len(uniform) > 5 * 1024
    assert "one colour" in (blank_reason(uniform) or "")
    assert blank_reason(_png(True, (400, 300))) is None
    assert "could not be read" in (blank_reason(b"x" * 6000) or "")


@needs_chromium
async def test_a_build_yields_distinct_stored_screenshots(
    finished_build_with_screenshots: FinishedBuild,
) -> None:
    build = finished_build_with_screenshots.build
    async with finished_build_with_screenshots.client() as client:
        events = await stream_all(client, build["job_id"])
        announced = [e for e in events if e["type"] == "snapshot.updated"]
        listed = (await client.get(f"/api/jobs/{build['job_id']}/snapshots")).json()
        rows = listed["snapshots"]
        assert len(rows) >= 3
        assert [r["url"] for r in rows] == [e["snapshot_url"] for e in announced]
        assert [r["stage"] for r in rows][:3] == ["scaffold", "code", "deps"]
        images = []
        for row in rows:
            assert (row["width"], row["height"]) == (1280, 800)
            answer = await client.get(httpx.URL(row["url"]).raw_path.decode())
            assert answer.status_code == 200
            assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
            assert answer.headers["content-type"] == "image/png"
            assert blank_reason(answer.content) is None
            images.append(answer.content)
        assert len(set(images)) == len(images)
        status = (await client.get(f"/api/jobs/{build['job_id']}")).json()
        assert status["snapshot_url"] == rows[-1]["url"]
        assert events[-1]["snapshot_url"] == rows[-1]["url"]
        assert status["snapshot_note"] is None


@needs_chromium
async def test_each_stage_picture_arrives_with_its_log_lines(
    finished_build_with_screenshots: FinishedBuild,
) -> None:
    """A picture after every stage, and the technical log says so when the picture shows:
    its row, its event and its lines are stored together, in stage order."""
    build = finished_build_with_screenshots.build
    async with finished_build_with_screenshots.client() as client:
        events = await stream_all(client, build["job_id"])
        stages = [e["stage"] for e in events if e["type"] == "snapshot.updated"]
        assert stages[:4] == ["scaffold", "code", "deps", "checks"]
        lines = (await client.get(f"/api/jobs/{build['job_id']}/logs")).json()["lines"]

    def first(words: str) -> int:
        return next(i for i, line in enumerate(lines) if words in line)

    for stage, after in [("scaffold", "code"), ("code", "deps"), ("deps", "checks")]:
        took = first(f"screenshot after {stage} took")
        assert f"screenshot after {stage} stored (" in lines[took + 1]
        assert first(f"[{stage}] finished") < took < first(f"[{after}] started")
        # The machine's screenshot service says its own part, so a wait in its queue shows.
        times = re.search(r"took (\d+) ms \(the browser (\d+) ms of it\)", lines[took])
        assert times is not None, lines[took]
        assert 0 < int(times[2]) <= int(times[1])


@needs_chromium
async def test_snapshot_urls_outside_the_build_answer_404(
    finished_build_with_screenshots: FinishedBuild,
) -> None:
    build = finished_build_with_screenshots.build
    async with finished_build_with_screenshots.client() as client:
        # Another build on the same server, with screenshots of its own.
        other = await start_build(client, "A recipe box for busy parents")
        await stream_all(client, other["job_id"])
        row = (await client.get(f"/api/jobs/{build['job_id']}/snapshots")).json()["snapshots"][0]
        name = row["url"].rsplit("/", 1)[1]
        for path in (
            f"/blobs/snapshots/{other['job_id']}/{name}",
            f"/blobs/snapshots/{build['job_id']}/..%2F..%2Flivebuild.db",
            f"/blobs/snapshots/{build['job_id']}/%2E%2E",
            f"/blobs/snapshots/{build['job_id']}/missing.png",
            "/blobs/../livebuild.store.db",
        ):
            assert (await client.get(path)).status_code == 404, path


@needs_chromium
@pytest.mark.parametrize("status", [200, 404])
async def test_blank_or_broken_pages_never_fail_the_build(tmp_path: Path, status: int) -> None:
    async for client in _client(shots_settings(tmp_path), BlankAppRunner(status)):
        build = await start_build(client)
        events = await stream_all(client, build["job_id"])
        assert events[-1]["type"] == "build.completed"
        assert not [e for e in events if e["type"] == "snapshot.updated"]
        logs = await _logs(client, build["job_id"])
        reason = "blank screenshot discarded" if status == 200 else "answered HTTP 404"
        assert logs.count(reason) == 6  # three stages, each tried twice
        assert "stopped for this build after 3 failures in a row" in logs
        assert "screenshot after checks" not in logs  # the breaker held
        status_now = (await client.get(f"/api/jobs/{build['job_id']}")).json()
        assert status_now["snapshot_note"] and "app itself is fine" in status_now["snapshot_note"]


@needs_chromium
async def test_pictures_are_checked_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telling a blank picture from a real one decodes it (tens of ms of CPU): done on the
    event loop, every status answer of a busy server waited behind it."""
    from livebuild.screenshots import service

    threads: list[bool] = []

    def checked(png: bytes) -> str | None:
        threads.append(threading.current_thread() is threading.main_thread())
        return blank_reason(png)

    monkeypatch.setattr(service, "blank_reason", checked)
    async for client in _client(shots_settings(tmp_path), BlankAppRunner(200)):
        build = await start_build(client)
        events = await stream_all(client, build["job_id"])
        assert events[-1]["type"] == "build.completed"
        assert "blank screenshot discarded" in await _logs(client, build["job_id"])
    assert threads and not any(threads)


async def test_no_chromium_still_builds_and_says_so(tmp_path: Path) -> None:
    settings = shots_settings(tmp_path, chromium_path="/nonexistent/chromium")
    async for client in _client(settings):
        build = await start_build(client)
        events = await stream_all(client, build["job_id"])
        assert events[-1]["type"] == "build.completed"
        status = (await client.get(f"/api/jobs/{build['job_id']}")).json()
        assert "aren't available" in status["snapshot_note"]
        assert "no Chromium was found" in await _logs(client, build["job_id"])


@needs_chromium
async def test_broken_storage_still_builds(tmp_path: Path, aws_env: None) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    settings = shots_settings(
        tmp_path, blob_storage="s3", s3_bucket="nowhere", s3_endpoint_url=dead
    )
    async for client in _client(settings):
        build = await start_build(client)
        events = await stream_all(client, build["job_id"])
        assert events[-1]["type"] == "build.completed"
        assert "storing the screenshot failed" in await _logs(client, build["job_id"])


@needs_chromium
async def test_screenshots_go_to_s3_compatible_storage(tmp_path: Path, s3_endpoint: str) -> None:
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    s3.create_bucket(Bucket="shots")
    settings = shots_settings(
        tmp_path,
        blob_storage="s3",
        s3_bucket="shots",
        s3_prefix="lb",
        s3_endpoint_url=s3_endpoint,
        blob_public_url="https://cdn.example.test",
    )
    async for client in _client(settings):
        build = await start_build(client)
        await stream_all(client, build["job_id"])
        rows = (await client.get(f"/api/jobs/{build['job_id']}/snapshots")).json()["snapshots"]
    assert len(rows) >= 3
    for row in rows:
        assert row["url"].startswith(f"https://cdn.example.test/lb/snapshots/{build['job_id']}/")
        key = row["url"].removeprefix("https://cdn.example.test/")
        stored = s3.get_object(Bucket="shots", Key=key)
        assert stored["CacheControl"] == "public, max-age=31536000, immutable"
        assert stored["ContentType"] == "image/png"
        assert blank_reason(stored["Body"].read()) is None


@needs_chromium
async def test_screenshots_can_be_switched_off(tmp_path: Path) -> None:
    async for client in _client(make_settings(tmp_path, screenshots_enabled=False)):
        build = await start_build(client)
        events = await stream_all(client, build["job_id"])
        assert not [e for e in events if e["type"] == "snapshot.updated"]
        assert events[-1]["type"] == "build.completed"


@needs_chromium
async def test_a_dead_browser_is_relaunched(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<body data-ready='true'><h1>Hello</h1>" + "<p>text</p>" * 50)
    pool = BrowserPool(CHROMIUM, concurrency=2, timeout_s=10)
    try:
        first = await pool.capture(page.as_uri())
        assert first.status in (0, 200) and blank_reason(first.png) is None
        browser = pool._browser
        assert browser is not None
        await browser.close()  # as if Chromium had crashed
        second = await pool.capture(page.as_uri())
        assert blank_reason(second.png) is None and pool._browser is not browser
    finally:
        await pool.close()


@needs_chromium
async def test_a_change_reshoots_only_after_its_files_change(tmp_path: Path) -> None:
    async for client in _client(shots_settings(tmp_path)):
        first = await start_build(client)
        v1 = await wait_done(client, first["job_id"])
        assert v1["status"] == "ready"
        # Nothing is written or restarted after the checks, so their picture is the final one.
        assert "screenshot after ready" not in await _logs(client, v1["job_id"])
        answer = await client.post(
            f"/api/projects/{first['project_id']}/builds",
            json={"change_request": "add a Tastings page with score and date"},
        )
        assert answer.status_code == 202, answer.text
        v2 = await wait_done(client, answer.json()["job_id"])
        assert v2["status"] == "ready", v2["error"]
        rows = (await client.get(f"/api/jobs/{v2['job_id']}/snapshots")).json()["snapshots"]
        # The change is pictured once, fresh, after the files it changed, where it shows
        # (the new Tastings list); the stages that wrote nothing reuse that picture, and the
        # version's own picture is its home page, taken at the end.
        assert [r["stage"] for r in rows] == ["code", "ready"]
        assert v2["snapshot_url"] == rows[-1]["url"] != v1["snapshot_url"]
        for row in rows:
            picture = await client.get(httpx.URL(row["url"]).raw_path.decode())
            assert picture.status_code == 200 and blank_reason(picture.content) is None
        logs = await _logs(client, v2["job_id"])
        assert logs.count("screenshot after ready stored") == 1
        # A change the home page shows (a colour) keeps its one picture as the final one.
        answer = await client.post(
            f"/api/projects/{first['project_id']}/builds",
            json={"change_request": "make the colours dark green"},
        )
        colour = await wait_done(client, answer.json()["job_id"])
        assert colour["status"] == "ready", colour["error"]
        rows = (await client.get(f"/api/jobs/{colour['job_id']}/snapshots")).json()["snapshots"]
        assert [r["stage"] for r in rows] == ["code"], rows
        assert "final picture is the one after code" in await _logs(client, colour["job_id"])
        # A restore writes nothing during its stages, so its one picture is taken at the end.
        answer = await client.post(
            f"/api/projects/{first['project_id']}/builds", json={"restore": "v0.1"}
        )
        v3 = await wait_done(client, answer.json()["job_id"])
        assert v3["status"] == "ready", v3["error"]
        rows = (await client.get(f"/api/jobs/{v3['job_id']}/snapshots")).json()["snapshots"]
        assert [r["stage"] for r in rows] == ["ready"]


@needs_chromium
async def test_captures_open_no_hidden_browser_pages(tmp_path: Path) -> None:
    """Each capture's window costs one renderer for the app's page and nothing more: full
    Chromium's hidden address-bar pop-ups (two ~44 MB renderers a window) stay unloaded."""
    page = tmp_path / "page.html"
    page.write_text("<body data-ready='true'><h1>Hello</h1>" + "<p>text</p>" * 50)
    pool = BrowserPool(CHROMIUM, concurrency=3, timeout_s=20)
    try:
        shots = [await pool.capture(page.as_uri()) for _ in range(3)]
        assert all(blank_reason(shot.png) is None for shot in shots)
        browser = pool._browser
        assert browser is not None
        session = await browser.new_browser_cdp_session()
        targets = (await session.send("Target.getTargets"))["targetInfos"]
        assert [t["url"] for t in targets if t["type"] != "page"] == []
    finally:
        await pool.close()


@needs_chromium
async def test_captures_run_no_separate_gpu_or_network_process(tmp_path: Path) -> None:
    """With the GPU off, compositing runs inside the browser's own process, and so does its
    network service: a capturing browser has neither process of its own (two processes and
    their memory fewer per machine)."""
    page = tmp_path / "page.html"
    page.write_text("<body data-ready='true'><h1>Hello</h1>")
    pool = BrowserPool(CHROMIUM, concurrency=1, timeout_s=20)
    try:
        shot = await pool.capture(page.as_uri())
        assert blank_reason(shot.png) is None
        table = procs.table()
        browser = procs.tree(os.getpid(), table)
        commands = [table[pid].command for pid in browser]
        assert any("--type=renderer" in c for c in commands)
        assert not any("--type=gpu-process" in c for c in commands)
        assert not any("--utility-sub-type=network." in c for c in commands)
    finally:
        await pool.close()


def _renderers() -> set[int]:
    table = procs.table()
    return {p for p in procs.tree(os.getpid(), table) if "--type=renderer" in table[p].command}


@needs_chromium
async def test_the_browser_holds_no_renderer_beyond_the_captures_at_once(tmp_path: Path) -> None:
    """No spare renderer waits beside the pages: the renderers alive after two captures at
    once, their pages kept for the next ones, are those two pages' and no more."""
    pages = []
    for n in range(2):
        page = tmp_path / f"page{n}.html"
        page.write_text(f"<body data-ready='true'><h1>App {n}</h1>")
        pages.append(page.as_uri())
    # Renderers of a browser an earlier test left in this process (the suite's own) don't count.
    earlier = _renderers()
    pool = BrowserPool(CHROMIUM, concurrency=2, timeout_s=20)
    try:
        shots = await asyncio.gather(*(pool.capture(uri) for uri in pages))
        assert all(blank_reason(shot.png) is None for shot in shots)
        await asyncio.gather(*pool._chores)  # both pages emptied and kept
        renderers = _renderers() - earlier
        assert pool.open_pages == 2 and len(renderers) <= 2
    finally:
        await pool.close()


SHELL = screenshot_chromium(None)


@pytest.mark.skipif(
    CHROMIUM is None or SHELL is None or SHELL == CHROMIUM,
    reason="needs both Chromium and its headless shell (`apt-get install chromium "
    "chromium-headless-shell`; scripts/setup does where Debian has it)",
)
async def test_the_headless_shell_takes_the_same_pictures_as_chromium(tmp_path: Path) -> None:
    """Screenshots are taken with the headless shell when one is installed (about half the
    browser's CPU a capture), and a generated app's pages come out the same, pixel for pixel,
    as full Chromium draws them."""
    assert SHELL is not None and "shell" in Path(SHELL).name
    brief = derive_brief("A booking app for dog walkers, with walks, dogs and their owners")
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        # The home page and the first pages its navigation leads to (lists, the dashboard).
        links = dict.fromkeys(re.findall(r'href="(/[a-z0-9/-]+)"', fetch(f"{base}/")[1]))
        pages = [f"{base}/", *(base + path for path in list(links)[:3])]
        pictures: dict[str, list[bytes]] = {}
        for executable in (CHROMIUM, SHELL):
            pool = BrowserPool(executable, concurrency=1, timeout_s=20)
            try:
                for url in pages:
                    shot = await pool.capture(url)
                    assert shot.status == 200 and blank_reason(shot.png) is None
                    pictures.setdefault(url, []).append(shot.png)
            finally:
                await pool.close()
    for url, (full, shell) in pictures.items():
        with Image.open(io.BytesIO(full)) as a, Image.open(io.BytesIO(shell)) as b:
            assert a.size == b.size == (1280, 800), url
            assert a.convert("RGB").tobytes() == b.convert("RGB").tobytes(), url
