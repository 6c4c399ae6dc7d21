"""A detail moved between record kinds, and one kind saying which of another each is for,
read from everyday words against a grooming salon's plan."""

from __future__ import annotations

import pytest

from bench.changes import _plan
from livebuild.brief.change_ops import AddField, ChangeKind, MoveFieldTo, Operation
from livebuild.brief.change_reader import read_change
from livebuild.brief.change_schema import read_answer, said
from livebuild.brief.changes import apply_change
from livebuild.brief.plan_diff import describe_changes
from livebuild.engine.carry_renames import Move, renames_between

SALON = _plan(
    {
        "idea": "A booking app for a dog grooming salon: appointments, groomers, dogs and owners.",
        "product_name": "Groomly",
        "tagline": "Grooming bookings",
        "features": ["Book appointments"],
        "entities": [
            {
                "singular": "Appointment",
                "fields": [
                    ["Title", "text"],
                    ["Dog", "text"],
                    ["Date", "date"],
                    ["Phone", "phone"],
                    ["Status", "text"],
                    ["Owner", "text"],
                ],
            },
            {"singular": "Groomer", "fields": [["Name", "text"], ["Phone", "phone"]]},
            {"singular": "Dog", "fields": [["Name", "text"], ["Breed", "text"]]},
            {"singular": "Owner", "fields": [["Name", "text"], ["Email", "email"]]},
        ],
    }
)
MOVE = MoveFieldTo("appointments", "phone", "owners")

READ: list[tuple[str, Operation]] = [
    ("the phone number should be on the owner, not the appointment", MOVE),
    ("move phone from appointments to owners", MOVE),
    ("Phone belongs on owners, not appointments", MOVE),
    ("each appointment is for a dog", ChangeKind("appointments", "dog", "link")),
    (
        "I'd like to see which dog each appointment is for",
        ChangeKind("appointments", "dog", "link"),
    ),
    (
        "add a dog field to appointments that links to dogs",
        ChangeKind("appointments", "dog", "link"),
    ),
    ("appointments should show which groomer", AddField("appointments", "Groomer", "link")),
    ("link each appointment to a groomer", AddField("appointments", "Groomer", "link")),
]


@pytest.mark.parametrize(("request_", "expected"), READ)
def test_read_as_meant(request_: str, expected: Operation) -> None:
    reading = read_change(SALON, request_)
    assert reading.operations == [expected], (reading.not_understood, reading.suggestions)


def test_a_move_takes_the_field_to_the_other_kind() -> None:
    result = apply_change(SALON, "the phone number should be on the owner, not the appointment")
    assert result.made == ["Moved Phone from Appointments to Owners."]
    appointments, owners = result.brief.entities[0], result.brief.entities[3]
    assert "phone" not in [f.name for f in appointments.fields]
    assert ("phone", "phone") in [(f.name, f.kind) for f in owners.fields]


def test_a_link_added_picks_from_the_other_kind() -> None:
    result = apply_change(SALON, "appointments should show which groomer")
    added = result.brief.entities[0].fields[-1]
    assert (added.label, added.kind, added.links_to) == ("Groomer", "link", "groomers")
    assert result.made == ["Added Groomer to Appointments, picked from your groomers."]


def test_a_move_from_one_of_two_kinds_is_asked_back_not_made() -> None:
    # Appointments and groomers both have a phone: which is meant is not sure.
    result = apply_change(SALON, "move phone to owners")
    assert result.brief == SALON and not result.made
    assert [s.change_request for s in result.suggestions] == [
        "move phone from appointments to owners"
    ]


@pytest.mark.parametrize(
    "request_",
    [
        "move the title from appointments to owners",  # the title stays
        "move phone from appointments to appointments",
    ],
)
def test_an_unsure_or_impossible_move_changes_nothing(request_: str) -> None:
    result = apply_change(SALON, request_)
    assert result.brief == SALON and not result.made and result.unmade


