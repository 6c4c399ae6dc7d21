"""A model reads the idea through small decisions and the rules write the plan, over the real
OpenAI wire protocol on loopback: a good reading is the plan, a hostile or slow one gets the
rules' plan (never a 500), and an idea that isn't a record-keeping app is answered plainly."""

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
from livebuild.brief.model_reading import parse_decisions
from livebuild.brief.model_records import MAX_UNSAID
from livebuild.english.idea import read_once
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings
from tests.vendor_servers import Reply, VendorServer

DOGS = (
    "A dog walking app: walkers log each walk with the dog, the owner, how long it took and notes."
)
READING: dict[str, Any] = {
    "app": "records",
    "records": [
        {"name": "walk", "details": ["duration:number", "pickup time:time"], "links": ["dog"]},
        {"name": "dog", "details": ["breed:text"], "links": ["owner"]},
        {"name": "owner", "details": ["phone:phone"], "links": []},
    ],
    "audience": "dog walkers",
}


@asynccontextmanager
async def planned(
    tmp_path: Path, *replies: Reply, timeout_s: float = 10.0, split: str = "model"
) -> AsyncIterator[tuple[httpx.AsyncClient, VendorServer]]:
    """The app with a scripted model; most tests here read the model's own kinds (`model`),
    the default split (`rules-kinds`) has its own."""
    async with VendorServer() as server:
        server.script(*replies)
        settings = make_settings(
            tmp_path,
            model_provider="openai",
            model_base_url=server.openai_url,
            plan_timeout_s=timeout_s,
            model_plan_split=split,
        )
        async for client in _client_for(create_app(settings)):
            yield client, server


async def test_the_model_chooses_the_records_and_the_rules_write_the_plan(tmp_path: Path) -> None:
    async with planned(tmp_path, Reply(json.dumps(READING))) as (client, server):
        response = await client.post("/api/projects", json={"idea": DOGS})
    assert response.status_code == 201, response.text
    brief = response.json()["brief"]
    assert brief["reader"] == "model"
    assert [e["plural"] for e in brief["entities"]] == ["Walks", "Dogs", "Owners"]
    walks, dogs, owners = brief["entities"]
    fields = {f["name"]: f for f in walks["fields"]}
    assert fields["duration"]["kind"] == "number" and fields["pickup_time"]["kind"] == "time"
    # The walk belongs to a dog: a link, whose samples name the dogs' own sample rows.
    assert fields["dog"]["kind"] == "link" and fields["dog"]["links_to"] == dogs["slug"]
    dog_titles = {row[dogs["fields"][0]["name"]] for row in dogs["seed"]}
    assert {row["dog"] for row in walks["seed"]} <= dog_titles
    assert any(f["name"] == "breed" for f in dogs["fields"])
    # A phone number is text (it has a "+" and spaces), whatever kind the model said.
    assert {f["name"]: f["kind"] for f in owners["fields"]}.get("phone") == "text"
    assert all(len(e["seed"]) >= 3 for e in brief["entities"])
    assert brief["target_users"] == "Dog walkers"
    # The model was asked to name the records itself, with a schema that bounds its answer.
    sent = json.dumps(server.requests[0].body)
    assert "Answer with the JSON now" in sent and "walkers log each walk" in sent


async def test_by_default_the_rules_choose_the_kinds_and_the_model_adds_details_and_links(
    tmp_path: Path,
) -> None:
    # The model names a kind the idea never keeps ("leash") and a detail and a link the
    # rules' plan lacks: the plan is the rules' kinds, with the model's breed and walk's dog.
    reading = {**READING, "records": [*READING["records"], {"name": "leash"}]}
    async with planned(tmp_path, Reply(json.dumps(reading)), split="rules-kinds") as (client, _):
        response = await client.post("/api/projects", json={"idea": DOGS})
    assert response.status_code == 201, response.text
    brief = response.json()["brief"]
    rules = derive_brief(DOGS).to_dict()
    assert brief["reader"] == "model"
    assert [e["plural"] for e in brief["entities"]] == [e["plural"] for e in rules["entities"]]
    by_plural = {e["plural"]: e for e in brief["entities"]}
    assert "Leashes" not in by_plural
    assert any(f["name"] == "breed" for f in by_plural["Dogs"]["fields"])
    walk_links = {f["links_to"] for f in by_plural["Walks"]["fields"] if f["kind"] == "link"}
    assert by_plural["Dogs"]["slug"] in walk_links
    # Who it is for is the rules' reading, as offline.
    assert brief["target_users"] == rules["target_users"]


