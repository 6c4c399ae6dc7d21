"""Correcting the plan in plain words over HTTP: POST /api/projects/{id}/plan-change reads the
request into changes of the plan before any build, on each database."""

from __future__ import annotations

import colorsys
from pathlib import Path
from typing import Any

import httpx

from livebuild.brief.theme import contrast_ratio
from livebuild.core.stages import Stage
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings, wait_done
from tests.fakes import GatedRunner

IDEA = "A booking app for a yoga studio: members, classes and bookings."
STUDIO = [
    {"singular": "Member", "fields": [{"label": "Name"}, {"label": "Notes", "kind": "longtext"}]},
    {"singular": "Class", "plural": "Classes", "fields": [{"label": "Title"}]},
    {
        "singular": "Booking",
        "fields": [
            {"label": "Member"},
            {"label": "Status", "kind": "choice", "choices": ["Booked", "Cancelled"]},
        ],
    },
]


async def _studio(client: httpx.AsyncClient) -> dict[str, Any]:
    created = await client.post("/api/projects", json={"idea": IDEA})
    assert created.status_code == 201, created.text
    patched = await client.patch(
        f"/api/projects/{created.json()['id']}", json={"brief": {"entities": STUDIO}}
    )
    assert patched.status_code == 200, patched.text
    return dict(patched.json())


async def _say(client: httpx.AsyncClient, project_id: str, words: Any) -> httpx.Response:
    return await client.post(
        f"/api/projects/{project_id}/plan-change", json={"change_request": words}
    )


async def _made(client: httpx.AsyncClient, project_id: str, words: str) -> dict[str, Any]:
    """The project after `words` were read into its plan: answered, never refused."""
    answer = await _say(client, project_id, words)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _fields(project: dict[str, Any], plural: str) -> dict[str, str]:
    entity = next(e for e in project["brief"]["entities"] if e["plural"] == plural)
    return {f["label"]: f["kind"] for f in entity["fields"]}


async def test_plain_words_change_the_plan_and_say_what_they_did(
    client: httpx.AsyncClient,
) -> None:
    project = await _studio(client)
    changed = await _made(
        client,
        project["id"],
        "Members should have a mobile number too. I'd rather not have notes on members. "
        "Add 'Waitlisted' to the status options, and please call bookings 'reservations' instead",
    )
    assert _fields(changed, "Members") == {"Name": "text", "Mobile number": "phone"}
    reservations = next(e for e in changed["brief"]["entities"] if e["plural"] == "Reservations")
    assert reservations["slug"] == "reservations"
    assert "Waitlisted" in reservations["fields"][1]["choices"]
    result = changed["change_result"]
    assert len(result["made"]) == 4 and result["unmade"] == [] and result["suggestions"] == []
    assert result["suggestion"] is None
    # Saved: the plan page and the next build see it.
    again = (await client.get(f"/api/projects/{project['id']}")).json()
    assert again["brief"] == changed["brief"]


async def test_an_unsure_reading_changes_nothing_and_is_offered_to_confirm(
    client: httpx.AsyncClient,
) -> None:
    project = await _studio(client)
    answer = await _made(client, project["id"], "rename members to the people who come to class")
    assert answer["brief"] == project["brief"]
    result = answer["change_result"]
    assert result["made"] == [] and result["suggestions"]
    offered = result["suggestions"][0]
    assert offered["change_request"] == "rename Members to People"

    confirmed = await _made(client, project["id"], offered["change_request"])
    assert confirmed["change_result"]["made"] == ["Renamed Members to People."]
    assert "People" in [e["plural"] for e in confirmed["brief"]["entities"]]


async def test_what_cant_be_made_is_said_plainly_and_leaves_the_plan(
    client: httpx.AsyncClient,
) -> None:
    project = await _studio(client)
    answer = await _say(client, project["id"], "members should be able to pay online with Stripe")
    assert answer.status_code == 200
    result = answer.json()["change_result"]
    assert result["made"] == [] and "can't take payments" in result["unmade"][0]
    assert answer.json()["brief"] == project["brief"]
    assert "Traceback" not in answer.text and "livebuild" not in answer.text.lower()


async def test_bad_input_is_refused_plainly(client: httpx.AsyncClient) -> None:
    project = await _studio(client)
    for words in ("", "   ", "x" * 5001, 42, None, ["add notes"]):
        answer = await _say(client, project["id"], words)
        assert answer.status_code == 422, (words, answer.text)
        assert isinstance(answer.json()["detail"], str | list)
    missing = await client.post(f"/api/projects/{project['id']}/plan-change", json={})
    assert missing.status_code == 422
    nowhere = await _say(client, "no-such-project", "add notes")
    assert nowhere.status_code == 404
    # Hostile words are read as words: nothing of them reaches the plan as markup or code.
    hostile = await _made(
        client, project["id"], "add a <script>alert(1)</script> page; rename members to '); DROP"
    )
    names = " ".join(e["plural"] for e in hostile["brief"]["entities"])
    assert "<" not in names and "DROP" not in names


