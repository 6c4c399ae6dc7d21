"""A request that asks for something no app can do never becomes a literal change: a part
cut from the same clause as a can't-do ("the parents should be able to log in and put their
own child down for rallies") goes with it, while a part that is a complete change of its own
("add a phone number to members, and can it text them?") is still made. Pure functions on
plans; no app is started."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief.changes import apply_change
from livebuild.brief.derive import derive_brief
from livebuild.brief.model import Brief
from livebuild.brief.validate import merge_plan

PLANS, _ = load()
STUDIO = PLANS["studio"]


def _pony_club() -> Brief:
    entities = [
        {
            "singular": "Rally",
            "plural": "Rallies",
            "fields": [
                {"label": "Venue", "kind": "text", "choices": []},
                {"label": "Date", "kind": "date", "choices": []},
            ],
        },
        {
            "singular": "Member",
            "plural": "Members",
            "fields": [
                {"label": "Name", "kind": "text", "choices": []},
                {"label": "Pony", "kind": "text", "choices": []},
            ],
        },
    ]
    return merge_plan(
        derive_brief("a pony club that runs rallies for its members"), {"entities": entities}
    )


PONY_CLUB = _pony_club()


@pytest.mark.parametrize(
    ("plan", "request_text", "why"),
    [
        (
            PONY_CLUB,
            "the parents should be able to log in and put their own child down for rallies",
            "no sign-in",
        ),
        (STUDIO, "customers should sign in and see their bookings", "no sign-in"),
        (STUDIO, "text the owner and add a note", "can't send text messages"),
        (STUDIO, "let members pay online and show what they owe", "can't take payments"),
        (
            STUDIO,
            "members should be able to log in and put themselves down for classes",
            "no sign-in",
        ),
        (STUDIO, "the parents should be able to log in and add their phone number", "no sign-in"),
        (STUDIO, "email each member and add a reminder", "can't send emails"),
        (STUDIO, "customers should pay by card, and put their name on the list", "payments"),
        (STUDIO, "let members pay online and add their phone number", "can't take payments"),
        (STUDIO, "members should be able to log in and change their email", "no sign-in"),
    ],
)
def test_a_can_t_do_and_what_is_left_of_its_clause_change_nothing(
    plan: Brief, request_text: str, why: str
) -> None:
    result = apply_change(plan, request_text)
    assert result.brief == plan, result.made
    assert not [line for line in result.made if line.startswith("Added")], result.made
    assert any(why in line for line in result.unmade), result.unmade


@pytest.mark.parametrize(
    ("request_text", "kind", "field"),
    [
        ("add a phone number to members, and can it text them?", "Members", "Phone number"),
        ("email each member and add a notes field to classes", "Classes", "Notes"),
        ("text the members, and add a phone number to members", "Members", "Phone number"),
        ("let members pay online. Add a price field to classes", "Classes", "Price"),
        ("members should be able to log in, and add a level to classes", "Classes", "Level"),
    ],
)
def test_a_complete_change_beside_a_can_t_do_is_still_made(
    request_text: str, kind: str, field: str
) -> None:
    result = apply_change(STUDIO, request_text)
    entity = next(e for e in result.brief.entities if e.plural == kind)
    assert any(f.label.lower() == field.lower() for f in entity.fields), result.made
    assert any("can't" in line or "sign-in" in line for line in result.unmade), result.unmade


def test_a_part_held_back_with_a_can_t_do_is_said_not_dropped() -> None:
    result = apply_change(
        PONY_CLUB, "the parents should be able to log in and put their own child down for rallies"
    )
    assert any("put their own child down for rallies" in line for line in result.unmade), (
        result.unmade
    )


def test_someone_else_s_act_beside_a_can_t_do_is_not_read_as_a_change_to_find() -> None:
    result = apply_change(STUDIO, "members should be able to log in and change their email")
    assert not any("\u201ctheir\u201d" in line for line in result.unmade), result.unmade
    assert any("change their email" in line for line in result.unmade), result.unmade
