"""Change requests with a model: SEARCH/REPLACE edits against the current files, over real
HTTP, with the vendor SDKs talking to scripted answers."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx

from livebuild.engine.runners._edits import (
    Edit,
    answer_with_edits,
    apply_edits,
    edits_between,
    parse_edits,
    render_edits,
)
from tests.conftest import make_settings, stream_all
from tests.integration.test_model_runner import (
    SECRET,
    _build,
    _client,
    _logs,
    _project,
    _sent,
    _settings,
    app,
    stage_answers,
)
from tests.vendor_servers import Reply, VendorServer

CHANGE = "Welcome visitors on the home page"
HOME_LINK = """            return self.send(200, page(f'<a href="{BASE}/walks">Walks</a>'))\n"""
WELCOMING = HOME_LINK.replace("<a ", "<p>Welcome, walker!</p><a ")


def edit(path: str, search: str, replace: str) -> str:
    return render_edits([Edit(path, search, replace)])


# Only a change request's reading asks this of the model.
CHANGE_READING = "change request for their app"
WELCOMED = "DONE: The home page now welcomes visitors."
NOT_TEXTED = "CANNOT: Texting walkers needs a phone service the app can't reach."


def welcome(intro: str = WELCOMED) -> Reply:
    return Reply(f"{intro}\n{edit('app.py', HOME_LINK, WELCOMING)}")


async def _v1(client: httpx.AsyncClient, server: VendorServer) -> dict[str, Any]:
    """A ready v0.1 written by the model; the requests it took are forgotten."""
    project = await _project(client, server)
    server.script(*stage_answers(project["name"]))
    job_id, events = await _build(client, project)
    assert events[-1]["type"] == "build.completed", events[-1]
    server.requests.clear()
    server.replies.clear()
    # The change's reading is the rules' here (the model reads nothing): these tests are
    # about the edits the model writes.
    server.answer(CHANGE_READING, Reply("[]"))
    server.unrecorded.append(CHANGE_READING)
    return project | {"v1": job_id}


async def _change(
    client: httpx.AsyncClient, project: dict[str, Any], change: str = CHANGE
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    response = await client.post(
        f"/api/projects/{project['id']}/builds", json={"change_request": change}
    )
    assert response.status_code == 202, response.text
    job_id = response.json()["job_id"]
    events = await stream_all(client, job_id)
    return (await client.get(f"/api/jobs/{job_id}")).json(), events


def _blob_count(tmp_path: Path) -> int:
    return sum(1 for p in (tmp_path / "data").rglob("sha256/*/*") if p.is_file())


async def test_a_change_is_made_by_editing_only_the_file_it_needs(tmp_path: Path) -> None:
    async with VendorServer() as server:
        async for client in _client(_settings(tmp_path, server, "anthropic")):
            project = await _v1(client, server)
            blobs_before = _blob_count(tmp_path)
            server.script(welcome(f"{WELCOMED}\n{NOT_TEXTED}"))
            v2, events = await _change(client, project)

            assert v2["status"] == "ready", await _logs(client, v2["job_id"])
            assert len(server.requests) == 1
            request = server.requests[0].body
            assert "SEARCH" in request["system"] and "=== edit:" in request["system"]
            sent = _sent(server, 0)
            assert CHANGE in sent and json.dumps(HOME_LINK.strip())[1:-1] in sent
            page = await client.get(f"/preview/{v2['job_id']}/", follow_redirects=True)
            assert "Welcome, walker!" in page.text
            # Only the edited file differs, and the version store gained about one blob.
            diff = (await client.get(f"/api/jobs/{v2['job_id']}/diff")).json()
            assert [(f["path"], f["status"]) for f in diff["files"]] == [("app.py", "modified")]
            assert (
                "+" in diff["files"][0]["diff"] and "Welcome, walker!" in diff["files"][0]["diff"]
            )
            assert _blob_count(tmp_path) == blobs_before + 1
            # What it did and what it couldn't reach the founder in plain words.
            assert v2["change_result"]["made"] == ["The home page now welcomes visitors."]
            assert v2["change_result"]["unmade"] == [
                "Texting walkers needs a phone service the app can't reach."
            ]
            assert (
                "Not done: Texting walkers needs a phone service the app can't reach."
                in (diff["summary"])
            )
            listing = (await client.get(f"/api/projects/{project['id']}/versions")).json()
            assert listing["versions"][1]["summary"][0] == "The home page now welcomes visitors."
            assert "smoke tests passed" in await _logs(client, v2["job_id"])
            code = [e for e in events if e["type"] == "build.stage.started"]
            assert any(CHANGE in e["narration"] for e in code)


SAVING = "            if SAVES:\n"
NOT_SAVING = "            if not SAVES:\n"


async def test_checks_that_fail_after_edits_go_back_for_more_edits(tmp_path: Path) -> None:
    async with VendorServer() as server:
        async for client in _client(_settings(tmp_path, server, "openai")):
            project = await _v1(client, server)
            breaking = Reply(
                "DONE: The home page now welcomes visitors.\n"
                + edit("app.py", HOME_LINK, WELCOMING)
                + edit("app.py", SAVING, NOT_SAVING)
            )
            fixing = Reply("DONE: Saving walks works again.\n" + edit("app.py", NOT_SAVING, SAVING))
            server.script(breaking, fixing)
            v2, events = await _change(client, project)

            assert v2["status"] == "ready", v2["error"]
            checks = [e["outcome"] for e in events if e.get("stage") == "checks" and "outcome" in e]
            assert checks == ["retry", "ok"] and len(server.requests) == 2
            fix = _sent(server, 1)
            assert "smoke test failed after your edits" in fix
            assert "the add form did not save" in fix and NOT_SAVING.strip() in fix
            assert SECRET not in fix and str(tmp_path) not in fix
            assert "=== edit:" in server.requests[1].body["messages"][0]["content"]
            walks = await client.get(f"/preview/{v2['job_id']}/walks", follow_redirects=True)
            assert "Smoke walk" in walks.text
            # The fix repaired the change; the founder hears what the change made, not that
            # saving (which they never saw broken) "works again".
            assert v2["change_result"]["made"] == ["The home page now welcomes visitors."]


async def test_edits_that_never_pass_checks_leave_the_app_as_it_was(tmp_path: Path) -> None:
    async with VendorServer() as server:
        async for client in _client(_settings(tmp_path, server, "anthropic")):
            project = await _v1(client, server)
            breaking = Reply("DONE: Welcomed visitors.\n" + edit("app.py", SAVING, NOT_SAVING))
            still = Reply("DONE: Tried.\n" + edit("app.py", NOT_SAVING, NOT_SAVING + "#\n"))
            server.script(breaking, still)
            v2, _ = await _change(client, project)

            assert v2["status"] == "failed"
            message = v2["error"]["message"]
            assert "final checks" in message
            assert f"{project['name']} is unchanged; v0.1 is still there." in message
            first = await client.get(f"/preview/{project['v1']}/", follow_redirects=True)
            assert first.status_code == 200


async def test_a_malformed_answer_is_refused_and_the_reasons_go_back(tmp_path: Path) -> None:
    # The hostile answer (~120 KB, within the answer bound) streams as ~41,000 events: ~5
    # CPU-s to read on a loaded 2-core machine (~26 s when the vendor's client parsed each
    # one), and a loaded suite once took the 60 s stage limit. The stage and the model call
    # get room; what is checked is unchanged.
    room = {"stage_timeout_s": 240.0, "model_timeout_s": 240.0}
    async with VendorServer() as server:
        async for client in _client(_settings(tmp_path, server, "openai", **room)):
            project = await _v1(client, server)
            whole = app(project["name"]).replace(HOME_LINK, WELCOMING)
            huge = "x = 1\n" * 20_000
            hostile = Reply(
                "DONE: Everything.\n"
                f"=== path: app.py ===\n```python\n{whole}```\n"
                "=== new: helper.py ===\n```python\nimport requests\n```\n"
                f"=== edit: tests/smoke.py ===\n<<<<<<< SEARCH\nimport sys\n=======\n"
                f"{huge}>>>>>>> REPLACE\n"
                "=== edit: README.md ===\n<<<<<<< SEARCH\npython app.py\n=======\n"
            )
            server.script(hostile, welcome())
            v2, _ = await _change(client, project)

            assert v2["status"] == "ready", v2["error"]
            assert len(server.requests) == 2
            retry = _sent(server, 1)
            assert "None of your edits were applied" in retry
            assert "app.py already exists" in retry
            assert "imports requests" in retry
            assert "over 64 KB" in retry
            assert "no `=======` line or no `>>>>>>> REPLACE`" in retry
            # Nothing of the refused answer was written.
            workspace = tmp_path / "data" / "workspaces" / v2["job_id"] / "app"
            assert not (workspace / "helper.py").exists()
            assert "x = 1" not in (workspace / "tests" / "smoke.py").read_text()
            diff = (await client.get(f"/api/jobs/{v2['job_id']}/diff")).json()
            assert [f["path"] for f in diff["files"]] == ["app.py"]
            assert "refused the edits" in await _logs(client, v2["job_id"])


async def test_an_edit_whose_search_text_is_missing_fails_honestly(tmp_path: Path) -> None:
    async with VendorServer() as server:
        async for client in _client(_settings(tmp_path, server, "anthropic")):
            project = await _v1(client, server)
            missing = Reply(
                "DONE: Welcomed visitors.\n"
                + edit("app.py", "    return welcome_page()\n", "    return greet()\n")
            )
            server.script(missing, missing)
            v2, events = await _change(client, project)

            assert v2["status"] == "failed"
            assert len(server.requests) == 2
            assert "SEARCH text was not found" in _sent(server, 1)
            message = v2["error"]["message"]
            assert message.startswith("We couldn't make this change")
            assert "v0.1 is still there" in message and project["name"] in message
            assert "SEARCH" not in message and "app.py" not in message
            assert events[-1]["type"] == "build.failed"
            # Never a version claiming the change: v0.1 is still the latest ready one.
            listing = (await client.get(f"/api/projects/{project['id']}/versions")).json()
            assert [v["status"] for v in listing["versions"]] == ["ready", "failed"]
            assert "could not be applied after 2 answers" in await _logs(client, v2["job_id"])


async def test_edits_that_escape_the_workspace_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text("SECRET = 1\n")
    async with VendorServer() as server:
        async for client in _client(_settings(tmp_path, server, "anthropic")):
            project = await _v1(client, server)
            escaping = Reply(
                "DONE: Welcomed visitors.\n"
                + edit("../../../outside.py", "SECRET = 1\n", "SECRET = 2\n")
                + edit(str(outside), "SECRET = 1\n", "SECRET = 2\n")
                + "=== new: ../planted.py ===\n```python\nprint('out')\n```\n"
            )
            server.script(escaping, escaping)
            v2, _ = await _change(client, project)

            assert v2["status"] == "failed"
            retry = _sent(server, 1)
            assert retry.count("the path leaves the app's folder") >= 3
            assert outside.read_text() == "SECRET = 1\n"
            assert not (tmp_path / "data" / "workspaces" / "planted.py").exists()
            assert str(outside) not in v2["error"]["message"]


async def test_a_change_the_model_says_it_cannot_make_is_answered_plainly(
    tmp_path: Path,
) -> None:
    async with VendorServer() as server:
        async for client in _client(_settings(tmp_path, server, "openai")):
            project = await _v1(client, server)
            server.script(Reply("CANNOT: Paying by card needs a payment provider."))
            v2, _ = await _change(client, project, "Take card payments")

            assert v2["status"] == "failed" and len(server.requests) == 1
            assert v2["error"]["message"] == (
                "We couldn't make this change: Paying by card needs a payment provider. "
                f"{project['name']} is unchanged; v0.1 is still there."
            )


async def test_the_offline_model_answers_a_change_with_edits(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, runner="model", model_provider="offline")
    async for client in _client(settings):
        project = await _project(client)
        _, events = await _build(client, project)
        assert events[-1]["type"] == "build.completed", events[-1]
        change = "Add a Tastings page with rating and date. Text walkers every morning"
        v2, _ = await _change(client, project, change)

        assert v2["status"] == "ready", v2["error"]
        diff = (await client.get(f"/api/jobs/{v2['job_id']}/diff")).json()
        changed = {f["path"] for f in diff["files"]}
        assert changed and "app.py" not in changed
        # What it made and what it couldn't, in the same words everywhere.
        # A can't-do in a request of several parts is declined plainly, with what can be kept,
        # for the people the request named ("text walkers": the walkers, not the first people).
        unmade = (
            "The app can't send text messages: it isn't connected to a phone network. We can "
            "keep a phone number on each record so you can text people yourself: say \u201cadd "
            "a phone number to Walkers\u201d."
        )
        assert v2["change_result"]["made"] == ["Added a Tastings page with rating and date."]
        assert v2["change_result"]["unmade"] == [unmade]
        assert diff["summary"] == [
            "Added a Tastings page with rating and date.",
            f"Not done: {unmade}",
        ]
        whats_new = (await client.get(f"/api/jobs/{v2['job_id']}/docs")).json()["changelog"]
        assert "Added a Tastings page with rating and date." in whats_new and unmade in whats_new
        assert "applied" in await _logs(client, v2["job_id"])
        # A request the offline model has no edit for is answered in the planner's words.
        v3, _ = await _change(client, project, "Take card payments through a bank")
        assert v3["status"] == "failed"
        message = v3["error"]["message"]
        assert message.startswith("We couldn't make this change: ")
        assert "is unchanged; v0.2 is still there." in message


def test_edits_between_two_texts_apply_back_exactly() -> None:
    old = "".join(f"line {n}\n" for n in range(60)) + "end\n"
    new = old.replace("line 3\n", "line three\n").replace("line 50\n", "") + "after\n"
    edits = edits_between("a.py", old, new)
    assert len(edits) == 3 and all(len(e.search) < len(old) for e in edits)
    parsed = parse_edits(answer_with_edits({"a.txt": old}, {"a.txt": new}, "Changed it."))
    assert parsed.done == ["Changed it."] and not parsed.malformed
    applied = apply_edits(
        Path("/nonexistent"), {"a.txt": old}, parsed, max_files=9, max_file_bytes=10**6
    )
    assert applied.changed == {"a.txt": new} and not applied.problems


def test_an_ambiguous_search_is_refused() -> None:
    parsed = parse_edits(edit("a.txt", "x\n", "y\n"))
    applied = apply_edits(Path("/w"), {"a.txt": "x\nx\n"}, parsed, max_files=9, max_file_bytes=99)
    assert "occurs 2 times" in applied.problems["a.txt"] and not applied.changed


GUIDE_MARKER = "You write the user guide"
CHANGELOG_MARKER = "You tell a non-technical founder"
GUIDE = (
    "## Overview\n\nWalks in one place.\n\n## Features\n\n- Walks\n\n"
    "## Getting Started\n\n1. Open it.\n\n## FAQ\n\n**Is it free?**\nYes.\n"
)


def _with_guide(server: VendorServer) -> None:
    """The guide is written by the model; What's New falls back to livebuild's own words, so
    what it says comes from what livebuild told the model, not from a scripted answer."""
    server.answer(GUIDE_MARKER, Reply(GUIDE))
    server.answer(CHANGELOG_MARKER, Reply(status=500))


async def test_whats_new_says_what_the_model_really_made(tmp_path: Path) -> None:
    async with VendorServer() as server:
        _with_guide(server)
        settings = _settings(tmp_path, server, "anthropic", docs_enabled=True)
        async for client in _client(settings):
            project = await _v1(client, server)
            server.script(welcome(f"{WELCOMED}\n{NOT_TEXTED}"))
            v2, _ = await _change(client, project)
            assert v2["status"] == "ready", await _logs(client, v2["job_id"])

            docs = (await client.get(f"/api/jobs/{v2['job_id']}/docs")).json()
            assert docs["status"] == "complete"
            whats_new = docs["changelog"]
            assert "The home page now welcomes visitors." in whats_new
            assert "Texting walkers needs a phone service the app can't reach." in whats_new
            # The planner's guess that the request couldn't be made is nowhere.
            assert "couldn't work out" not in whats_new
            asked = [r for r in server.requests if CHANGELOG_MARKER in json.dumps(r.body)]
            assert len(asked) == 1
            told = json.dumps(asked[0].body)
            assert "The home page now welcomes visitors." in told
            assert "couldn't work out" not in told
            # The downloads carry the same What's New.
            markdown = (await client.get(f"/api/jobs/{v2['job_id']}/docs.md")).text
            assert "## What's New" in markdown
            assert "The home page now welcomes visitors." in markdown
            assert "couldn't work out" not in markdown
            listing = (await client.get(f"/api/projects/{project['id']}/versions")).json()
            assert listing["versions"][1]["summary"] == [
                "The home page now welcomes visitors.",
                "Not done: Texting walkers needs a phone service the app can't reach.",
            ]


async def test_a_change_the_model_did_not_make_is_never_claimed(tmp_path: Path) -> None:
    """The planner can add a Tastings page to the plan; the model says it can't. Nothing a
    founder reads says the page was added."""
    async with VendorServer() as server:
        _with_guide(server)
        settings = _settings(tmp_path, server, "anthropic", docs_enabled=True)
        async for client in _client(settings):
            project = await _v1(client, server)
            server.script(
                welcome(
                    "DONE: The home page now welcomes visitors.\n"
                    "CANNOT: A Tastings page needs a rating the app can't show yet."
                )
            )
            change = "Add a Tastings page with rating and date"
            v2, _ = await _change(client, project, change)
            assert v2["status"] == "ready", await _logs(client, v2["job_id"])
            listing = (await client.get(f"/api/projects/{project['id']}/versions")).json()
            summary = listing["versions"][1]["summary"]
            assert not [line for line in summary if "Added a Tastings page" in line]
            docs = (await client.get(f"/api/jobs/{v2['job_id']}/docs")).json()
            assert "Added a Tastings page" not in docs["changelog"]
            assert "Tastings page needs a rating" in docs["changelog"]
            # The plan, which the guide, the stats and the next change come from, claims no
            # Tastings either.
            page = await client.get(
                f"/projects/{project['id']}/build", params={"job_id": v2["job_id"]}
            )
            tracks = re.search(r'data-stat="tracks">([^<]*)<', page.text)
            assert tracks is not None and "Walks" in tracks[1] and "Tastings" not in tracks[1]
            plan = (await client.get(f"/api/projects/{project['id']}")).json()["brief"]
            assert "Tastings" not in json.dumps(plan)

            # A change that fails leaves no claim behind, in the guide or the version list.
            missing = Reply(
                "DONE: Added a Tastings page.\n"
                + edit("app.py", "    return welcome_page()\n", "    return tastings()\n")
            )
            server.script(missing, missing)
            v3, _ = await _change(client, project, change)
            assert v3["status"] == "failed"
            assert v3["change_result"] is None or not v3["change_result"]["made"]
            listing = (await client.get(f"/api/projects/{project['id']}/versions")).json()
            assert not [line for line in listing["versions"][2]["summary"] if "Tastings" in line], (
                listing["versions"][2]
            )
            docs = (await client.get(f"/api/jobs/{v3['job_id']}/docs")).json()
            assert not docs["changelog"]
            assert not [
                e
                for e in await stream_all(client, v3["job_id"])
                if "Added a Tastings page" in json.dumps(e)
            ]
