"""A change request read by a model over a real OpenAI-compatible wire (a loopback server):
a good answer is made and says the model read it; an answer that is hostile, broken, huge or
late falls back to the rules' reading, plainly and never as a 500, and the plan is never
corrupted; an unsure or disputed reading is offered to confirm, not made."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from livebuild.brief import Brief
from livebuild.brief.changes import apply_change
from tests.conftest import stream_all
from tests.model_studio import MARKER, say, studio_app
from tests.vendor_servers import Reply, VendorServer


def _ops(*ops: dict[str, Any]) -> Reply:
    return Reply(json.dumps(list(ops)))


@asynccontextmanager
async def studio(
    tmp_path: Path, reply: Reply, *, timeout_s: float = 10.0, rules_first: bool = False
) -> AsyncIterator[tuple[httpx.AsyncClient, VendorServer, dict[str, Any]]]:
    """The studio app read by a scripted model; by default the model reads every request (the
    tests here are about what it answers), `rules_first` as a founder's install does."""
    async with studio_app(
        tmp_path, reply, change_timeout_s=timeout_s, change_rules_first=rules_first
    ) as opened:
        yield opened


def _fields(brief: dict[str, Any], plural: str) -> dict[str, str]:
    entity = next(e for e in brief["entities"] if e["plural"] == plural)
    return {f["label"]: f["kind"] for f in entity["fields"]}


def _by_rules(project: dict[str, Any], words: str) -> dict[str, Any]:
    return apply_change(Brief.from_dict(project["brief"]), words).brief.to_dict()


async def test_the_model_reads_an_everyday_request_and_the_result_says_so(
    tmp_path: Path,
) -> None:
    reply = _ops(
        {"op": "add_field", "entity": "members", "label": "mobile_number", "kind": "number"},
        {"op": "rename_entity", "entity": "bookings", "new": "Reservations"},
        {"op": "add_field", "entity": "bookings", "label": "Paid", "kind": "boolean"},
    )
    async with studio(tmp_path, reply) as (client, server, project):
        said = "members need a mobile, bookings should be reservations, and note if they paid"
        answer = await say(client, project, said)
    result = answer["change_result"]
    assert result["reader"] == "model" and result["unmade"] == []
    # A phone number is text the app keeps as written, whatever kind the model picked.
    assert _fields(answer["brief"], "Members")["Mobile number"] == "phone"
    # The field added after the rename is on the renamed records.
    assert _fields(answer["brief"], "Reservations")["Paid"] == "boolean"
    sent = json.dumps(server.requests[-1].body)
    # The model saw the plan's own names and the request, and the answer's schema.
    assert "bookings" in sent and "membership" not in sent and said in sent
    assert "JSON schema" in sent


HOSTILE = {
    "unknown names": _ops({"op": "remove_field", "entity": "dragons", "field": "fire"}),
    "a field of another kind of record": _ops(
        {"op": "remove_field", "entity": "classes", "field": "email"}
    ),
    "a hundred operations": _ops(
        *({"op": "add_field", "entity": "members", "label": f"F{i}"} for i in range(100))
    ),
    "ten megabytes": Reply('[{"op": "set_name", "name": "' + "x" * 10_000_000 + '"}]'),
    "not JSON": Reply('[{"op": "add_field", "entity": "members", "label": '),
    "prose": Reply("Sure! I'd be happy to add a phone number for you."),
    "every kind removed": _ops(
        {"op": "remove_entity", "entity": "members"},
        {"op": "remove_entity", "entity": "classes"},
        {"op": "remove_entity", "entity": "bookings"},
    ),
    "a script for a name": _ops(
        {"op": "rename_entity", "entity": "members", "new": "<script>alert(1)</script>"}
    ),
    "a server error": Reply(status=500),
}


@pytest.mark.parametrize("answer", HOSTILE.values(), ids=HOSTILE.keys())
async def test_a_hostile_or_broken_answer_falls_back_to_the_rules(
    tmp_path: Path, answer: Reply
) -> None:
    words = "members should have a phone number too"
    async with studio(tmp_path, answer) as (client, _, project):
        changed = await say(client, project, words)
        again = (await client.get(f"/api/projects/{project['id']}")).json()
    result = changed["change_result"]
    assert result["reader"] == "rules"
    assert changed["brief"] == again["brief"] == {**project["brief"], **_by_rules(project, words)}
    assert _fields(changed["brief"], "Members")["Phone number"] == "phone"
    assert "<script" not in json.dumps(changed) and "xxxxxxxxxx" not in json.dumps(changed)
    assert [e["plural"] for e in changed["brief"]["entities"]] == ["Members", "Classes", "Bookings"]


