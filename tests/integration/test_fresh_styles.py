"""A stage that restyles the app is pictured in its new colours.

The screenshot browser keeps its HTTP cache between pictures of one build, and a stage's
picture follows the last one by seconds: the app's static files are linked by their
content, so a rewritten stylesheet is a new address and never served from that cache."""

from __future__ import annotations

import io
import re
from pathlib import Path

import httpx
import pytest
from PIL import Image

from livebuild.appgen import BUILD_STAGES, app_files
from livebuild.brief import derive_brief
from livebuild.core.stages import Stage
from livebuild.engine.runners.base import Runner, StageOutput, StageRequest
from tests.conftest import start_build, wait_done
from tests.integration.test_appgen import DOG_IDEA, fetch, running_app, write_app
from tests.integration.test_screenshots import _client, needs_chromium, shots_settings

# The colour a later stage paints the page with: nothing in the first theme is this red.
RESTYLED = (200, 30, 30)
RESTYLE = "\nhtml, body, main, .topbar, .hero { background: rgb(200, 30, 30) !important; }\n"


class RestylingRunner(Runner):
    """The generated app, restyled from the code stage on (as a model's stage may do)."""

    name = "restyling"

    async def run_stage(self, request: StageRequest) -> StageOutput:
        if request.stage not in BUILD_STAGES:
            return StageOutput()
        files = app_files(request.brief, request.stage)
        if request.stage is not Stage.SCAFFOLD:
            files["static/style.css"] += RESTYLE
        return StageOutput(files_written=await self._write(request.workspace, files), tokens=1)


def _share(png: bytes, colour: tuple[int, int, int]) -> float:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = list(image.get_flattened_data())
    return sum(1 for p in pixels if p == colour) / len(pixels)


@needs_chromium
@pytest.mark.parametrize("browser", ["shared", "inprocess"])
async def test_a_stage_that_restyles_the_app_is_pictured_in_its_new_colours(
    tmp_path: Path, browser: str
) -> None:
    settings = shots_settings(tmp_path, screenshot_browser=browser)
    async for client in _client(settings, RestylingRunner()):
        build = await start_build(client)
        status = await wait_done(client, build["job_id"])
        assert status["status"] == "ready", status.get("error")
        rows = (await client.get(f"/api/jobs/{build['job_id']}/snapshots")).json()["snapshots"]
        shares = {}
        for row in rows:
            picture = await client.get(httpx.URL(row["url"]).raw_path.decode())
            shares[row["stage"]] = _share(picture.content, RESTYLED)
    # Before the restyle none of the page is that red; from the code stage on, most of it is.
    assert shares["scaffold"] == 0
    assert min(shares[stage] for stage in ("code", "deps", "checks")) > 0.3, shares


def test_static_links_name_their_content_and_a_changed_file_is_a_new_address(
    tmp_path: Path,
) -> None:
    files = app_files(derive_brief(DOG_IDEA), Stage.CHECKS)
    app_dir = write_app(tmp_path / "app", files)
    with running_app(app_dir, tmp_path / "data") as base:
        _, home, _ = fetch(f"{base}/")
        _, form, _ = fetch(f"{base}/bookings/new")
        links = re.findall(r'(?:href|src)="(/static/[^"]*)"', home + form)
        # The stylesheet, the icon and the name picker's script, each named by its content.
        assert {link.split("?")[0] for link in links} == {
            "/static/style.css",
            "/static/icon.svg",
            "/static/pick.js",
        }
        assert all(re.fullmatch(r"/static/[a-z.]+\?v=[0-9a-f]{12}", link) for link in links)
        first = _stylesheet(home)
        status, css, headers = fetch(base + first)
        assert status == 200 and css == files["static/style.css"]
        # The address names this content, so a browser may keep it as long as it likes.
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        # Rewritten while the app runs, as a later stage or a founder editing the
        # downloaded app would: the pages name the new content at once.
        (app_dir / "static" / "style.css").write_text(files["static/style.css"] + RESTYLE)
        second = _stylesheet(fetch(f"{base}/")[1])
        assert second != first
        assert fetch(base + second)[1].endswith(RESTYLE)
        # An address of content no longer there, or of none, is answered but never kept.
        for other in (first, "/static/style.css"):
            status, css, headers = fetch(base + other)
            assert status == 200 and css.endswith(RESTYLE)
            assert headers["Cache-Control"] == "no-cache"


def _stylesheet(page: str) -> str:
    found = re.search(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert found is not None, page[:400]
    return found[1]
