"""The local model's default split (`vote`) over the real OpenAI wire protocol on loopback,
with the model's answers scripted (as `bench.replay_plans` replays recorded ones): what the
plan says of the kinds it keeps, and which reader's word keeps a kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from livebuild.brief import derive_brief
from tests.integration.test_model_decisions import planned
from tests.vendor_servers import Reply

GREENHOUSES = (
    "We put up greenhouses and polytunnels - people buy them from the makers and we go out "
    "and build them on site. Need the customers, every install job (make, size, base type: "
    "slabs, timber or dwarf wall), the fitting teams, and any warranty call-backs after."
)


async def _planned_kinds(tmp_path: Path, idea: str, reading: dict[str, Any]) -> dict[str, Any]:
    async with planned(tmp_path, Reply(json.dumps(reading)), split="vote") as (client, _):
        response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 201, response.text
    brief: dict[str, Any] = response.json()["brief"]
    assert brief["reader"] == "model"
    return brief


async def test_the_plan_says_it_keeps_only_the_kinds_the_vote_kept(tmp_path: Path) -> None:
    # The rules read Orders from "buy"; the model names the customers, install jobs, fitting
    # teams and call-backs. Orders goes, and the problem and tagline no longer name it.
    reading = {
        "app": "records",
        "records": [
            {"name": "customer"},
            {"name": "install job", "details": ["make:text"], "links": ["customer"]},
            {"name": "fitting team"},
            {"name": "warranty call-back", "links": ["install job"]},
        ],
    }
    assert "orders" in derive_brief(GREENHOUSES).problem.lower()
    brief = await _planned_kinds(tmp_path, GREENHOUSES, reading)
    kinds = [e["plural"] for e in brief["entities"]]
    assert "Orders" not in kinds and {"Customers", "Install jobs", "Fitting teams"} <= set(kinds)
    for text in (brief["problem"], brief["tagline"]):
        assert "order" not in text.lower(), text
    assert "install jobs" in brief["problem"] and "customers" in brief["problem"]


async def test_the_trade_votes_for_its_work_not_for_the_people_it_serves(tmp_path: Path) -> None:
    # "Chimney sweep" implies the sweeps and a client; the founder keeps jobs and chimneys and
    # never names clients, and the model doesn't either: no Clients page to fill in.
    idea = "Chimney sweep here. I need to keep the jobs I do and the chimneys."
    reading = {"app": "records", "records": [{"name": "job"}, {"name": "chimney"}]}
    assert "Clients" in [e.plural for e in derive_brief(idea).entities]
    brief = await _planned_kinds(tmp_path, idea, reading)
    assert [e["plural"] for e in brief["entities"]] == ["Jobs", "Chimneys"]


async def test_the_trades_work_named_only_in_passing_gets_no_vote(tmp_path: Path) -> None:
    # The founder says what the app keeps (pianos, owners); the tunings are said only in a
    # list of what the trade does, which the model doesn't keep either.
    idea = (
        "Piano tuner here: I keep the pianos and their owners. Tunings, repairs and moves "
        "are what I do."
    )
    reading = {"app": "records", "records": [{"name": "piano"}, {"name": "owner"}]}
    brief = await _planned_kinds(tmp_path, idea, reading)
    kinds = [e["plural"] for e in brief["entities"]]
    assert {"Pianos", "Owners"} <= set(kinds) and "Tunings" not in kinds