async def test_things_named_only_in_passing_are_no_kinds_when_the_idea_says_what_it_keeps(
    tmp_path: Path,
) -> None:
    # The first sentence names where the boxes go; the second says what the app keeps. The
    # rules take the barns, chapels and farmhouses for kinds; the model names none of them.
    idea = (
        "We fit bat boxes on barns, chapels and farmhouses around the county. Keep the boxes "
        "(where, when fitted), the landowners who host them, and the bat counts each spring."
    )
    reading = {
        "app": "records",
        "records": [
            {"name": "box", "details": ["where:text", "when fitted:date"]},
            {"name": "landowner"},
            {"name": "bat count", "links": ["box"]},
        ],
    }
    async with planned(tmp_path, Reply(json.dumps(reading)), split="rules-kinds") as (client, _):
        response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 201, response.text
    kinds = [e["plural"] for e in response.json()["brief"]["entities"]]
    assert {"Boxes", "Landowners"} <= set(kinds)
    assert not {"Barns", "Chapels", "Farmhouses"} & set(kinds)


async def test_with_the_vote_a_kind_of_the_rules_stays_only_when_a_second_reader_votes_for_it(
    tmp_path: Path,
) -> None:
    # The rules read a Sales kind from "sell"; the model names the candles, customers and
    # fairs as records and keeps the takings as a fair's detail. Nobody else votes for Sales:
    # the plan is the kinds the founder keeps, with no page of sales to fill in.
    idea = (
        "I sell handmade candles at craft fairs and online. Keep my customers and each "
        "candle, and the fairs I go to with the takings."
    )
    reading = {
        "app": "records",
        "records": [
            {"name": "candle", "details": ["scent:text"]},
            {"name": "customer"},
            {"name": "fair", "details": ["takings:money"]},
        ],
    }
    assert "Sales" in [e.plural for e in derive_brief(idea).entities]
    async with planned(tmp_path, Reply(json.dumps(reading)), split="vote") as (client, _):
        response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 201, response.text
    brief = response.json()["brief"]
    kinds = [e["plural"] for e in brief["entities"]]
    assert {"Customers", "Fairs"} <= set(kinds) and any("andles" in k for k in kinds)
    assert "Sales" not in kinds
    # Nor does the plan say it keeps them: "The problem it solves" names the kinds kept.
    assert "sales" not in brief["problem"].lower() and "sales" not in brief["tagline"].lower()


HOSTILE = [
    pytest.param("I'd love to help! Which records do you want?", id="prose"),
    pytest.param('{"app": "records", "records": [{"name": "walk"', id="cut-off-json"),
    pytest.param("[" * 3000 + "]" * 3000, id="nested-deep"),
    pytest.param(json.dumps({**READING, "app": "spaceship"}), id="unknown-kind"),
    pytest.param(
        json.dumps({**READING, "records": [{"name": "airbnb"}, {"name": "uber"}]}),
        id="brand-names",
    ),
    pytest.param(
        json.dumps({**READING, "records": [{"name": "x" * 100_000, "details": []}]}),
        id="huge-name",
    ),
    pytest.param(json.dumps({**READING, "records": "walk, dog"}), id="records-not-a-list"),
]


@pytest.mark.parametrize("answer", HOSTILE)
async def test_a_reading_that_cant_be_used_gets_the_rules_plan(tmp_path: Path, answer: str) -> None:
    async with planned(tmp_path, Reply(answer)) as (client, _):
        response = await client.post("/api/projects", json={"idea": DOGS})
    assert response.status_code == 201, response.text
    assert response.json()["brief"] == derive_brief(DOGS).to_dict()


