"""The rules' whole-request "can't" is a guess from the request's words (a cue such as "pay" or
"automatically"), so it never skips the model. A founder asking to keep a fact ("track which
members pay by direct debit") gets the field made, as they asked, not "the app can't take
payments"; a founder asking for what no app does ("livestream the classes") reads the plain
"can't", pointed at a record kind or not, in either split, rules first or not. Through the
product over the OpenAI-compatible wire (a loopback server plays the model). Sentences written
for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.model_studio import MARKER, say, studio_app
from tests.vendor_servers import Reply, VendorServer


def _field(entity: str, label: str) -> str:
    return json.dumps([{"op": "add_field", "entity": entity, "label": label, "kind": "boolean"}])


def _asked(server: VendorServer) -> int:
    return len([r for r in server.requests if MARKER in json.dumps(r.body)])


_KEEP = {
    "could we track which members pay by direct debit": (
        _field("members", "Pays by direct debit"),
        "Pays by direct debit",
    ),
    "could we track whether members' fees are paid automatically": (
        _field("members", "Fees paid automatically"),
        "Fees paid automatically",
    ),
}


@pytest.mark.parametrize("words", list(_KEEP))
@pytest.mark.parametrize("split", ["vote", "rules"])
async def test_a_fact_to_keep_is_made_not_declined(tmp_path: Path, words: str, split: str) -> None:
    answer, label = _KEEP[words]
    async with studio_app(
        tmp_path, Reply(answer), change_timeout_s=20.0, model_change_split=split
    ) as opened:
        client, server, project = opened
        said = await say(client, project, words)
        asked = _asked(server)
    result = said["change_result"]
    assert asked == 1
    members = next(e for e in said["brief"]["entities"] if e["slug"] == "members")
    assert label.lower() in [f["label"].lower() for f in members["fields"]], result
    assert not any("can't" in line for line in result["unmade"]), result


CANT = "could we livestream the classes from the app so members abroad can watch"


def _labels(brief: dict[str, Any]) -> list[list[str]]:
    return [[f["label"] for f in e["fields"]] for e in brief["entities"]]


@pytest.mark.parametrize("how", ["pointed", "rules first off"])
@pytest.mark.parametrize("split", ["vote", "rules"])
async def test_a_cant_do_is_declined_pointed_at_or_with_rules_first_off(
    tmp_path: Path, how: str, split: str
) -> None:
    settings: dict[str, Any] = {"change_rules_first": False} if how == "rules first off" else {}
    more = {"target": {"entity": "classes"}} if how == "pointed" else {}
    async with studio_app(
        tmp_path,
        Reply(_field("classes", "Live stream")),
        change_timeout_s=20.0,
        model_change_split=split,
        **settings,
    ) as opened:
        client, server, project = opened
        said = await say(client, project, CANT, **more)
        asked = _asked(server)
    result = said["change_result"]
    assert asked == 1
    assert _labels(said["brief"]) == _labels(project["brief"]), result  # no field made
    assert result["made"] == []
    assert any("can't" in line for line in result["unmade"]), result