async def test_the_plan_is_locked_while_a_build_runs(tmp_path: Path) -> None:
    runner = GatedRunner(Stage.CODE)
    async for client in _client_for(create_app(make_settings(tmp_path), runner=runner)):
        project = await _studio(client)
        build = (await client.post(f"/api/projects/{project['id']}/builds")).json()
        await runner.reached.wait()

        answer = await _say(client, project["id"], "members should have a mobile number")

        assert answer.status_code == 409
        assert "once the build finishes" in answer.json()["detail"]
        runner.gate.set()
        await wait_done(client, build["job_id"])
        after = (await client.get(f"/api/projects/{project['id']}")).json()
        assert "Mobile number" not in _fields(after, "Members")


async def test_a_secret_in_the_words_never_reaches_the_plan(client: httpx.AsyncClient) -> None:
    project = await _studio(client)
    key = "sk-ant-api03-" + "k" * 40
    answer = await _say(
        client, project["id"], f"add a Keys page with {key}. call it {key}. Add a {key} field"
    )
    assert answer.status_code == 200, answer.text
    assert key not in answer.text and "sk-ant" not in answer.text


async def test_a_wish_the_app_cant_act_on_is_declined_with_the_closest_thing_to_confirm(
    client: httpx.AsyncClient,
) -> None:
    project = await _studio(client)
    changed = await _made(client, project["id"], "members should be able to e-sign the waiver")
    assert changed["brief"]["entities"] == project["brief"]["entities"]
    result = changed["change_result"]
    assert result["made"] == [] and "can't collect signatures" in result["unmade"][0]
    offered = result["suggestions"][0]["change_request"]
    confirmed = await _made(client, project["id"], offered)
    assert _fields(confirmed, "Members").get("Date signed") == "date"


async def test_what_people_call_things_and_a_service_named_as_data_are_made(
    client: httpx.AsyncClient,
) -> None:
    project = await _studio(client)
    changed = await _made(
        client,
        project["id"],
        "Round here we say sessions, not classes. Members need their Instagram handle too.",
    )
    plurals = [e["plural"] for e in changed["brief"]["entities"]]
    assert "Sessions" in plurals and "Classes" not in plurals, plurals
    assert "Instagram handle" in {k.capitalize() for k in _fields(changed, "Members")}
    assert changed["change_result"]["unmade"] == []


async def test_the_app_asked_to_act_by_itself_is_declined_and_the_plan_kept(
    client: httpx.AsyncClient,
) -> None:
    project = await _studio(client)
    changed = await _made(
        client, project["id"], "could the app cancel the bookings when a class gets too full?"
    )
    assert changed["brief"]["entities"] == project["brief"]["entities"]
    unmade = " ".join(changed["change_result"]["unmade"])
    assert "doesn't do things by itself" in unmade and "couldn't work out" not in unmade


async def test_a_pick_a_choice_and_a_box_said_in_passing_are_made_as_meant(
    client: httpx.AsyncClient,
) -> None:
    project = await _studio(client)
    said = [
        "add class to bookings",
        "I'd rather pick the class on bookings from our classes than type it",
        "Status on bookings shouldn't be a dropdown, just let me type it",
        "members need an injuries box - knees, backs, that sort of thing",
    ]
    for words in said:
        project = await _made(client, project["id"], words)
        assert project["change_result"]["unmade"] == [], project["change_result"]
    assert _fields(project, "Bookings") == {"Member": "text", "Status": "text", "Class": "link"}
    assert set(_fields(project, "Members")) == {"Name", "Notes", "Injuries"}


def _hue(colour: str) -> float:
    return colorsys.rgb_to_hls(*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0] * 360


async def test_a_new_main_colour_brings_a_matching_accent_unless_the_founder_chose_one(
    client: httpx.AsyncClient,
) -> None:
    project = await _studio(client)
    theme = (await _made(client, project["id"], "make it green, like a garden"))["brief"]["theme"]
    # The logo and the dashboard bars fade from the main colour to the accent: both green-ish.
    assert 90 <= _hue(theme["primary"]) <= 180 and 90 <= _hue(theme["accent"]) <= 200
    assert contrast_ratio(theme["accent"], "#ffffff") >= 4.5

    await _made(client, project["id"], "make the accent colour orange")
    orange = (await client.get(f"/api/projects/{project['id']}")).json()["brief"]["theme"]
    theme = (await _made(client, project["id"], "make it blue"))["brief"]["theme"]
    assert theme["primary"] != orange["primary"] and theme["accent"] == orange["accent"]