def test_a_models_move_is_checked_and_read_back_by_the_rules() -> None:
    reading = read_answer(
        SALON, [{"op": "move_field_to", "entity": "appointments", "field": "phone", "to": "owners"}]
    )
    assert reading.operations == [MOVE]
    assert read_change(SALON, said(SALON, MOVE)).operations == [MOVE]


# New kinds whose parts come as clauses, a dropdown with no options named, and "as well as".
CLAUSED: list[tuple[str, str, list[str]]] = [
    (
        "we need to log training too – each new class with its level, the room it's in and "
        "the date",
        "Classes",
        ["Level", "Room", "Date"],
    ),
    (
        "Add a Vaccination section to record what it was, when it's due and whether it was "
        "signed off",
        "Vaccinations",
        ["Item", "Due date", "Signed off"],
    ),
]


@pytest.mark.parametrize(("request_", "plural", "labels"), CLAUSED)
def test_a_new_kind_said_in_clauses_keeps_each_part(
    request_: str, plural: str, labels: list[str]
) -> None:
    result = apply_change(SALON, request_)
    added = result.brief.entities[-1]
    assert added.plural == plural, result.unmade
    assert all(label in [f.label for f in added.fields] for label in labels), added.fields


def test_a_dropdown_with_no_options_named_offers_the_values_in_use() -> None:
    result = apply_change(SALON, "status on appointments — only ever a couple, so a dropdown?")
    status = next(f for f in result.brief.entities[0].fields if f.name == "status")
    assert status.kind == "choice" and len(status.choices) >= 2, result.unmade


def test_who_else_has_one_is_no_part_of_the_field() -> None:
    result = apply_change(
        SALON, "dogs need an emergency vet number as well as the owner, it's usually the local one"
    )
    added = [f.label for f in result.brief.entities[2].fields][-1]
    assert added == "Emergency vet number", result.made


def test_a_moves_values_follow_whichever_side_says_which_record() -> None:
    moved = apply_change(SALON, "move phone from appointments to owners").brief
    # Each appointment names its owner: each owner takes its latest appointment's phone.
    assert renames_between(SALON, moved).moves == [
        Move("appointments", "phone", "owners", "owner", "up")
    ]
    linked = apply_change(SALON, "each dog belongs to an owner").brief
    down = apply_change(linked, "the email should be on the dog, not the owner").brief
    # Each dog names its owner: each dog takes its owner's email.
    assert renames_between(linked, down).moves == [Move("owners", "email", "dogs", "owner", "down")]
    # Nothing says which groomer an owner is: the move is made, the values stay behind.
    alone = apply_change(SALON, "move email from owners to groomers")
    assert "don't say which of your groomers" in alone.made[0]
    assert renames_between(SALON, alone.brief).moves[0].via is None


def test_the_versions_page_says_a_field_moved() -> None:
    moved = apply_change(SALON, "move phone from appointments to owners").brief
    assert describe_changes(SALON, moved) == ["Moved Phone from Appointments to Owners"]


def test_kids_are_children_and_still_kids_where_the_plan_says_so() -> None:
    children = _plan(
        {
            "idea": "A forest school: children and sessions.",
            "product_name": "Woodlings",
            "tagline": "Forest school",
            "features": ["Sessions"],
            "entities": [
                {"singular": "Child", "plural": "Children", "fields": [["Name", "text"]]},
                {"singular": "Session", "fields": [["Title", "text"], ["Date", "date"]]},
            ],
        }
    )
    kids = _plan(
        {
            "idea": "A holiday club: kids and sessions.",
            "product_name": "Kidsclub",
            "tagline": "Holiday club",
            "features": ["Sessions"],
            "entities": [
                {"singular": "Kid", "fields": [["Name", "text"]]},
                {"singular": "Session", "fields": [["Title", "text"], ["Date", "date"]]},
            ],
        }
    )
    for plan, slug in ((children, "children"), (kids, "kids")):
        reading = read_change(plan, "the kids need an allergy note")
        assert [getattr(op, "entity", None) for op in reading.operations] == [slug]
