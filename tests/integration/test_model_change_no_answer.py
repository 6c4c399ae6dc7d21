"""A request no app can do, read by the rules and a model through the product over a real
OpenAI-compatible wire (the one llama.cpp's server speaks; a loopback server plays the model):
the model is asked (the rules' "can't" is a guess from the request's words), and whatever it
answers (a field for it, nothing, garbage, an operation on a field the plan hasn't, an answer
far too long), the founder gets the rules' plain "can't" and the plan stays as it was. Round
22's e11 ("could we livestream the final from the app …") was made as a yes-or-no field, with
no word that the app can't stream. Sentences written for these tests. The local path's own
wire (`LocalProvider`): `test_model_change_no_answer_local.py`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.model_studio import MARKER, say, studio_app
from tests.vendor_servers import Reply

# The rules decline it as a whole (their second look names the limit), not part by part.
CANT = "could we livestream the classes from the app so members abroad can watch"

_ANSWERS = {
    "a field for it": json.dumps(
        [{"op": "add_field", "entity": "classes", "label": "Live stream", "kind": "boolean"}]
    ),
    "nothing": "",
    "an empty list": "[]",
    "garbage": "Sure! Streaming sounds lovely }{ ]]",
    "a field the plan hasn't": json.dumps(
        [{"op": "remove_field", "entity": "classes", "field": "stream_link"}]
    ),
    "far too long": json.dumps(
        [{"op": "add_field", "entity": "classes", "label": f"Stream {n}"} for n in range(2000)]
    ),
}


def _labels(brief: dict[str, Any]) -> list[list[str]]:
    return [[f["label"] for f in e["fields"]] for e in brief["entities"]]


@pytest.mark.parametrize("answer", list(_ANSWERS), ids=list(_ANSWERS))
@pytest.mark.parametrize("split", ["vote", "rules"])
async def test_a_cant_do_gets_the_rules_plain_decline_whatever_the_model_says(
    tmp_path: Path, answer: str, split: str
) -> None:
    reply = Reply(_ANSWERS[answer])
    async with studio_app(
        tmp_path, reply, change_timeout_s=10.0, model_change_split=split
    ) as opened:
        client, server, project = opened
        said = await say(client, project, CANT)
        asked = [r for r in server.requests if MARKER in json.dumps(r.body)]
    result = said["change_result"]
    assert len(asked) == 1  # the model's answer was read, not skipped
    assert _labels(said["brief"]) == _labels(project["brief"])  # nothing made of it
    assert result["made"] == []
    # The founder is told, plainly, that the app can't, and what it can do instead.
    words = " ".join(result["unmade"])
    assert "can't show live video" in words, result  # the limit asked past, not "a device"
    assert "couldn't work out" not in words.lower(), result
