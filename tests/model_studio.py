"""The yoga studio whose change requests a scripted model reads over a real OpenAI-compatible
wire (a loopback server): shared by the tests of the model's change reading and of the vote."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings
from tests.vendor_servers import Reply, VendorServer

IDEA = "A booking app for a yoga studio: members, classes and bookings."
STUDIO = [
    {
        "singular": "Member",
        "fields": [
            {"label": "Name"},
            {"label": "Email", "kind": "email"},
            {"label": "Notes", "kind": "longtext"},
        ],
    },
    {"singular": "Class", "plural": "Classes", "fields": [{"label": "Title"}]},
    {
        "singular": "Booking",
        "fields": [
            {"label": "Member"},
            {"label": "Status", "kind": "choice", "choices": ["Booked", "Cancelled"]},
        ],
    },
]
# Only a change reading's prompt says this, so the server answers it apart from the plan.
MARKER = "change request for their app"


@asynccontextmanager
async def studio_app(
    tmp_path: Path, reply: Reply, **settings: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, VendorServer, dict[str, Any]]]:
    """The studio app (its client, the model's server, the project), its change requests
    answered with `reply`; `settings` as the test wants them (a split, a timeout)."""
    async with VendorServer() as server:
        server.script(Reply("No plan from me."))  # the idea falls back to the rules' plan
        server.answer(MARKER, reply)
        made = make_settings(
            tmp_path, model_provider="openai", model_base_url=server.openai_url, **settings
        )
        async for client in _client_for(create_app(made)):
            created = await client.post("/api/projects", json={"idea": IDEA})
            assert created.status_code == 201, created.text
            patched = await client.patch(
                f"/api/projects/{created.json()['id']}", json={"brief": {"entities": STUDIO}}
            )
            assert patched.status_code == 200, patched.text
            yield client, server, dict(patched.json())


async def say(
    client: httpx.AsyncClient, project: dict[str, Any], words: str, **more: Any
) -> dict[str, Any]:
    """The founder's change request, answered."""
    answer = await client.post(
        f"/api/projects/{project['id']}/plan-change", json={"change_request": words, **more}
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())
