"""A change's prompt read ahead by the local model (issue 15): when a version is ready or a
plan is shown, the machine's model server reads the change prompt up to the request as
background work, so the founder's first change request on it reads only its own words.

The model server runs as a real process; a scripted engine stands in for llama.cpp so these
run in seconds. The last test reads with the real model where it is installed.
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

import livebuild.providers.local as local_package
from bench.changes import load
from livebuild.brief import Brief
from livebuild.brief.model_change_prompt import user_prompt
from livebuild.engine.read_ahead import change_opening, read_change_ahead, read_instructions_ahead
from livebuild.providers import provider_for
from livebuild.providers.base import Message, Task
from livebuild.providers.local import LocalProvider
from livebuild.providers.local.machine import ServerPlan, find, stop
from livebuild.providers.local.server import PRIORITY_HEADER
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings, stream_all
from tests.local_model import INSTALLED, local_planner, needs_local_model

ENGINE = "tests.fake_model_engine:ScriptedEngine"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _importable(monkeypatch: pytest.MonkeyPatch) -> None:
    # The server process imports the scripted engine from this checkout's tests package.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))


@pytest.fixture
async def model(tmp_path: Path) -> AsyncIterator[LocalProvider]:
    """The machine's model server, each call taking ~0.3 s (one word)."""
    script = tmp_path / "script.json"
    script.write_text(json.dumps({"text": "ok", "delay_s": 0.3, "log": str(tmp_path / "log")}))
    plan = ServerPlan(run_dir=tmp_path / "run", model=script, engine=ENGINE, start_timeout_s=30)
    provider = LocalProvider(plan, timeout_s=60, max_retries=0)
    try:
        await provider.prepare()
        yield provider
    finally:
        await provider.aclose()
        stop(plan)


@pytest.fixture(scope="module")
def studio() -> Brief:
    return load()[0]["studio"]


def _calls(tmp_path: Path) -> list[dict[str, Any]]:
    log = tmp_path / "log"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


async def _until(tmp_path: Path, done: Any, within_s: float = 30) -> list[dict[str, Any]]:
    deadline = time.monotonic() + within_s
    while not done(calls := [c for c in _calls(tmp_path) if c["event"] == "start"]):
        assert time.monotonic() < deadline, f"the model read {calls}"
        await asyncio.sleep(0.05)
    return calls


def _settings(tmp_path: Path, **overrides: Any) -> Any:
    # Reading ahead is off by default (it made founders' plans wait on 2 busy cores): these
    # tests turn it on, except where they say.
    overrides.setdefault("change_read_ahead", True)
    return make_settings(tmp_path, model_provider="local", **overrides)


async def test_a_change_prompt_is_read_up_to_the_request_in_steps(
    tmp_path: Path, model: LocalProvider, studio: Brief
) -> None:
    system, opening = change_opening(studio, constrained=True)
    # What the founder's request will be read with opens with exactly what is read ahead.
    assert user_prompt(studio, "add a room to classes", None).startswith(opening)
    assert "add a room" not in opening and opening.endswith("<<<\n")

    task = read_change_ahead(_settings(tmp_path), model, studio, "project-1")
    assert task is not None
    await task
    calls = await _until(tmp_path, lambda calls: any(c["said"] == opening for c in calls))
    # Every step opens with the instruction (or the start of it) and reads on from the last.
    assert all(system.startswith(c["opens"]) for c in calls)
    said = [c["said"] for c in calls if c["said"]]
    assert said == sorted(said, key=len) and all(opening.startswith(s) for s in said)


async def test_a_newer_version_replaces_an_older_one_not_yet_read(
    tmp_path: Path, model: LocalProvider, studio: Brief
) -> None:
    renamed = Brief.from_dict(
        {**studio.to_dict(), "product_name": "Renamed Studio", "tagline": "A newer version."}
    )
    older, newer = (change_opening(b, constrained=True)[1] for b in (studio, renamed))
    assert older != newer
    # A founder's reading holds the model while both versions become ready.
    founder = asyncio.create_task(
        model.complete("s", [Message("user", "founder")], Task("change", {}))
    )
    await _until(tmp_path, lambda calls: any(c["said"] == "founder" for c in calls))
    for brief in (studio, renamed):
        task = read_change_ahead(_settings(tmp_path), model, brief, "project-1")
        assert task is not None
        await task
    await founder
    calls = await _until(tmp_path, lambda calls: any(c["said"] == newer for c in calls))
    assert not any(c["said"] == older for c in calls)


async def test_a_founder_asking_meanwhile_waits_for_one_step_at_most(
    tmp_path: Path, model: LocalProvider, studio: Brief
) -> None:
    _, opening = change_opening(studio, constrained=True)
    task = read_change_ahead(_settings(tmp_path), model, studio, "project-1")
    assert task is not None
    await task
    await _until(tmp_path, lambda calls: len(calls) >= 1)
    await model.complete("s", [Message("user", "founder")], Task("change", {}))
    calls = await _until(tmp_path, lambda calls: any(c["said"] == opening for c in calls))
    founder = next(i for i, c in enumerate(calls) if c["said"] == "founder")
    # The step running when the founder came (and at most one that started meanwhile).
    assert founder <= 2, calls
    assert len(calls) > founder + 1, "the read ahead went on after the founder's reading"


async def test_nothing_is_read_ahead_without_the_local_model_or_when_switched_off(
    tmp_path: Path, model: LocalProvider, studio: Brief
) -> None:
    offline = provider_for(make_settings(tmp_path, model_provider="offline"))
    assert read_change_ahead(_settings(tmp_path), offline, studio, "p") is None
    assert read_change_ahead(_settings(tmp_path), None, studio, "p") is None
    off = _settings(tmp_path, change_read_ahead=False)
    assert read_change_ahead(off, model, studio, "p") is None
    await asyncio.sleep(1.0)
    assert _calls(tmp_path) == []


