"""`LIVEBUILD_MODEL_CHANGE_SPLIT=none`: with a model configured, the rules alone read a change
request (the model is never asked, so the founder never waits for it); the model still reads
ideas. Through the product over a real OpenAI-compatible wire (a loopback server)."""

from __future__ import annotations

import json
from pathlib import Path

from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings
from tests.vendor_servers import Reply, VendorServer

IDEA = "A booking app for a yoga studio: members, classes and bookings."
MARKER = "change request for their app"


async def test_the_rules_alone_read_change_requests_and_the_model_is_never_asked(
    tmp_path: Path,
) -> None:
    async with VendorServer() as server:
        server.script(Reply("No plan from me."))
        # Were it asked, the model would rename Members to X: nothing may ask it.
        server.answer(
            MARKER, Reply(json.dumps([{"op": "rename_entity", "entity": "members", "to": "X"}]))
        )
        settings = make_settings(
            tmp_path,
            model_provider="openai",
            model_base_url=server.openai_url,
            change_timeout_s=10.0,
            model_change_split="none",
        )
        async for client in _client_for(create_app(settings)):
            created = await client.post("/api/projects", json={"idea": IDEA})
            assert created.status_code == 201, created.text
            project = created.json()
            said = []
            for words in (
                "add a phone number to members",
                "I want to know which teacher takes each class",
            ):
                answer = await client.post(
                    f"/api/projects/{project['id']}/plan-change", json={"change_request": words}
                )
                assert answer.status_code == 200, answer.text
                said.append(answer.json())
            asked = [r for r in server.requests if MARKER in json.dumps(r.body)]
            idea_asked = len(server.requests) - len(asked)
    # Under the vote, the model is asked about the second (the rules can't read it surely).
    assert asked == [], "the model was asked to read a change request"
    assert idea_asked >= 1, "the model was still asked to read the idea"
    made, unread = said
    members = next(e for e in made["brief"]["entities"] if e["plural"] == "Members")
    assert "Phone number" in [f["label"] for f in members["fields"]]
    assert made["change_result"]["reader"] == "rules"
    # What the rules can't read is said plainly at once, never guessed.
    assert unread["change_result"]["reader"] == "rules"
    assert unread["change_result"]["unmade"], unread["change_result"]
    assert unread["brief"]["entities"] == made["brief"]["entities"]
