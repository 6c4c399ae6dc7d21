"""Details said as clauses and choices are fields of the kind they are about; a kind whose
details the founder lists keeps no catalogue guesses nobody said."""

from __future__ import annotations

import datetime

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.brief.model import Brief, Entity
from livebuild.brief.said_choices import said_options

pytest.importorskip("spacy", reason="the English pipeline is not installed")


def _kind(brief: Brief, plural: str) -> Entity:
    return next(e for e in brief.entities if e.plural == plural)


def _fields(entity: Entity) -> dict[str, str]:
    return {f.label: f.kind for f in entity.fields}


def test_which_things_are_in_a_state_is_a_yes_or_no_on_them() -> None:
    brief = derive_brief(
        "I run a small piano tuning round. I keep clients, every tuning visit with the date "
        "and what I charged, and which visits are still unpaid."
    )
    visits = _kind(brief, "Tuning visits")
    fields = _fields(visits)
    assert fields["What I charged"] == "money"
    assert fields["Unpaid"] == "boolean"
    # Sample rows show both answers, and sums of money.
    assert {row["unpaid"] for row in visits.seed} == {"yes", "no"}
    assert all(float(row["what_i_charged"]) > 0 for row in visits.seed)
    # A field, not a feature as well.
    assert not {"See what I charged", "See which visits are still unpaid"} & set(brief.features)
    assert len(brief.features) >= 3


def test_when_a_thing_was_last_done_is_a_date_and_how_long_a_number() -> None:
    brief = derive_brief(
        "Fleet log for my delivery vans: when each van was last serviced, and whether each "
        "van is taxed. Also drivers."
    )
    vans = _kind(brief, "Vans")
    assert _fields(vans)["When last serviced"] == "date"
    assert _fields(vans)["Taxed"] == "boolean"
    assert all(datetime.date.fromisoformat(row["last_serviced"]) for row in vans.seed)


def test_questions_after_a_dash_belong_to_the_thing_before_it() -> None:
    brief = derive_brief(
        "Piano teacher. Pupils, and every lesson — what we practised, how long it lasted and "
        "whether it was paid."
    )
    lessons = _fields(_kind(brief, "Lessons"))
    assert lessons["How long it lasted"] == "number"
    assert lessons["Whether it was paid"] == "boolean"


@pytest.mark.parametrize(
    ("text", "words", "options"),
    [
        ("members (name, plan - weekly or 6-week block)", ["plan"], ("Weekly", "6-week block")),
        ("a size: small, medium or large.", ["size"], ("Small", "Medium", "Large")),
        ("each order with a finish (matt or gloss)", ["finish"], ("Matt", "Gloss")),
        ("a delivery type, either collect or post.", ["delivery", "type"], ("Collect", "Post")),
        ("a colour that is either red or blue", ["colour"], ()),
    ],
)
def test_options_said_after_a_detail_are_its_choices(
    text: str, words: list[str], options: tuple[str, ...]
) -> None:
    assert said_options(text, words) == options


def test_a_listed_choice_keeps_exactly_the_options_as_spelt() -> None:
    brief = derive_brief(
        "Pilates studio: clients (name, phone, package - drop-in or 5-sesion card), and "
        "sessions with the instructor and room."
    )
    package = next(f for f in _kind(brief, "Clients").fields if f.label == "Package")
    assert package.kind == "choice"
    assert package.choices == ("Drop-in", "5-sesion card")  # never spell-corrected


def test_a_kind_whose_details_are_listed_keeps_no_catalogue_guesses() -> None:
    brief = derive_brief(
        "Climbing gym: members (name, phone, membership type - monthly or day pass), "
        "classes on the timetable with the coach and wall."
    )
    members = _fields(_kind(brief, "Members"))
    assert {"Name", "Phone", "Membership type"} <= set(members)
    assert not {"Plan", "Monthly fee", "Email", "Joined"} & set(members)
    for entity in brief.entities:
        names = {f.name for f in entity.fields}
        assert all(set(row) == names for row in entity.seed)


def test_a_kind_the_founder_says_nothing_about_keeps_the_catalogue() -> None:
    brief = derive_brief("Climbing gym: members and classes.")
    members = _fields(_kind(brief, "Members"))
    assert len(members) >= 4


def test_it_or_they_in_a_clause_stands_for_the_thing_named_just_before() -> None:
    brief = derive_brief(
        "Swimming school: the pupils on each course and whether they passed, and the teachers."
    )
    assert _fields(_kind(brief, "Pupils"))["Passed"] == "boolean"
    # In a list of one job's details, "it" is the job, not the parts just named.
    brief = derive_brief("Garage: each repair job with the parts I used and whether it was paid.")
    assert "Paid" not in _fields(_kind(brief, "Parts"))
