"""A founder's change is read within its budget however busy or slow the model is: the rules'
reading arrives in time with a plain note, the model stops spending the cores on an answer
nobody will read, and a build asked for with a change is never held up.

The shared model server runs as a real process on loopback with a scripted engine standing in
for llama.cpp (a slow one: a word every few tenths of a second); the build test uses a
loopback OpenAI-compatible server that answers late.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.changes import load
from livebuild.brief import Brief
from livebuild.brief.change_reader import read_change
from livebuild.brief.model_change import NOT_IN_TIME, read_and_make
from livebuild.providers.base import Message, ProviderBusy, Task
from livebuild.providers.local import LocalProvider
from livebuild.providers.local.machine import ServerPlan, find, stop
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings, stream_all
from tests.vendor_servers import Reply, VendorServer

ENGINE = "tests.fake_model_engine:ScriptedEngine"
ROOT = Path(__file__).resolve().parents[2]
BUDGET_S = 1.5
# What the founder may wait past the budget: the rules' reading and the HTTP round trip, on
# two cores shared with other work.
SLACK_S = 2.0
# A slow model's answer: a valid reading, one word every `delay_s`.
ANSWER = '[{"op": "add_field", "entity": "classes", "label": "Room", "kind": "text"}]'


@pytest.fixture(autouse=True)
def _importable(monkeypatch: pytest.MonkeyPatch) -> None:
    # The server process imports the scripted engine from this checkout's tests package.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))


@pytest.fixture
async def slow_model(tmp_path: Path) -> AsyncIterator[tuple[LocalProvider, ServerPlan]]:
    """The machine's model server, answering a word every second (a reading takes ~10 s)."""
    script = tmp_path / "script.json"
    script.write_text(
        json.dumps({"text": ANSWER, "delay_s": 1.0, "log": str(tmp_path / "calls.log")})
    )
    plan = ServerPlan(
        run_dir=tmp_path / "run", model=script, engine=ENGINE, start_timeout_s=30, max_job_s=60
    )
    provider = LocalProvider(plan, timeout_s=60, max_retries=0)
    try:
        await provider.prepare()
        yield provider, plan
    finally:
        await provider.aclose()
        stop(plan)


def _calls(tmp_path: Path) -> list[dict[str, Any]]:
    log = tmp_path / "calls.log"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


async def _health(plan: ServerPlan) -> dict[str, Any]:
    address = find(plan)
    assert address is not None
    async with httpx.AsyncClient(timeout=5) as client:
        answer = await client.get(
            address.url.removesuffix("/v1") + "/health",
            headers={"Authorization": f"Bearer {address.token}"},
        )
    return dict(answer.json())


async def _until(
    plan: ServerPlan, *, waiting: int, busy: bool | None = None, within_s: float = 20
) -> None:
    """Until the server's own queue says so; it has no way to tell us, so we ask it."""
    deadline = time.monotonic() + within_s
    while (state := await _health(plan))["waiting"] != waiting or busy not in (
        None,
        state["busy"],
    ):
        assert time.monotonic() < deadline, f"the server's queue stayed {state}"
        await asyncio.sleep(0.05)


@pytest.fixture(scope="module")
def studio() -> Brief:
    """The dev set's studio app, its words read once by the rules so the English layer is
    loaded before any clock starts."""
    brief = load()[0]["studio"]
    read_change(brief, "add a notes field to classes")
    return brief


async def _read_in_time(provider: LocalProvider, studio: Brief, words: str) -> Any:
    started = time.monotonic()
    result = await read_and_make(provider, studio, words, timeout_s=BUDGET_S, rules_first=False)
    took = time.monotonic() - started
    assert took < BUDGET_S + SLACK_S, f"the founder waited {took:.1f}s"
    return result