async def test_a_model_too_slow_gives_the_rules_reading_in_time(tmp_path: Path) -> None:
    slow = Reply.hang('[{"op": "add_field", "entity": "members",')
    async with studio(tmp_path, slow, timeout_s=1.0) as (client, _, project):
        started = time.monotonic()
        changed = await say(client, project, "rename bookings to reservations")
        took = time.monotonic() - started
    assert took < 5, took
    assert changed["change_result"]["reader"] == "rules"
    assert [e["plural"] for e in changed["brief"]["entities"]][-1] == "Reservations"


async def test_an_unsure_reading_is_offered_not_made(tmp_path: Path) -> None:
    unsure = _ops({"op": "remove_field", "entity": "members", "field": "notes", "sure": False})
    async with studio(tmp_path, unsure) as (client, _, project):
        changed = await say(client, project, "notes on members are a bit much")
    result = changed["change_result"]
    assert changed["brief"] == project["brief"]
    assert result["made"] == []
    assert result["suggestions"][0]["change_request"] == "remove notes from Members"


async def test_a_removal_the_rules_did_not_read_is_offered_not_made(tmp_path: Path) -> None:
    # The founder asked to add something; the model reads a removal: records would go.
    wrong = _ops({"op": "remove_entity", "entity": "classes"})
    async with studio(tmp_path, wrong) as (client, _, project):
        changed = await say(client, project, "add a room to classes")
    result = changed["change_result"]
    assert "Classes" in [e["plural"] for e in changed["brief"]["entities"]]
    offered = [s["change_request"] for s in result["suggestions"]]
    assert "remove the Classes page" in offered


async def test_what_no_app_can_do_is_declined_with_the_closest_thing(tmp_path: Path) -> None:
    # A "payment method" field would only look like taking payments.
    field = _ops({"op": "add_field", "entity": "bookings", "label": "Payment method"})
    async with studio(tmp_path, field) as (client, _, project):
        changed = await say(client, project, "take card payments when people book")
    result = changed["change_result"]
    assert changed["brief"] == project["brief"]
    assert "can't take payments" in " ".join(result["unmade"])
    assert any("Payments page" in s["change_request"] for s in result["suggestions"])


async def test_a_cannot_the_rules_dont_know_is_said_plainly(tmp_path: Path) -> None:
    cannot = _ops({"op": "cannot", "why": "The app can't control the studio's heating."})
    async with studio(tmp_path, cannot) as (client, _, project):
        changed = await say(client, project, "warm the room before each class starts")
    result = changed["change_result"]
    assert changed["brief"] == project["brief"]
    assert result["reader"] == "model"
    assert result["unmade"][0].startswith("The app can't control the studio's heating.")
    assert "keep a record of it" in result["unmade"][0]


async def test_the_field_pointed_at_reaches_the_model(tmp_path: Path) -> None:
    rename = _ops(
        {"op": "rename_field", "entity": "members", "field": "email", "new": "Work email"}
    )
    async with studio(tmp_path, rename) as (client, server, project):
        target = {"page": "/members/new", "element": "field", "entity": "members", "field": "email"}
        changed = await say(client, project, "call it work email", target=target)
        # A target naming what the plan doesn't have is no target at all.
        await say(client, project, "call it work email", target={"entity": "x" * 500, "field": [1]})
    assert "Work email" in _fields(changed["brief"], "Members")
    prompts = [json.dumps(r.body) for r in server.requests if MARKER in json.dumps(r.body)]
    assert "pointed at the field email" in prompts[0]
    assert "pointed at" not in prompts[1]


async def test_a_change_to_a_built_app_is_read_by_the_model(tmp_path: Path) -> None:
    reply = _ops({"op": "add_field", "entity": "bookings", "label": "Room", "kind": "text"})
    async with studio(tmp_path, reply) as (client, _, project):
        first = await client.post(f"/api/projects/{project['id']}/builds")
        await stream_all(client, first.json()["job_id"])
        build = await client.post(
            f"/api/projects/{project['id']}/builds",
            json={"change_request": "could we note which room each booking is in?"},
        )
        assert build.status_code == 202, build.text
        await stream_all(client, build.json()["job_id"])
        status = (await client.get(f"/api/jobs/{build.json()['job_id']}")).json()
        page = await client.get(
            f"/projects/{project['id']}/build", params={"job_id": build.json()["job_id"]}
        )
    assert status["status"] == "ready", status
    # The version's page says who read the request, beside what was made.
    assert "Read by your connected language model." in page.text
    result = status["change_result"]
    assert result["reader"] == "model"
    assert any("room" in line.lower() for line in result["made"])


