"""Who reads the idea: the plan says `reader` (model, local or rules); `auto` picks a
configured cloud model, else the local model when its file is here, else the rules; and with
the real local model installed, an idea becomes its plan through the HTTP API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from livebuild.providers import resolve_provider_name
from livebuild.providers.local import server_plan
from livebuild.providers.local.machine import stop
from livebuild.settings import Settings
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings
from tests.integration.test_plan_model import IDEA
from tests.local_model import INSTALLED, needs_local_model
from tests.vendor_servers import Reply, VendorServer


async def _project(settings: Settings, idea: str) -> dict[str, object]:
    async for client in _client_for(create_app(settings)):
        response = await client.post("/api/projects", json={"idea": idea})
        assert response.status_code == 201, response.text
        brief: dict[str, object] = response.json()["brief"]
        return brief
    raise AssertionError("the app did not start")


async def test_a_plan_says_a_model_read_it(tmp_path: Path) -> None:
    reading = {
        "app": "records",
        "records": [{"name": "refund request", "details": [], "links": []}],
        "audience": "small team",
    }
    async with VendorServer() as server:
        server.script(Reply(json.dumps(reading)))
        settings = make_settings(
            tmp_path, model_provider="openai", model_base_url=server.openai_url
        )
        brief = await _project(settings, IDEA)
    assert brief["reader"] == "model"


async def test_a_plan_says_the_rules_read_it_when_the_model_fails(tmp_path: Path) -> None:
    async with VendorServer() as server:
        server.script(Reply("I would rather write a poem."))
        settings = make_settings(
            tmp_path, model_provider="openai", model_base_url=server.openai_url
        )
        brief = await _project(settings, IDEA)
    assert brief["reader"] == "rules"


async def test_an_offline_plan_says_the_rules_read_it(tmp_path: Path) -> None:
    assert (await _project(make_settings(tmp_path), IDEA))["reader"] == "rules"


def test_auto_prefers_a_configured_model_then_the_local_one_then_the_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY"):
        monkeypatch.delenv(key, raising=False)
    bare = make_settings(tmp_path, model_provider="auto")
    assert resolve_provider_name(bare) == "offline"
    model = tmp_path / "any.gguf"
    model.write_bytes(b"GGUF")
    assert (
        resolve_provider_name(make_settings(tmp_path, model_provider="auto", local_model=model))
        == "local"
    )
    monkeypatch.setenv("ANTHROPIC_API_KEY", "a-key")
    assert (
        resolve_provider_name(make_settings(tmp_path, model_provider="auto", local_model=model))
        == "anthropic"
    )
    configured = make_settings(
        tmp_path, model_provider="auto", local_model=model, model_base_url="http://127.0.0.1:1/v1"
    )
    assert resolve_provider_name(configured) == "openai"


@needs_local_model
@pytest.mark.timeout(1200)
async def test_the_local_model_plans_a_real_idea_through_the_api(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path,
        model_provider="local",
        local_model=INSTALLED,
        # The model shares two cores with whatever else runs: give it room.
        plan_timeout_s=1000.0,
        local_plan_timeout_s=1000.0,
        model_timeout_s=1000.0,
    )
    idea = (
        "A dog walking app: walkers log each walk with the dog, the owner, how long it "
        "took and notes."
    )
    try:
        brief = await _project(settings, idea)
    finally:
        stop(server_plan(settings))
    assert brief["reader"] == "local"
    entities = brief["entities"]
    assert isinstance(entities, list)
    kinds = " ".join(str(e["plural"]).lower() for e in entities)
    assert "walk" in kinds or "dog" in kinds, kinds