async def test_a_limit_word_in_a_field_is_that_field_and_a_bare_order_is_an_order(
    client: httpx.AsyncClient,
) -> None:
    created = await client.post("/api/projects", json={"idea": IDEA})
    members = {
        "singular": "Member",
        "fields": [
            {"label": "Name"},
            {"label": "Notes", "kind": "longtext"},
            {"label": "Photo consent", "kind": "boolean"},
            {"label": "Phone", "kind": "phone"},
        ],
    }
    patched = await client.patch(
        f"/api/projects/{created.json()['id']}",
        json={"brief": {"entities": [members, *STUDIO[1:]]}},
    )
    project = patched.json()
    said = [
        "Members: phone before notes",
        "the photo consent tick isn't needed any more",
        "New strapline please \u2014 Stretch, breathe, smile.",
    ]
    for words in said:
        answer = await _say(client, project["id"], words)
        assert answer.status_code == 200, answer.text
        assert answer.json()["change_result"]["unmade"] == [], answer.json()["change_result"]
    project = answer.json()
    assert list(_fields(project, "Members")) == ["Name", "Phone", "Notes"]
    assert project["brief"]["tagline"] == "Stretch, breathe, smile"
    upload = await _say(client, project["id"], "members should upload a photo of themselves")
    assert "can't store files" in " ".join(upload.json()["change_result"]["unmade"])


async def test_markup_and_addresses_in_a_request_never_reach_the_plan(
    client: httpx.AsyncClient,
) -> None:
    created = await client.post("/api/projects", json={"idea": IDEA})
    patched = await client.patch(
        f"/api/projects/{created.json()['id']}", json={"brief": {"entities": STUDIO}}
    )
    project = patched.json()
    only_code = await _made(client, project["id"], "<script>alert(1)</script>")
    assert only_code["brief"]["entities"] == project["brief"]["entities"]
    assert "web page code" in " ".join(only_code["change_result"]["unmade"])
    for words in ("rename members to <script>alert(1)</script>", "call classes www.example.com"):
        answer = await _made(client, project["id"], words)
        assert answer["brief"]["entities"] == project["brief"]["entities"], words
        said = str(answer["change_result"]).lower()
        assert "script" not in said and "example" not in said, said
    made = await _made(client, project["id"], "<b>add</b> a phone number to <i>members</i>")
    assert "Phone number" in _fields(made, "Members"), made["change_result"]


async def test_founders_see_a_choice_list_replaced_a_kept_field_and_a_missing_name_said(
    client: httpx.AsyncClient,
) -> None:
    created = await client.post("/api/projects", json={"idea": IDEA})
    patched = await client.patch(
        f"/api/projects/{created.json()['id']}", json={"brief": {"entities": STUDIO}}
    )
    project = patched.json()
    listed = await _made(client, project["id"], "status should be booked, waiting or cancelled")
    bookings = next(e for e in listed["brief"]["entities"] if e["slug"] == "bookings")
    status = next(f for f in bookings["fields"] if f["label"] == "Status")
    assert status["choices"] == ["Booked", "Waiting", "Cancelled"], listed["change_result"]
    again = await _made(client, project["id"], "add a notes box to members")
    assert list(_fields(again, "Members")) == ["Name", "Notes"], again["change_result"]
    assert "already a Notes field on Members" in " ".join(again["change_result"]["made"])
    nameless = await _made(client, project["id"], "rename classes to <b></b>")
    assert nameless["brief"]["entities"] == again["brief"]["entities"]
    assert "Say what to call Classes" in " ".join(nameless["change_result"]["unmade"])


async def test_founders_see_their_options_kept_as_written_and_a_missing_name_said_plainly(
    client: httpx.AsyncClient,
) -> None:
    project = await _studio(client)
    listed = await _made(client, project["id"], "the status dropdown needs padel and waitlisted")
    bookings = next(e for e in listed["brief"]["entities"] if e["slug"] == "bookings")
    status = next(f for f in bookings["fields"] if f["label"] == "Status")
    assert status["choices"] == ["Booked", "Cancelled", "Padel", "Waitlisted"], listed
    kin = await _made(client, project["id"], "members want a next of kin phone number")
    assert _fields(kin, "Members").get("Next of kin phone number") == "phone", kin
    missing = await _made(client, project["id"], "drop the donations")
    assert missing["brief"]["entities"] == kin["brief"]["entities"]
    said = " ".join(missing["change_result"]["unmade"])
    assert "couldn't find \u201cdonations\u201d" in said and "Members, Classes and Bookings" in said
    assert not missing["change_result"].get("suggestions"), missing["change_result"]


async def test_a_title_said_to_be_one_of_our_records_becomes_a_pick_of_them(
    client: httpx.AsyncClient,
) -> None:
    created = await client.post("/api/projects", json={"idea": IDEA})
    respite = [
        {"singular": "Family", "plural": "Families", "fields": [{"label": "Name"}]},
        {
            "singular": "Placement",
            "fields": [{"label": "Family"}, {"label": "Starts", "kind": "date"}],
        },
    ]
    patched = await client.patch(
        f"/api/projects/{created.json()['id']}", json={"brief": {"entities": respite}}
    )
    assert patched.status_code == 200, patched.text
    for words in (
        "the family on a placement should be picked from our families",
        "each placement is for one of our families",
    ):
        project = await _made(client, created.json()["id"], words)
        assert _fields(project, "Placements")["Family"] == "link", project["plan_change"]
        again = await client.patch(
            f"/api/projects/{created.json()['id']}", json={"brief": {"entities": respite}}
        )
        assert again.status_code == 200, again.text