async def test_fifty_records_and_invented_names_are_held_to_the_plans_limits(
    tmp_path: Path,
) -> None:
    records = [
        {"name": name, "details": ["<script>:text", "x" * 30 + ":number"], "links": ["moon"]}
        for name in ["walk", "dog", "owner", "booking", "payment", "invoice"]
        + [f"thing{n}" for n in range(44)]
    ]
    answer = json.dumps({**READING, "records": records, "audience": "a" * 500})
    async with planned(tmp_path, Reply(answer)) as (client, _):
        response = await client.post("/api/projects", json={"idea": DOGS})
    assert response.status_code == 201, response.text
    brief = response.json()["brief"]
    assert brief["reader"] == "model"
    kinds = [e["singular"].lower() for e in brief["entities"]]
    assert len(kinds) <= 8
    # The idea's own nouns, and at most two names it implies; nothing else the model invented.
    assert kinds[:3] == ["walk", "dog", "owner"]
    assert len([k for k in kinds if k not in {"walk", "dog", "owner", "walker"}]) <= MAX_UNSAID
    assert not any(k.startswith("thing") for k in kinds)
    labels = [f["label"] for e in brief["entities"] for f in e["fields"]]
    assert not any("<" in label or len(label) > 60 for label in labels)
    assert brief["target_users"] != "a" * 500 and len(brief["target_users"]) <= 120


async def test_a_model_slower_than_its_budget_gets_the_rules_plan_in_time(tmp_path: Path) -> None:
    slow = Reply(json.dumps(READING), tokens_per_s=2.0)
    async with planned(tmp_path, slow, timeout_s=1.0) as (client, _):
        started = time.monotonic()
        response = await client.post("/api/projects", json={"idea": DOGS})
        assert time.monotonic() - started < 10
    assert response.status_code == 201, response.text
    assert response.json()["brief"] == derive_brief(DOGS).to_dict()


async def test_an_idea_the_model_says_is_a_game_is_answered_plainly(tmp_path: Path) -> None:
    idea = "A trivia night app where teams answer questions and we keep the scores"
    game = {"app": "game", "records": [], "audience": "trivia teams"}
    async with planned(tmp_path, Reply(json.dumps(game))) as (client, _):
        response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert "a game" in detail and "Traceback" not in detail


async def test_an_idea_the_model_calls_a_timer_is_answered_plainly_when_the_rules_are_unsure(
    tmp_path: Path,
) -> None:
    # The rules read records here (classes, sets) but nothing says plainly it keeps any: the
    # model's verdict stands beside theirs, so the founder is told what it is, not given a
    # plan of "Sets" and "Beeps".
    idea = (
        "Interval trainer for my spin classes: 30 seconds sprint, 90 seconds easy, eight sets, "
        "with a beep for each change"
    )
    timer = {"app": "timer", "records": [{"name": "set"}], "audience": "spin classes"}
    async with planned(tmp_path, Reply(json.dumps(timer))) as (client, _):
        response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 422, response.text
    assert "interval trainer" in response.json()["detail"]


async def test_an_idea_the_rules_say_is_a_timer_is_answered_without_asking_the_model(
    tmp_path: Path,
) -> None:
    idea = "A pomodoro timer that rings after 25 minutes"
    async with planned(tmp_path, Reply(json.dumps(READING))) as (client, server):
        response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 422
    assert "a timer" in response.json()["detail"]
    assert server.requests == []


def test_the_founders_own_business_and_a_word_the_idea_never_implies_are_dropped() -> None:
    idea = "An app for my climbing gym to keep track of members, classes and payments"
    answer = {
        "app": "records",
        "records": [
            {"name": "climbing gym"},
            {"name": "member"},
            {"name": "choice"},
            {"name": "booking"},
        ],
        "audience": "climbers",
    }
    decisions = parse_decisions(json.dumps(answer), idea, read_once(idea).english)
    # The founder's own gym is no record, nor a word of the model's own that is no kind of
    # record the rules know ("choice"); a booking (implied, not said) may be one.
    assert [r.name for r in decisions.records] == ["member", "booking"]
    assert decisions.audience == ""  # "climbers" is not the idea's own word


