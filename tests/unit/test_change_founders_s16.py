"""Requests founders made of built apps (session 16), read by the rules on the real spaCy
pipeline: options, names and quoted words the founder gives are never spell-corrected, a
detail named by several words is kept whole ("next of kin phone"), and a guess at what a
request meant always shares a word with it, or the reply says plainly nothing of that name was
found and what the app has. No app is started."""

from __future__ import annotations

import pytest

from livebuild.brief.change_ops import SetColour
from livebuild.brief.changes import ChangeResult, apply_change
from tests.unit.founder_plans import field_of as _field
from tests.unit.founder_plans import labels_of as _labels
from tests.unit.founder_plans import plan as _plan
from tests.unit.founder_plans import said as _said

pytestmark = pytest.mark.spacy


CLUB = _plan(
    "a junior sports club with its members and courts",
    [
        {
            "singular": "Member",
            "fields": [["Name", "text"], ["Phone", "phone"], ["Grade", "choice", "A", "B"]],
        },
        {
            "singular": "Court",
            "fields": [
                ["Name", "text"],
                ["Sport", "choice", "Tennis", "Squash"],
                ["Surface", "choice", "Clay", "Grass"],
            ],
        },
    ],
)
FOOD_BANK = _plan(
    "a food bank's volunteer shifts and the families it helps",
    [
        {
            "singular": "Shift",
            "fields": [["Volunteer", "text"], ["Date", "date"], ["Location", "text"]],
        },
        {"singular": "Family", "plural": "Families", "fields": [["Name", "text"]]},
        {"singular": "Parcel", "fields": [["Family", "text"], ["Packed on", "date"]]},
    ],
)


@pytest.mark.parametrize(
    ("request_text", "added"),
    [
        ("the sport dropdown needs padel and pickleball", ["Padel", "Pickleball"]),
        ("add teqball and padel to the sport choices", ["Teqball", "Padel"]),
        ("sport should also offer 'Padle' as an option", ["Padle"]),
    ],
)
def test_options_the_founder_gives_are_kept_as_written(request_text: str, added: list[str]) -> None:
    result = apply_change(CLUB, request_text)
    sport = _field(result, "Courts", "Sport")
    assert sport is not None and sport.kind == "choice", _said(result)
    assert list(sport.choices) == ["Tennis", "Squash", *added], _said(result)


def test_a_new_name_the_founder_gives_is_kept_as_written() -> None:
    result = apply_change(CLUB, "rename courts to Padel courts")
    assert "Padel courts" in [e.plural for e in result.brief.entities], _said(result)


@pytest.mark.parametrize(
    "request_text",
    [
        "members want a next of kin phone number, the coach insists",
        "members need a next of kin phone number",
        "add a next of kin phone number to members",
    ],
)
def test_a_detail_named_by_several_words_is_kept_whole(request_text: str) -> None:
    result = apply_change(CLUB, request_text)
    added = [f for f in next(e for e in result.brief.entities if e.plural == "Members").fields]
    labels = [f.label.lower() for f in added]
    assert any(label.startswith("next of kin") for label in labels), _said(result)
    field = next(f for f in added if f.label.lower().startswith("next of kin"))
    assert field.kind in ("phone", "text"), _said(result)
    assert "Next" not in [f.label for f in added], _said(result)


def test_a_name_the_app_lacks_is_said_plainly_with_what_the_app_has() -> None:
    result = apply_change(FOOD_BANK, "drop the donations")
    said = _said(result)
    assert [e.plural for e in result.brief.entities] == ["Shifts", "Families", "Parcels"], said
    assert "Location" in _labels(result, "Shifts"), said
    assert "location" not in said.lower(), said
    assert "donations" in said.lower(), said
    assert "Shifts" in said and "Families" in said and "Parcels" in said, said


def test_a_guess_at_a_misspelt_name_is_still_offered() -> None:
    result = apply_change(FOOD_BANK, "drop the parcles")
    said = _said(result)
    assert "Parcels" in said, said


def _primary(result: ChangeResult) -> str:
    colours = [op for op in result.operations if isinstance(op, SetColour)]
    assert colours, _said(result)
    return str(colours[-1].said)


@pytest.mark.parametrize(
    ("request_text", "meant"),
    [
        ("our kit is navy, swap the orange for that", "navy"),
        ("the shop sign is sky blue. Change the red to that", "sky blue"),
        ("our logo is forest green, the app should match it not this purple", "forest green"),
        ("make it teal, not this pink", "teal"),
    ],
)
def test_a_colour_pointed_back_at_is_the_one_wished(request_text: str, meant: str) -> None:
    assert _primary(apply_change(CLUB, request_text)) == meant


SCHOOL = _plan(
    "a swimming school's lessons and coaches",
    [
        {"singular": "Lesson", "fields": [["Title", "text"], ["Coach", "text"], ["Day", "date"]]},
        {"singular": "Coach", "plural": "Coaches", "fields": [["Name", "text"]]},
        {"singular": "Pool", "fields": [["Name", "text"]]},
    ],
)


@pytest.mark.parametrize(
    "request_text",
    [
        "when I plan a lesson let me pick the coach off the staff rota",
        "the coach on a lesson should come from our coaches, not be typed",
        "The coach on a lesson - choose from coaches instead of typing a name",
    ],
)
def test_a_field_named_like_a_kind_is_picked_from_it(request_text: str) -> None:
    result = apply_change(SCHOOL, request_text)
    coach = _field(result, "Lessons", "Coach")
    assert coach is not None and coach.kind == "link", _said(result)


@pytest.mark.parametrize(
    "request_text",
    [
        "let me pick the coach off the pools list",
        "the coach on a lesson should not come from our coaches",
    ],
)
def test_a_pick_from_another_kind_or_refused_makes_no_link(request_text: str) -> None:
    result = apply_change(SCHOOL, request_text)
    coach = _field(result, "Lessons", "Coach")
    assert coach is not None and coach.kind == "text", _said(result)


@pytest.mark.parametrize(
    "request_text",
    [
        "Lessons - can we add the date the pool was booked?",
        "lessons: could we log the lifeguard's name",
    ],
)
def test_a_kind_said_first_owns_the_field_asked_for_after_it(request_text: str) -> None:
    result = apply_change(SCHOOL, request_text)
    assert len(_labels(result, "Lessons")) == 4, _said(result)
    assert [e.plural for e in result.brief.entities] == ["Lessons", "Coaches", "Pools"]


@pytest.mark.parametrize(
    ("request_text", "renamed"),
    [
        ("Day is really Lesson date, rename it", "Lesson date"),
        ("'Day' on a lesson is vague. Could it be 'Lesson date'?", "Lesson date"),
    ],
)
def test_a_new_name_said_beside_it_renames_the_field(request_text: str, renamed: str) -> None:
    result = apply_change(SCHOOL, request_text)
    assert _labels(result, "Lessons") == ["Title", "Coach", renamed], _said(result)
    assert not result.unmade, _said(result)


def test_a_word_that_is_no_name_renames_nothing() -> None:
    result = apply_change(SCHOOL, "the coach is really good, rename it")
    assert _labels(result, "Lessons") == ["Title", "Coach", "Day"], _said(result)
