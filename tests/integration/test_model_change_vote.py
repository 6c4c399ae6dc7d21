"""A change request decided by a vote of the rules and a model (`LIVEBUILD_MODEL_CHANGE_SPLIT=
vote`), through the product over a real OpenAI-compatible wire (a loopback server): the
founder gets the reading with evidence made and the other reader's offered to confirm, and
the rules' exact shapes are never outvoted by a model's misreading. Sentences written for
these tests."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from tests.model_studio import MARKER, say, studio_app
from tests.vendor_servers import Reply, VendorServer


@asynccontextmanager
async def voting(
    tmp_path: Path, reply: Reply
) -> AsyncIterator[tuple[httpx.AsyncClient, VendorServer, dict[str, Any]]]:
    """The studio app, its change requests decided by a vote with a scripted model."""
    async with studio_app(
        tmp_path, reply, change_timeout_s=10.0, model_change_split="vote"
    ) as opened:
        yield opened


def _labels(brief: dict[str, Any], plural: str) -> list[str]:
    entity = next(e for e in brief["entities"] if e["plural"] == plural)
    return [f["label"] for f in entity["fields"]]


async def test_the_models_reading_of_what_was_named_is_made_over_the_rules_unsure_one(
    tmp_path: Path,
) -> None:
    # The rules read the brands as a field of Members and left the first sentence unread.
    reply = Reply(
        json.dumps(
            [
                {"op": "add_field", "entity": "classes", "label": "Teacher name"},
                {"op": "add_field", "entity": "classes", "label": "Mats"},
            ]
        )
    )
    words = (
        "classes: teacher name and which mats they need. lots of members want Manduka or Liforme"
    )
    async with voting(tmp_path, reply) as (client, _, project):
        answer = await say(client, project, words)
    brief, result = answer["brief"], answer["change_result"]
    assert _labels(brief, "Classes") == ["Title", "Teacher name", "Mats"]
    assert _labels(brief, "Members") == ["Name", "Email", "Notes"]
    assert result["reader"] == "model"
    # The rules' reading is offered to confirm, in words the founder can send back.
    offered = [s["change_request"].lower() for s in result["suggestions"]]
    assert any("manduka" in s for s in offered), result


async def test_an_exact_shape_of_the_rules_is_made_whatever_the_model_reads(
    tmp_path: Path,
) -> None:
    reply = Reply(json.dumps([{"op": "add_field", "entity": "classes", "label": "Sessions"}]))
    async with voting(tmp_path, reply) as (client, server, project):
        answer = await say(client, project, "Classes \u2192 Sessions")
        asked = [r for r in server.requests if MARKER in json.dumps(r.body)]
    plurals = [e["plural"] for e in answer["brief"]["entities"]]
    assert plurals == ["Members", "Sessions", "Bookings"]
    assert answer["change_result"]["reader"] == "rules"
    assert asked == []  # read in milliseconds: the model was not asked


async def test_a_reading_neither_reader_is_sure_of_is_offered_and_nothing_made(
    tmp_path: Path,
) -> None:
    # Nothing in the request names the model's field: it is not made.
    reply = Reply(json.dumps([{"op": "add_field", "entity": "members", "label": "Dietary needs"}]))
    async with voting(tmp_path, reply) as (client, _, project):
        answer = await say(client, project, "we've started running retreats up in the Dales")
    assert _labels(answer["brief"], "Members") == ["Name", "Email", "Notes"]
    assert answer["change_result"]["made"] == []


async def test_a_request_the_rules_read_surely_never_waits_for_a_busy_model(
    tmp_path: Path,
) -> None:
    # The model hangs: a field the rules read surely is made at once, with no "busy" note.
    async with voting(tmp_path, Reply.hang()) as (client, server, project):
        answer = await say(client, project, "add a phone number to members")
        asked = [r for r in server.requests if MARKER in json.dumps(r.body)]
    result = answer["change_result"]
    assert "Phone number" in _labels(answer["brief"], "Members")
    assert not any("busy" in line for line in result["unmade"]), result
    assert asked == []  # read in milliseconds: the model was not asked


async def test_a_theme_the_rules_read_surely_stays_what_the_founder_asked(
    tmp_path: Path,
) -> None:
    reply = Reply(
        json.dumps(
            [
                {"op": "set_theme", "dark": False},
                {"op": "add_field", "entity": "members", "label": "Phone", "kind": "phone"},
            ]
        )
    )
    async with voting(tmp_path, reply) as (client, _, project):
        answer = await say(client, project, "use a dark theme and add a phone number to members")
    told = " ".join(answer["change_result"]["made"]).lower()
    assert "dark" in told and "light" not in told, told


async def test_a_colour_said_against_the_apps_own_is_the_rules_and_the_model_is_not_asked(
    tmp_path: Path,
) -> None:
    # The rules say plainly that they don't know "dishwater"; a model's colour would be a
    # guess, so it is not asked (the founder doesn't wait for an answer that is thrown away).
    reply = Reply(json.dumps([{"op": "set_colour", "colour": "#f7e7ce", "said": "dishwater"}]))
    async with voting(tmp_path, reply) as (client, server, project):
        answer = await say(client, project, "swap the blue for <b>dishwater</b>")
        asked = [r for r in server.requests if MARKER in json.dumps(r.body)]
    assert not asked
    assert answer["brief"]["theme"] == project["brief"]["theme"]
    assert "dishwater" in json.dumps(answer["change_result"]["unmade"]), answer["change_result"]
