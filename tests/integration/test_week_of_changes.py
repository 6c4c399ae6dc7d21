"""A week of changes and restores on one machine (SQLite): no record is ever lost.

The same week as the scale-out test (tests/week.py), over in-process HTTP: each version
opened at the project's stable address, a record added through its preview each day.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from livebuild.settings import Settings
from livebuild.web.app import create_app
from tests.conftest import _client_for, start_build, wait_done
from tests.week import FIRST, IDEA, WEEK, day_record


@pytest.fixture
async def one_machine(sqlite_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client_for(create_app(sqlite_settings)):
        yield client


async def _stable(client: httpx.AsyncClient, project_id: str, path: str) -> str:
    hop = await client.get(f"/app/{project_id}/{path}")
    assert hop.status_code == 307, hop.text
    page = await client.get(hop.headers["location"])
    assert page.status_code == 200, page.text[-300:]
    return page.text


async def _add(
    client: httpx.AsyncClient, job: dict[str, Any], slug: str, form: dict[str, str]
) -> None:
    saved = await client.post(job["preview_url"] + slug, data=form)
    assert saved.status_code == 303, saved.text[-300:]


async def _record(client: httpx.AsyncClient, project_id: str, search: str) -> str:
    found = re.search(r'href="/beds/(\d+)"', await _stable(client, project_id, f"beds?q={search}"))
    assert found is not None, search
    return await _stable(client, project_id, f"beds/{found.group(1)}")


async def test_a_week_of_changes_and_restores_never_loses_a_record(
    one_machine: httpx.AsyncClient,
) -> None:
    client = one_machine
    first = await start_build(client, IDEA)
    project_id = first["project_id"]
    job = await wait_done(client, first["job_id"])
    names = [FIRST["bed"]]
    await _add(client, job, "beds", FIRST)
    for day, (body, shown, values) in enumerate(WEEK, start=2):
        answer = await client.post(f"/api/projects/{project_id}/builds", json=body)
        assert answer.status_code == 202, answer.text
        job = await wait_done(client, answer.json()["job_id"])
        assert job["status"] == "ready", job["error"]
        page = await _stable(client, project_id, shown)
        lost = [n for n in names if n not in page]
        assert not lost, f"after {json.dumps(body)}: lost {lost}"
        name, form = day_record(day, shown, values)
        await _add(client, job, shown, form)
        names.append(name)
    # The notes field, kept aside from v0.4 on, came back with v0.1's plan and stayed.
    assert "South facing" in await _record(client, project_id, "Day+one")
    # v0.3's vendor, kept aside while v0.1's plan ran, is back with v0.3's plan.
    assert "Birch &amp; Co" in await _record(client, project_id, "Day+3")
