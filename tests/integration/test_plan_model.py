"""The plan from a real model's wire protocol: a good answer is the plan, anything else falls
back to the offline plan, and ideas the offline reader refuses are planned by the model."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from livebuild.brief import derive_brief
from livebuild.brief.model_plan import PlanRejected, parse_plan
from livebuild.brief.plan import make_plan
from livebuild.providers.offline import OfflineProvider
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings
from tests.vendor_servers import Reply, VendorServer

VENDORS = ("anthropic", "openai")
IDEA = "Help my small team handle customer refund requests with an approval status"
FRENCH = "Une application pour suivre les réparations de vélos et les pièces de mon atelier"

PLAN: dict[str, Any] = {
    "product_name": "Atelier Vélo",
    "tagline": "Every repair and part, in one place.",
    "target_users": "Bike repair workshops",
    "problem": "Repairs and parts live on paper and get lost.",
    "features": ["Track repairs", "Know which parts are low", "Email customers when ready"],
    "entities": [
        {
            "singular": "Repair",
            "plural": "Repairs",
            "fields": [
                {"label": "Bike", "kind": "text"},
                {"label": "Due", "kind": "date"},
                {"label": "Price", "kind": "money"},
                {"label": "Status", "kind": "choice", "choices": ["Waiting", "Ready"]},
            ],
            "seed": [
                {
                    "Bike": "Sample road bike",
                    "Due": "2026-04-02",
                    "Price": "45.00",
                    "Status": "Ready",
                }
            ],
        },
        {
            "singular": "Part",
            "plural": "Parts",
            "fields": [{"label": "Name", "kind": "text"}, {"label": "In stock", "kind": "number"}],
        },
    ],
}


@asynccontextmanager
async def planned(
    tmp_path: Path, vendor: str, *replies: Reply, timeout_s: float = 10.0
) -> AsyncIterator[tuple[httpx.AsyncClient, VendorServer]]:
    async with VendorServer() as server:
        server.script(*replies)
        settings = make_settings(
            tmp_path,
            model_provider=vendor,
            model_api_key="test-key",
            model_base_url=server.anthropic_url if vendor == "anthropic" else server.openai_url,
            plan_timeout_s=timeout_s,
        )
        async for client in _client_for(create_app(settings)):
            yield client, server


@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_good_answer_is_the_plan_of_an_idea_in_another_language(
    tmp_path: Path, vendor: str
) -> None:
    answer = "Here is the plan:\n```json\n" + json.dumps(PLAN) + "\n```"
    async with planned(tmp_path, vendor, Reply(answer)) as (client, server):
        response = await client.post("/api/projects", json={"idea": FRENCH})
    assert response.status_code == 201, response.text
    brief = response.json()["brief"]
    assert brief["product_name"] == "Atelier Vélo"
    assert [e["plural"] for e in brief["entities"]] == ["Repairs", "Parts"]
    repairs = brief["entities"][0]
    assert [f["kind"] for f in repairs["fields"]] == ["text", "date", "money", "choice"]
    assert repairs["seed"][0]["bike"] == "Sample road bike"
    # Rows the model left out are filled with plain samples that fit each field.
    assert len(repairs["seed"]) >= 3 and all(
        r["status"] in ("Waiting", "Ready") for r in repairs["seed"]
    )
    assert brief["idea"] == FRENCH and brief["features"][0] == "Track repairs"
    sent = json.dumps(server.requests[0].body, ensure_ascii=False)
    assert "JSON schema" in sent and FRENCH in sent


@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize(
    "answer",
    [
        "I'd love to help! What should the app be called?",
        json.dumps({**PLAN, "entities": []}),
        json.dumps(
            {
                **PLAN,
                "entities": [{**PLAN["entities"][1], "fields": [{"label": "X", "kind": "blob"}]}],
            }
        ),
        json.dumps({**PLAN, "product_name": "x" * 500}),
        "[1, 2, 3]",
    ],
)
async def test_an_answer_that_is_not_a_plan_gets_the_offline_plan(
    tmp_path: Path, vendor: str, answer: str
) -> None:
    async with planned(tmp_path, vendor, Reply(answer)) as (client, _):
        response = await client.post("/api/projects", json={"idea": IDEA})
    assert response.status_code == 201, response.text
    assert response.json()["brief"] == derive_brief(IDEA).to_dict()


@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_model_that_hangs_or_fails_gets_the_offline_plan_in_time(
    tmp_path: Path, vendor: str
) -> None:
    for reply in (Reply.hang('{"product_name": "Half'), Reply(status=500)):
        async with planned(tmp_path / str(reply.status), vendor, reply, timeout_s=1.0) as (
            client,
            _,
        ):
            started = time.monotonic()
            response = await client.post("/api/projects", json={"idea": IDEA})
            assert time.monotonic() - started < 5
        assert response.status_code == 201, response.text
        assert response.json()["brief"] == derive_brief(IDEA).to_dict()


@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize("idea", [FRENCH, "hi"])
async def test_ideas_the_offline_reader_refuses_are_planned_by_the_model(
    tmp_path: Path, vendor: str, idea: str
) -> None:
    async with planned(tmp_path, vendor, Reply(json.dumps(PLAN))) as (client, _):
        response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 201, response.text
    assert response.json()["brief"]["product_name"] == "Atelier Vélo"


async def test_with_the_model_down_a_foreign_idea_is_refused_plainly(tmp_path: Path) -> None:
    async with planned(tmp_path, "openai", Reply("not a plan")) as (client, _):
        response = await client.post("/api/projects", json={"idea": FRENCH})
    assert response.status_code == 422
    assert "English" in response.json()["detail"]


async def test_the_offline_provider_answers_a_plan_task_with_the_offline_plan() -> None:
    offline = OfflineProvider(timeout_s=5.0)
    for idea in (IDEA, "Inventory app for my bike repair shop: parts, repair jobs and bikes"):
        brief = await make_plan(idea, "Spokes", offline, timeout_s=5.0)
        expected = derive_brief(idea, "Spokes")
        assert brief.product_name == "Spokes"
        assert [e.plural for e in brief.entities] == [e.plural for e in expected.entities]
        assert [e.fields for e in brief.entities] == [e.fields for e in expected.entities]
        assert brief.entities[0].seed[:3] == expected.entities[0].seed[:3]


def test_the_founders_name_wins_and_clashing_records_are_refused() -> None:
    brief = parse_plan(json.dumps(PLAN), IDEA, "Spokeshop")
    assert brief.product_name == "Spokeshop"
    twice = {**PLAN, "entities": [PLAN["entities"][1], PLAN["entities"][1]]}
    with pytest.raises(PlanRejected):
        parse_plan(json.dumps(twice), IDEA)
    lone_choice = {
        **PLAN,
        "entities": [{**PLAN["entities"][1], "fields": [{"label": "S", "kind": "choice"}]}],
    }
    with pytest.raises(PlanRejected):
        parse_plan(json.dumps(lone_choice), IDEA)


async def test_with_labels_set_the_model_labels_the_ideas_own_nouns(tmp_path: Path) -> None:
    """`LIVEBUILD_MODEL_PLAN_READING=labels`: the model is asked to label the nouns the
    English layer found, and its labels choose the records."""
    from livebuild.brief.model_labels import candidates
    from livebuild.english.idea import read_once

    idea = "A dog walking business: track the dogs, their owners and every walk with its price"
    nouns = candidates(read_once(idea).english)
    labels = {n: "record" if n.rstrip("s") in ("dog", "owner", "walk") else "other" for n in nouns}
    answer = json.dumps(
        {"app": "records", "nouns": labels, "implied": [], "audience": "dog walkers"}
    )
    async with VendorServer() as server:
        server.script(Reply(answer))
        settings = make_settings(
            tmp_path,
            model_provider="openai",
            model_api_key="test-key",
            model_base_url=server.openai_url,
            model_plan_reading="labels",
        )
        async for client in _client_for(create_app(settings)):
            response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 201, response.text
    kinds = {e["plural"] for e in response.json()["brief"]["entities"]}
    assert {"Dogs", "Owners", "Walks"} <= kinds, kinds
    sent = json.dumps(server.requests[0].body)
    assert "Nouns: " in sent and all(n in sent for n in nouns)