async def test_a_record_app_the_model_calls_a_page_keeps_the_records_it_chose(
    tmp_path: Path,
) -> None:
    idea = "Calendly for dog groomers: clients book grooming appointments and groomers set hours."
    page = {
        "app": "page",
        "records": [{"name": "appointment"}, {"name": "client"}],
        "audience": "dog groomers",
    }
    async with planned(tmp_path, Reply(json.dumps(page))) as (client, _):
        response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 201, response.text
    brief = response.json()["brief"]
    assert [e["plural"] for e in brief["entities"]][:2] == ["Appointments", "Clients"]
    assert brief["reader"] == "model"


async def test_asked_a_second_time_the_model_is_asked_only_about_what_its_readers_disagree_on(
    tmp_path: Path,
) -> None:
    # `vote-look`: the rules read a Sales kind from "sell" that the model didn't name. The
    # model is asked once more, in the same conversation, about Sales only, and leaves it out.
    idea = (
        "I sell handmade candles at craft fairs and online. Keep my customers and each "
        "candle, and the fairs I go to with the takings."
    )
    reading = {
        "app": "records",
        "records": [{"name": "candle"}, {"name": "customer"}, {"name": "fair"}],
    }
    first, second = Reply(json.dumps(reading)), Reply(json.dumps({"keep": []}))
    async with planned(tmp_path, first, second, split="vote-look") as (client, server):
        response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 201, response.text
    kinds = [e["plural"] for e in response.json()["brief"]["entities"]]
    assert {"Customers", "Fairs"} <= set(kinds) and "Sales" not in kinds
    asked = server.requests[1].body
    said = [m["content"] for m in asked["messages"]]
    assert said[2] == json.dumps(reading) and "sales" in said[3]
    assert "customers" not in said[3] and "fairs" not in said[3]


DOGS = "A dog walking app: walkers log each walk with the dog, the owner and notes."
CANDLES = (
    "I sell handmade candles at craft fairs and online. Keep my customers and each "
    "candle, and the fairs I go to with the takings."
)
CANDLE_READING = {
    "app": "records",
    "records": [{"name": "candle"}, {"name": "customer"}, {"name": "fair"}],
}


@pytest.mark.parametrize(
    ("idea", "reading", "second"),
    [
        pytest.param(DOGS, READING, Reply("I'd keep the sales, sure!"), id="prose"),
        pytest.param(
            DOGS, READING, Reply(json.dumps({"keep": ["dragons", "x" * 5000]})), id="not-asked"
        ),
        pytest.param(DOGS, READING, Reply(status=500), id="server-error"),
        # The candle idea has kinds of the rules' that `vote` keeps and the model is asked
        # about: an answer that isn't a list of those nouns must not drop them.
        pytest.param(
            CANDLES, CANDLE_READING, Reply(json.dumps({"keep": ["dragons"]})), id="candle-not-asked"
        ),
        pytest.param(
            CANDLES, CANDLE_READING, Reply(json.dumps({"keep": "takings"})), id="candle-not-a-list"
        ),
        pytest.param(
            CANDLES, CANDLE_READING, Reply(json.dumps({"nouns": ["takings"]})), id="candle-no-keep"
        ),
    ],
)
async def test_a_second_look_that_cant_be_used_leaves_the_vote_as_it_was(
    tmp_path: Path, idea: str, reading: dict[str, Any], second: Reply
) -> None:
    async with planned(tmp_path, Reply(json.dumps(reading)), split="vote") as (client, _):
        voted = (await client.post("/api/projects", json={"idea": idea})).json()["brief"]
    async with planned(tmp_path, Reply(json.dumps(reading)), second, split="vote-look") as (
        client,
        _,
    ):
        response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 201, response.text
    looked = response.json()["brief"]
    assert [e["plural"] for e in looked["entities"]] == [e["plural"] for e in voted["entities"]]
