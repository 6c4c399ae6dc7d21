"""A founder's edit survives the machine dying seconds later.

A real `livebuild serve` (SQLite, the offline runner, its app in its sandbox): a record is
saved through the preview, the service is killed with SIGKILL a few seconds after the
edit settles, the version's data folder is removed as a lost machine's disk would be, and
a new service brings the app back at its stable address with the record in it: the copy
in the private area was written within seconds of the edit, not minutes.
"""

from __future__ import annotations

import json
import shutil
import signal
import time
from pathlib import Path

import httpx

from livebuild.core.net import free_port
from livebuild.engine.carry import IMAGE
from tests.conftest import API_HEADERS
from tests.integration.test_restart import _apps_in, serve
from tests.waits import all_ended

IDEA = "A garden planner for allotment growers: beds, plantings and harvests to plan the season."


def _ready(client: httpx.Client, job_id: str) -> dict[str, object]:
    with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
        for line in stream.iter_lines():
            if line.startswith("data: ") and json.loads(line[6:])["type"] in (
                "build.completed",
                "build.failed",
            ):
                break
    job: dict[str, object] = client.get(f"/api/jobs/{job_id}").json()
    assert job["status"] == "ready", job.get("error")
    return job


def _copied_after(copy: Path, since: float, within_s: float) -> float:
    """Seconds until the private copy is written after `since` (a wall-clock time)."""
    # Another process writes the copy: nothing here can be woken by it.
    deadline = time.monotonic() + within_s
    while True:
        try:
            if copy.stat().st_mtime > since:
                return time.time() - since
        except FileNotFoundError:
            pass
        assert time.monotonic() < deadline, "the edit was not copied in time"
        time.sleep(0.05)


def _on_preview(
    client: httpx.Client, method: str, address: httpx.URL, **kwargs: object
) -> httpx.Response:
    """A request to the preview's own origin (`<id>.localhost`), reached as a browser would."""
    return client.request(
        method,
        address.copy_with(host="127.0.0.1"),
        headers={"Host": f"{address.host}:{address.port}"},
        **kwargs,  # type: ignore[arg-type]
    )


def test_an_edit_survives_a_kill_and_a_lost_disk_seconds_later(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with (
        serve(tmp_path, port) as server,
        httpx.Client(base_url=base, timeout=60, headers=API_HEADERS) as client,
    ):
        project = client.post("/api/projects", json={"idea": IDEA}).json()
        job_id = client.post(f"/api/projects/{project['id']}/builds").json()["job_id"]
        job = _ready(client, job_id)
        copy = tmp_path / "private" / "records" / project["id"] / f"{job_id}.tar"
        _copied_after(copy, 0.0, 30)  # the copy made when the version became ready
        edited = time.time()
        preview = httpx.URL(str(job["preview_url"])).join("beds")
        saved = _on_preview(client, "POST", preview, data={"bed": "Greenfield HOA"})
        assert saved.status_code == 303, saved.text[-300:]
        # Copied once the edit settled (2 s by default), not minutes later.
        waited = _copied_after(copy, edited, 20)
        assert waited < 10, waited
        server.send_signal(signal.SIGKILL)
        server.wait(10)
    workspaces = tmp_path / "workspaces"
    assert all_ended(lambda: _apps_in(workspaces), within_s=5)
    # The machine is gone with its disk: only the private area's copy is left.
    shutil.rmtree(workspaces / job_id / "data", ignore_errors=True)
    (workspaces / job_id / IMAGE).unlink(missing_ok=True)
    with (
        serve(tmp_path, port),
        httpx.Client(base_url=base, timeout=60, headers=API_HEADERS) as client,
    ):
        hop = client.get(f"/app/{project['id']}/beds")
        assert hop.status_code == 307, hop.text[-300:]
        page = _on_preview(client, "GET", httpx.URL(hop.headers["location"]))
        assert page.status_code == 200, page.text[-300:]
        assert "Greenfield HOA" in page.text
