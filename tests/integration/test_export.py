"""Taking a finished build away: the guide as safe HTML, the app as a zip that runs on
its own, and a preview that wakes up again after it went to sleep."""

from __future__ import annotations

import asyncio
import io
import os
import re
import sys
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from livebuild.core.net import free_port
from livebuild.core.stages import Stage
from livebuild.services import Services
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings, start_build, wait_done
from tests.fakes import GatedRunner
from tests.shared_build import FinishedBuild


@pytest.fixture
async def app_client(tmp_path: Path) -> AsyncIterator[tuple[httpx.AsyncClient, Services]]:
    app = create_app(make_settings(tmp_path))
    async for client in _client_for(app):
        yield client, app.state.services


async def _fetch_until_up(url: str, timeout_s: float = 20.0) -> httpx.Response:
    async with httpx.AsyncClient(timeout=2) as client:
        for _ in range(int(timeout_s / 0.1)):
            try:
                return await client.get(url)
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}")


async def test_app_zip_runs_on_its_own(
    finished_build_with_screenshots: FinishedBuild, tmp_path: Path
) -> None:
    build = finished_build_with_screenshots.build
    async with finished_build_with_screenshots.client() as client:
        project = (await client.get(f"/api/projects/{build['project_id']}")).json()
        response = await client.get(f"/api/jobs/{build['job_id']}/app.zip")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert ".zip" in response.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    folder = names[0].split("/")[0]
    assert all(name.startswith(f"{folder}/") for name in names)
    assert not any("/data/" in name or "__pycache__" in name for name in names)
    readme = archive.read(f"{folder}/README.md").decode()
    assert "python app.py" in readme

    target = tmp_path / "unzipped"
    archive.extractall(target)
    port = free_port()
    environment = {"PATH": os.environ.get("PATH", ""), "PORT": str(port)}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "app.py",
        cwd=target / folder,
        env=environment,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        page = await _fetch_until_up(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200
        assert project["name"] in page.text
        # The page's stylesheet, linked by its content's fingerprint, comes from the folder.
        link = re.search(r'<link rel="stylesheet" href="(/static/style\.css\?v=\w+)"', page.text)
        assert link is not None
        async with httpx.AsyncClient(timeout=5) as browser:
            css = await browser.get(f"http://127.0.0.1:{port}{link[1]}")
        assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
        assert css.text == (target / folder / "static" / "style.css").read_text()
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 10)


async def test_app_zip_and_preview_wait_for_a_ready_build(tmp_path: Path) -> None:
    runner = GatedRunner(Stage.CODE)
    app = create_app(make_settings(tmp_path), runner=runner)
    async for client in _client_for(app):
        build = await start_build(client)
        await runner.reached.wait()
        for method, path in (("GET", "app.zip"), ("POST", "preview")):
            response = await client.request(method, f"/api/jobs/{build['job_id']}/{path}")
            assert response.status_code == 409
            assert "ready" in response.json()["detail"]
        runner.gate.set()
        await wait_done(client, build["job_id"])


async def test_preview_wakes_up_after_it_stopped(
    app_client: tuple[httpx.AsyncClient, Services],
) -> None:
    client, services = app_client
    build = await start_build(client)
    await wait_done(client, build["job_id"])
    job_id = build["job_id"]
    await services.previews.stop(job_id)
    assert (await client.get(f"/preview/{job_id}/", follow_redirects=True)).status_code == 503

    woken = await client.post(f"/api/jobs/{job_id}/preview")
    assert woken.status_code == 200
    assert (
        woken.json()["preview_url"].startswith("http://")
        and ".localhost:" in woken.json()["preview_url"]
    )
    assert (await client.get(f"/preview/{job_id}/", follow_redirects=True)).status_code == 200
    again = await client.post(f"/api/jobs/{job_id}/preview")
    assert again.status_code == 200
    assert (await client.get(f"/api/jobs/{job_id}")).json()["preview_url"]

    deploy = await client.get(f"/projects/{build['project_id']}/deploy?job_id={job_id}")
    assert deploy.status_code == 200
    assert f"/api/jobs/{job_id}/app.zip" in deploy.text
    assert "python app.py" in deploy.text


async def test_docs_come_as_sanitised_html(app_client: tuple[httpx.AsyncClient, Services]) -> None:
    client, services = app_client
    build = await start_build(client)
    await wait_done(client, build["job_id"])
    job_id = build["job_id"]
    docs = (await client.get(f"/api/jobs/{job_id}/docs")).json()
    assert set(docs["html"]) >= {"overview", "features", "getting_started", "faq"}
    assert docs["overview"] and "<p>" in docs["html"]["overview"]

    hostile = (
        "## Hello\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
        "[click](javascript:alert(3)) and [safe](https://example.com)"
    )
    await services.repository.save_section(job_id, "faq", hostile)
    html = (await client.get(f"/api/jobs/{job_id}/docs")).json()["html"]["faq"]
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html
    assert '<a href="https://example.com"' in html