async def test_a_model_that_cant_be_reached_fails_nothing(tmp_path: Path, studio: Brief) -> None:
    missing = ServerPlan(run_dir=tmp_path / "run", model=tmp_path / "no-model.gguf")
    provider = LocalProvider(missing, timeout_s=5)
    task = read_change_ahead(_settings(tmp_path), provider, studio, "p")
    assert task is not None
    await task  # logged, not raised


async def test_a_plan_shown_and_a_version_ready_have_their_change_prompt_read_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the service: the plan page's plan, then the built version, read ahead by the
    machine's model server (here with the scripted engine), and the build still ready."""
    script = tmp_path / "script.json"
    script.write_text(json.dumps({"text": "ok", "delay_s": 0.05, "log": str(tmp_path / "log")}))
    scripted = ServerPlan(run_dir=tmp_path / "run", model=script, engine=ENGINE, start_timeout_s=30)
    monkeypatch.setattr(local_package, "server_plan", lambda _settings: scripted)
    settings = make_settings(
        tmp_path,
        model_provider="local",
        local_model=script,
        docs_enabled=False,
        change_read_ahead=True,
    )
    idea = "A booking app for a yoga studio: members, classes and bookings."
    try:
        async for client in _client_for(create_app(settings)):
            created = (await client.post("/api/projects", json={"idea": idea})).json()
            opening = change_opening(Brief.from_dict(created["brief"]), constrained=True)[1]
            await _until(tmp_path, lambda calls, o=opening: any(c["said"] == o for c in calls))
            first = await client.post(f"/api/projects/{created['id']}/builds")
            await stream_all(client, first.json()["job_id"])
            job = (await client.get(f"/api/jobs/{first.json()['job_id']}")).json()
            assert job["status"] == "ready", job
            await _until(
                tmp_path, lambda calls, o=opening: [c["said"] for c in calls].count(o) >= 2
            )
    finally:
        stop(scripted)


async def _read(plan: ServerPlan, system: str, user: str) -> dict[str, Any]:
    """One founder's reading of `user` sent to the real model server as LocalProvider sends
    it, answered with one token: llama.cpp's own timings of reading the prompt."""
    address = find(plan)
    assert address is not None
    body = {
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
        "max_tokens": 1,
        "temperature": 0,
        "seed": 15,
        "stream": True,
    }
    headers = {"authorization": f"Bearer {address.token}", PRIORITY_HEADER: "founder"}
    timings: dict[str, Any] = {}
    started = time.monotonic()
    async with (
        httpx.AsyncClient(timeout=900) as client,
        client.stream("POST", f"{address.url}/chat/completions", json=body, headers=headers) as r,
    ):
        async for line in r.aiter_lines():
            if line.startswith("data: {"):
                timings = json.loads(line[6:]).get("timings") or timings
    return {**timings, "wall_s": round(time.monotonic() - started, 1)}


@needs_local_model
async def test_the_first_change_request_after_reading_ahead_reads_far_fewer_tokens(
    tmp_path: Path,
) -> None:
    """With the real model: the first request on an app read ahead reads its own words, not
    the app's outline too (llama.cpp's `prompt_n`: tokens read, `cache_n`: kept)."""
    apps = load()[0]
    async with local_planner(tmp_path) as provider:
        await provider.prepare()
        system, _ = change_opening(apps["studio"], constrained=True)
        # The instruction read once (any first reading after a start does).
        await _read(provider.plan, system, user_prompt(apps["studio"], "add a room", None))
        # The first request on an app not read ahead: its outline is read with it.
        before = await _read(provider.plan, system, user_prompt(apps["shop"], "add a room", None))
        settings = make_settings(
            tmp_path, model_provider="local", local_model=INSTALLED, change_read_ahead=True
        )
        task = read_change_ahead(settings, provider, apps["clinic"], "clinic")
        assert task is not None
        await task
        # Until the server has read it (it says nothing: wait until the model is idle).
        await _idle(provider.plan)
        after = await _read(provider.plan, system, user_prompt(apps["clinic"], "add a room", None))
    print(f"first request, not read ahead: {before}; read ahead: {after}")
    assert after["prompt_n"] * 3 < before["prompt_n"], (before, after)
    assert after["cache_n"] > before["cache_n"]


async def _idle(plan: ServerPlan, within_s: float = 900) -> None:
    address = find(plan)
    assert address is not None
    headers = {"authorization": f"Bearer {address.token}"}
    deadline, quiet = time.monotonic() + within_s, 0
    async with httpx.AsyncClient(timeout=10) as client:
        while quiet < 3:
            state = (
                await client.get(address.url.removesuffix("/v1") + "/health", headers=headers)
            ).json()
            quiet = 0 if state["busy"] else quiet + 1
            assert time.monotonic() < deadline, "the model stayed busy"
            await asyncio.sleep(1.0)


async def test_with_the_split_none_no_change_prompt_is_read_ahead(
    tmp_path: Path, model: LocalProvider, studio: Brief
) -> None:
    # `LIVEBUILD_MODEL_CHANGE_SPLIT=none`: no change request is ever read by the model, so
    # reading its prompt ahead would only take the cores from the founder's plan reading.
    model.change_split = "none"
    assert read_change_ahead(_settings(tmp_path), model, studio, "p") is None
    await read_instructions_ahead(model)
    calls = await _until(tmp_path, lambda calls: any(c["said"] == "Idea:\n<<<\n" for c in calls))
    assert not any(c["said"].startswith("App name") for c in calls), calls
