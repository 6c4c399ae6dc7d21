"""A change's picture shows the change: the founder who asked for a new detail on one kind
of record sees that kind's form with it, in real Chromium, not the home page again, which
looks exactly as it did before."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.conftest import build_then_change
from tests.integration.test_screenshots import _client, needs_chromium, shots_settings


async def _last_picture(client: httpx.AsyncClient, job_id: str) -> bytes:
    rows = (await client.get(f"/api/jobs/{job_id}/snapshots")).json()["snapshots"]
    assert rows, f"no picture of {job_id}"
    picture = await client.get(rows[-1]["url"])
    assert picture.status_code == 200
    return picture.content


@needs_chromium
async def test_a_new_detail_changes_the_picture(tmp_path: Path) -> None:
    async for client in _client(shots_settings(tmp_path)):
        first, changed, events = await build_then_change(
            client, "add a phone number to the clients"
        )
        assert events[-1]["type"] == "build.completed", events[-1]
        status = (await client.get(f"/api/jobs/{changed['job_id']}")).json()
        assert status["change_result"]["made"], status["change_result"]
        before = await _last_picture(client, first["job_id"])
        after = await _last_picture(client, changed["job_id"])
        # The first version's home page and the client form with its phone number.
        assert after != before
