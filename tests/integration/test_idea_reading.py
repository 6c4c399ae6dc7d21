"""Ideas as founders write them, read offline into plans that name only what the idea keeps;
ideas that aren't record-keeping apps get a plain answer instead of a plan."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from livebuild.appgen import app_files
from livebuild.brief.plan import offline_plan
from livebuild.brief.readable import NotARecordApp
from livebuild.core.stages import Stage
from tests.integration.test_appgen import fetch, running_app, write_app
from tests.kinds import planned_kinds

# Every test here reads an idea with the English pipeline.
pytestmark = pytest.mark.spacy


def test_an_analogy_is_not_a_record_kind() -> None:
    brief = offline_plan(
        "Airbnb for boat slips. Marina owners list their empty slips and boaters book them "
        "by the night or the month."
    )
    kinds = [e.plural for e in brief.entities]
    assert "Bookings" in kinds and any("slips" in k.lower() for k in kinds)
    assert "airbnb" not in str(brief.to_dict()["entities"]).lower()
    assert "airbnb" not in brief.product_name.lower()
    assert not any(k in ("Nights", "Months") for k in kinds)


@pytest.mark.parametrize(
    ("idea", "junk"),
    [
        (
            "I tutor piano. An app like this was used by my old studio to keep students, "
            "lessons and payments.",
            "used",
        ),
        (
            "We have taught pottery for ten years. They've taught us that students forget "
            "which classes they booked. Track students, classes and bookings.",
            "taught",
        ),
        (
            "Equipment leasing for film crews. Leases start when gear leaves the warehouse. "
            "We track cameras, lenses, leases and the crews renting them.",
            "start",
        ),
        ("Landscaping business: quotes become jobs, jobs have a crew.", "become"),
    ],
)
def test_verbs_and_clauses_are_not_record_kinds(idea: str, junk: str) -> None:
    names = " ".join(planned_kinds(idea)).lower()
    assert junk not in names
    assert "year" not in names and "warehouse" not in names and "renting" not in names


def test_typos_are_read_as_meant_and_never_reach_the_name() -> None:
    brief = offline_plan(
        "An app for my climbing gym to keep track of memebers, classes and payments"
    )
    assert [e.plural for e in brief.entities][:3] == ["Members", "Classes", "Payments"]
    assert "memeber" not in brief.product_name.lower()
    choir = offline_plan("Memebr management for our choir - memebrs, rehersals and songs")
    assert [e.plural for e in choir.entities] == ["Members", "Rehearsals", "Songs"]


def test_attributes_are_details_not_record_kinds() -> None:
    kinds = planned_kinds(
        "Rent out our camper vans. Track the vans, their availability, insurance and the year "
        "they were made, plus customer bookings."
    )
    assert kinds[0] == "Vans" and any("ookings" in k for k in kinds)
    assert not {"Availabilities", "Insurances", "Years"} & set(kinds)


def test_a_dog_walking_app_keeps_its_dogs() -> None:
    kinds = planned_kinds(
        "A dog-walking app for busy owners: keep each dog's details, the walkers, the scheduled "
        "walks and payments."
    )
    assert {"Dogs", "Walkers", "Walks", "Payments"} <= set(kinds)
    assert "Details" not in kinds


def test_a_plan_keeps_up_to_eight_kinds_and_the_app_builds_them_all(tmp_path: Path) -> None:
    brief = offline_plan(
        "Kennel management: dogs, owners, vaccinations, stays, feeding schedules, runs, staff "
        "and invoices."
    )
    assert len(brief.entities) == 8
    assert {"Dogs", "Owners", "Vaccinations", "Stays", "Staff", "Invoices"} <= {
        e.plural for e in brief.entities
    }
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        for entity in brief.entities:
            status, page, _ = fetch(f"{base}/{entity.slug}")
            assert status == 200, entity.slug
            assert entity.plural in page


def test_identifiers_are_text_fields() -> None:
    brief = offline_plan(
        "Membership database for a rowing club with each member's postcode, phone number, "
        "membership id and annual fee."
    )
    fields = {f.name: f.kind for e in brief.entities for f in e.fields}
    phone = fields.get("phone_number", fields.get("phone"))  # "phone number" may be Phone
    assert fields["postcode"] == "text" and phone == "text"
    assert fields["membership_id"] == "text"
    assert not {"Postcodes", "Membership ids"} & {e.plural for e in brief.entities}
    repair = offline_plan(
        "Phone repair shop: log the devices customers drop off with their phone number, IMEI "
        "and the fault."
    )
    labels = {f.label: f.kind for f in repair.entities[0].fields}
    assert labels["IMEI"] == "text"


@pytest.mark.parametrize(
    ("idea", "audience"),
    [
        ("A dog-walking app for busy owners: dogs, walkers and walks", "Busy owners"),
        ("Help beekeepers log their hives, inspections and harvests", "Beekeepers"),
        ("I run a makerspace. Members book the laser cutter and 3D printers", "Makerspaces"),
        ("An app for my climbing gym to keep track of members and classes", "A climbing gym"),
        ("Calendly for dog groomers: clients book grooming appointments", "Dog groomers"),
    ],
)
def test_the_audience_comes_from_the_idea(idea: str, audience: str) -> None:
    assert offline_plan(idea).target_users == audience


def test_features_are_whole_phrases() -> None:
    brief = offline_plan(
        "Tenants report maintenance issues with photos; the landlord assigns contractors and "
        "tracks the costs. An app for my gym to keep track of members, classes and payments."
    )
    assert "Keep track of members, classes and payments" in brief.features
    assert "Assign contractors" in brief.features
    assert "Photos" not in brief.features and "Classes" not in brief.features


def test_the_plan_says_who_read_it_and_what_kind_of_app_it_is() -> None:
    plan = offline_plan("Track my clients, their invoices and payments").to_dict()
    assert plan["reader"] == "rules" and plan["app_kind"] == "records"


NOT_RECORD_APPS = [
    "Pomodoro timer: 25 minutes of focus, then a 5 minute break, with a ding at the end.",
    "A mortgage calculator where you enter the loan amount, the interest rate and the term.",
    "A tip calculator that splits the bill between friends.",
    "A trivia game for our pub quiz nights, with a countdown and a leaderboard.",
    "A metronome app for drummers with tap tempo.",
    "A landing page for my new candle business, with an email signup.",
]


@pytest.mark.parametrize("idea", NOT_RECORD_APPS)
async def test_an_idea_that_is_not_a_record_app_gets_a_plain_answer(
    client: httpx.AsyncClient, idea: str
) -> None:
    response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "keep records" in detail and "can't build" in detail and "model" not in detail
    assert "Traceback" not in detail and "spaCy" not in detail
    assert (await client.get("/api/projects")).json()["projects"] == []


async def test_a_record_idea_is_planned_by_the_rules(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/projects", json={"idea": "A pomodoro log: track my focus sessions and tags"}
    )
    assert response.status_code == 201, response.text
    brief = response.json()["brief"]
    assert brief["reader"] == "rules" and brief["app_kind"] == "records"


@pytest.mark.parametrize("idea", ["A shop for hats", "An app to sell hats", "A habit tracker"])
def test_short_record_ideas_are_never_taken_for_timers_or_sounds(idea: str) -> None:
    assert offline_plan(idea).app_kind == "records"


def test_with_a_model_configured_the_offline_fallback_still_plans() -> None:
    idea = NOT_RECORD_APPS[4]
    with pytest.raises(NotARecordApp) as refused:
        offline_plan(idea)
    assert refused.value.reason == "kind"
    brief = offline_plan(idea, record_apps_only=False)
    assert brief.app_kind == "sound" and brief.entities