async def test_a_change_while_the_model_reads_a_plan_gets_the_rules_reading_in_time(
    tmp_path: Path, slow_model: tuple[LocalProvider, ServerPlan], studio: Brief
) -> None:
    provider, plan = slow_model
    other = asyncio.create_task(
        provider.complete("s", [Message("user", "another founder's idea")], Task("plan", {}))
    )
    try:
        await _until(plan, busy=True, waiting=0)
        result = await _read_in_time(provider, studio, "rename members to clients")
        assert result.reader == "rules"
        assert result.brief.entities[0].plural == "Clients"
        assert NOT_IN_TIME in result.unmade, "the founder is told why it was read simply"
        # The change gave up its place: nothing waits behind the plan reading.
        await _until(plan, waiting=0, within_s=5)
    finally:
        other.cancel()
        await asyncio.gather(other, return_exceptions=True)
    said = [c["said"] for c in _calls(tmp_path) if c["event"] == "start"]
    assert "rename members to clients" not in " ".join(said), "the model never started it"


async def test_a_model_answering_late_is_stopped_at_the_founders_time(
    tmp_path: Path, slow_model: tuple[LocalProvider, ServerPlan], studio: Brief
) -> None:
    provider, plan = slow_model
    result = await _read_in_time(provider, studio, "could we note the room for each class?")
    assert result.reader == "rules"
    assert NOT_IN_TIME in result.unmade
    assert "<" not in " ".join(result.unmade) and "Traceback" not in " ".join(result.unmade)
    # The server stops the reading itself, at its next word: the model is free again.
    await _until(plan, busy=False, waiting=0, within_s=5)
    assert [c["event"] for c in _calls(tmp_path)] == ["start", "stopped"]


async def test_a_caller_whose_time_is_gone_is_told_busy_at_once(
    slow_model: tuple[LocalProvider, ServerPlan],
) -> None:
    provider, plan = slow_model
    other = asyncio.create_task(
        provider.complete("s", [Message("user", "a long plan")], Task("plan", {}))
    )
    try:
        await _until(plan, busy=True, waiting=0)
        started = time.monotonic()
        with pytest.raises(ProviderBusy):
            await provider.complete(
                "s", [Message("user", "hurried")], Task("change", {}, within_s=0.01)
            )
        assert time.monotonic() - started < SLACK_S
        await _until(plan, waiting=0, within_s=5)
    finally:
        other.cancel()
        await asyncio.gather(other, return_exceptions=True)


async def test_a_build_asked_with_a_change_starts_within_the_budget(tmp_path: Path) -> None:
    """A model that answers part of a reading and then nothing: the build is accepted within
    the change budget, made by the rules' reading, and reaches ready."""
    studio_idea = "A booking app for a yoga studio: members, classes and bookings."
    late = Reply.hang('[{"op": "add_field", "entity": "classes",')
    async with VendorServer() as server:
        server.script(Reply("No plan from me."))
        server.answer("change request for their app", late)
        settings = make_settings(
            tmp_path,
            model_provider="openai",
            model_base_url=server.openai_url,
            change_timeout_s=BUDGET_S,
            change_rules_first=False,
        )
        async for client in _client_for(create_app(settings)):
            created = (await client.post("/api/projects", json={"idea": studio_idea})).json()
            first = await client.post(f"/api/projects/{created['id']}/builds")
            await stream_all(client, first.json()["job_id"])
            started = time.monotonic()
            build = await client.post(
                f"/api/projects/{created['id']}/builds",
                json={"change_request": "rename bookings to reservations"},
            )
            took = time.monotonic() - started
            assert build.status_code == 202, build.text
            await stream_all(client, build.json()["job_id"])
            status = (await client.get(f"/api/jobs/{build.json()['job_id']}")).json()
    assert took < BUDGET_S + SLACK_S, f"the founder waited {took:.1f}s for the build to start"
    assert status["status"] == "ready", status
    assert status["change_result"]["reader"] == "rules"
    assert any("Reservations" in line for line in status["change_result"]["made"])