Check = Callable[[dict[str, Any]], bool]
MENDED: dict[str, tuple[dict[str, Any], Check]] = {
    # A field renamed where the founder named the record kind: the record kind is renamed.
    "please call bookings 'reservations' instead": (
        {"op": "rename_field", "entity": "bookings", "field": "status", "new": "Reservations"},
        lambda brief: brief["entities"][2]["plural"] == "Reservations",
    ),
    # A record kind renamed for the app's own name: the app is renamed.
    "the app should be called Bendy Studio": (
        {"op": "rename_entity", "entity": "members", "new": "Bendy Studio"},
        lambda brief: brief["product_name"] == "Bendy Studio",
    ),
    # Every option listed to add one: the one is added.
    "add Waitlisted to the booking status options": (
        {
            "op": "change_kind",
            "entity": "bookings",
            "field": "status",
            "kind": "choice",
            "choices": ["Booked", "Cancelled", "Waitlisted"],
        },
        lambda brief: (
            brief["entities"][2]["fields"][1]["choices"] == ["Booked", "Cancelled", "Waitlisted"]
        ),
    ),
    # A removal the request asks for and names is made.
    "notes on members aren't needed": (
        {"op": "remove_field", "entity": "members", "field": "notes"},
        lambda brief: "Notes" not in _fields(brief, "Members"),
    ),
}


@pytest.mark.parametrize("words", MENDED.keys())
async def test_a_small_models_known_slips_are_mended_by_the_request_words(
    tmp_path: Path, words: str
) -> None:
    op, check = MENDED[words]
    async with studio(tmp_path, _ops(op)) as (client, _, project):
        changed = await say(client, project, words)
    assert changed["change_result"]["reader"] == "model", changed["change_result"]
    assert check(changed["brief"]), changed["brief"]


async def test_a_model_op_naming_a_slipped_name_is_resolved_against_the_plan(
    tmp_path: Path,
) -> None:
    # A singular for the slug and a label for the key: both are the plan's own names.
    reply = _ops({"op": "rename_field", "entity": "member", "field": "E-mail", "new": "Work email"})
    async with studio(tmp_path, reply) as (client, _, project):
        changed = await say(client, project, "members' email should be called Work email")
    assert changed["change_result"]["reader"] == "model", changed["change_result"]
    assert "Work email" in _fields(changed["brief"], "Members"), changed["change_result"]


async def test_a_model_op_on_a_field_another_record_kind_has_is_offered_not_made(
    tmp_path: Path,
) -> None:
    # Status is a field of Bookings, not Members: never removed from anywhere unasked.
    reply = _ops({"op": "remove_field", "entity": "members", "field": "status"})
    async with studio(tmp_path, reply) as (client, _, project):
        changed = await say(client, project, "we don't want the status thing any more")
    assert changed["brief"]["entities"] == project["brief"]["entities"]
    offered = [s["change_request"] for s in changed["change_result"]["suggestions"]]
    assert any("status" in o.lower() and "bookings" in o.lower() for o in offered), offered


async def test_a_shade_the_model_reads_as_the_dark_theme_leaves_the_theme_be(
    tmp_path: Path,
) -> None:
    reply = _ops({"op": "set_theme", "dark": True}, {"op": "set_colour", "said": "dark blue"})
    async with studio(tmp_path, reply) as (client, _, project):
        changed = await say(client, project, "make it dark blue")
        dark = await say(client, project, "dark mode please")
    theme, before = changed["brief"]["theme"], project["brief"]["theme"]
    assert theme["background"] == before["background"] and theme["primary"] != before["primary"]
    assert dark["brief"]["theme"]["background"] != before["background"]


async def test_when_the_readings_share_nothing_the_rules_sure_one_is_made_and_the_model_offered(
    tmp_path: Path,
) -> None:
    other = _ops({"op": "add_field", "entity": "members", "label": "Reservations"})
    async with studio(tmp_path, other) as (client, _, project):
        changed = await say(client, project, "rename bookings to reservations")
    result = changed["change_result"]
    assert result["reader"] == "rules"
    assert [e["plural"] for e in changed["brief"]["entities"]][-1] == "Reservations"
    assert "Reservations" not in _fields(changed["brief"], "Members")
    offered = [s["change_request"] for s in result["suggestions"]]
    assert offered == ["add reservations to Members"]


async def test_a_plain_request_the_model_declines_is_made_by_the_rules(tmp_path: Path) -> None:
    declined = _ops({"op": "cannot", "why": "Members cannot have a phone number."})
    async with studio(tmp_path, declined) as (client, _, project):
        changed = await say(client, project, "add a phone number to members")
    assert _fields(changed["brief"], "Members")["Phone number"] == "phone"
    assert changed["change_result"]["unmade"] == []


