"""A change is pictured where it happened, and the version's own picture stays its home page.

The founder who asked for a new detail on one kind of record sees that kind's form with it
among the build's pictures, in real Chromium. The version's picture, which the "before and
after" slider, the project card and the guide's cover use, is the home page like every other
version's, so before and after show the same page. An app that keeps the kind at another
address is still pictured, on its home page."""

from __future__ import annotations

from pathlib import Path

import httpx

from livebuild.engine.runners.base import Runner, StageOutput, StageRequest, write_files
from tests.conftest import build_then_change
from tests.integration.test_screenshots import _client, _logs, needs_chromium, shots_settings


async def _pictures(client: httpx.AsyncClient, job_id: str) -> list[tuple[str, bytes]]:
    rows = (await client.get(f"/api/jobs/{job_id}/snapshots")).json()["snapshots"]
    assert rows, f"no picture of {job_id}"
    shots = []
    for row in rows:
        picture = await client.get(httpx.URL(row["url"]).raw_path.decode())
        assert picture.status_code == 200
        shots.append((row["stage"], picture.content))
    return shots


async def _version_picture(client: httpx.AsyncClient, job_id: str) -> bytes:
    status = (await client.get(f"/api/jobs/{job_id}")).json()
    assert status["snapshot_url"], status
    picture = await client.get(httpx.URL(status["snapshot_url"]).raw_path.decode())
    assert picture.status_code == 200
    return picture.content


@needs_chromium
async def test_a_new_detail_is_pictured_and_the_version_keeps_its_home_page(
    tmp_path: Path,
) -> None:
    async for client in _client(shots_settings(tmp_path)):
        first, changed, events = await build_then_change(
            client, "add a phone number to the clients"
        )
        assert events[-1]["type"] == "build.completed", events[-1]
        status = (await client.get(f"/api/jobs/{changed['job_id']}")).json()
        assert status["change_result"]["made"], status["change_result"]
        before = await _version_picture(client, first["job_id"])
        after = await _version_picture(client, changed["job_id"])
        # The home page looks as it did: before and after compare the same page.
        assert after == before
        assert status["previous_snapshot_url"] and status["snapshot_url"]
        shots = await _pictures(client, changed["job_id"])
        assert shots[-1] == ("ready", after), [s for s, _ in shots]
        # The stage picture is another page than home: the client form with its phone.
        changes = [png for stage, png in shots if stage != "ready"]
        assert changes and all(png not in (before, after) for png in changes)


HOME_ONLY_APP = """
import http.server, os
ROWS = "".join(
    f"<tr style='background:#{{(i * 2654435) % 0xFFFFFF:06x}}'><td>Row {{i}} {VERSION}</td>"
    f"<td>{{'x' * (i % 40)}}</td></tr>" for i in range(60)
)
PAGE = f"<html><body data-ready='true'><h1>{VERSION}</h1><table>{{ROWS}}</table></body></html>"
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        home = self.path.split("?")[0].rstrip("/") == ""
        self.send_response(200 if home else 404)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(PAGE.encode() if home else b"not here")
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
"""


class HomeOnlyRunner(Runner):
    """An app of its own routes, as a model writes it: only its home page answers."""

    name = "home-only"

    async def run_stage(self, request: StageRequest) -> StageOutput:
        version = "changed" if request.change_request else "first"
        app = HOME_ONLY_APP.format(VERSION=version)
        return StageOutput(tokens=1, files_written=write_files(request.workspace, {"app.py": app}))


@needs_chromium
async def test_a_change_whose_page_is_elsewhere_still_gets_a_picture(tmp_path: Path) -> None:
    async for client in _client(shots_settings(tmp_path), HomeOnlyRunner()):
        _, changed, events = await build_then_change(client, "add a phone number to the clients")
        logs = await _logs(client, changed["job_id"])
        assert events[-1]["type"] == "build.completed", logs
        logs = await _logs(client, changed["job_id"])
        assert "answered HTTP 404" in logs, logs
        status = (await client.get(f"/api/jobs/{changed['job_id']}")).json()
        assert status["snapshot_url"], logs
        assert "stored" in logs, logs