async def test_an_invented_rename_is_offered_and_the_rules_sure_reading_made(
    tmp_path: Path,
) -> None:
    invented = _ops({"op": "rename_entity", "entity": "bookings", "new": "Owners"})
    async with studio(tmp_path, invented) as (client, _, project):
        changed = await say(client, project, "rename bookings to reservations")
    result = changed["change_result"]
    assert [e["plural"] for e in changed["brief"]["entities"]][-1] == "Reservations"
    assert "Owners" not in json.dumps(changed["brief"])
    assert [s["change_request"] for s in result["suggestions"]] == ["rename Bookings to Owners"]


async def test_a_request_the_rules_read_surely_is_made_without_asking_the_model(
    tmp_path: Path,
) -> None:
    wrong = _ops({"op": "remove_entity", "entity": "members"})
    async with studio(tmp_path, wrong, rules_first=True) as (client, server, project):
        result = await say(client, project, "add a phone number to members")
        asked = [r for r in server.requests if MARKER in json.dumps(r.body)]
        assert not asked
        assert result["change_result"]["reader"] == "rules"
        kinds = [e["singular"] for e in result["brief"]["entities"]]
        assert "Member" in kinds
        fields = next(e for e in result["brief"]["entities"] if e["singular"] == "Member")
        assert "Phone number" in [f["label"] for f in fields["fields"]]


async def test_a_request_the_rules_are_unsure_of_still_goes_to_the_model(tmp_path: Path) -> None:
    reply = _ops({"op": "add_field", "entity": "members", "label": "Shoe size", "kind": "text"})
    async with studio(tmp_path, reply, rules_first=True) as (client, server, project):
        result = await say(client, project, "folk keep asking about sizes for the mats, hmm")
        asked = [r for r in server.requests if MARKER in json.dumps(r.body)]
        assert len(asked) == 1
        assert result["change_result"]["reader"] == "model"


async def test_the_models_cant_says_the_closest_thing_that_can_be_made(tmp_path: Path) -> None:
    reply = _ops({"op": "cannot", "why": "It can't text members."})
    async with studio(tmp_path, reply) as (client, _, project):
        result = await say(client, project, "ping everyone when a class is full")
        said = result["change_result"]
        assert said["reader"] == "model"
        assert any("phone number" in s["change_request"] for s in said["suggestions"]), said
        assert any("can't send text messages" in line for line in said["unmade"]), said


async def test_a_cant_the_rules_know_no_limit_for_still_offers_a_way(tmp_path: Path) -> None:
    reply = _ops({"op": "cannot", "why": "<b>Traceback</b> it can't levitate the mats"})
    async with studio(tmp_path, reply) as (client, _, project):
        result = await say(client, project, "make the mats float between classes")
        unmade = " ".join(result["change_result"]["unmade"])
        assert "keep a record of it" in unmade
        assert "<b>" not in unmade and "Traceback" not in unmade


async def test_a_model_may_move_a_field_one_place_up(tmp_path: Path) -> None:
    reply = _ops({"op": "move_field", "entity": "members", "field": "notes", "place": "up"})
    async with studio(tmp_path, reply) as (client, _, project):
        result = await say(client, project, "nudge notes a bit higher on members")
        member = next(e for e in result["brief"]["entities"] if e["singular"] == "Member")
        assert [f["label"] for f in member["fields"]] == ["Name", "Notes", "Email"]


async def test_a_model_answer_that_comes_to_nothing_is_never_a_silent_nothing(
    tmp_path: Path,
) -> None:
    # An empty list, or one whose every operation is dropped as naming nothing in the plan.
    for reply in (_ops(), _ops({"op": "remove_field", "entity": "members", "field": "nope"})):
        async with studio(tmp_path, reply) as (client, _, project):
            result = await say(client, project, "pay the owners their share automatically")
            said = result["change_result"]
            # The founder is told something: what was made, what wasn't, or what to try.
            assert said["made"] or said["unmade"], said


async def test_a_rename_said_of_the_field_pointed_at_renames_that_field(tmp_path: Path) -> None:
    # Pointed at Bookings' Status, the founder gives its new name and says why; "the old name"
    # in the reason reads to the rules as Members' Name. The field pointed at is renamed.
    rename = _ops(
        {"op": "rename_field", "entity": "bookings", "field": "status", "new": "Booking state"}
    )
    async with studio(tmp_path, rename, rules_first=True) as (client, _, project):
        target = {"page": "/bookings", "element": "field", "entity": "bookings", "field": "status"}
        words = "call this 'Booking state' please, the old name confuses staff"
        changed = await say(client, project, words, target=target)
    assert "Booking state" in _fields(changed["brief"], "Bookings")
    assert "Name" in _fields(changed["brief"], "Members")
    assert changed["change_result"]["reader"] == "model"
