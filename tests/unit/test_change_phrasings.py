"""Everyday phrasings of a change read as meant: a removal said as "can go" or "don't bother
with", a rebrand, a tagline after a colon, a colour wished for after a complaint, a quoted new
name, a dropdown with its options, a new kind listed by its parts, a remark beside a request
and a request typed in capitals. Pure functions on the dev plans; no app is started."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief import Brief
from livebuild.brief.changes import apply_change

# What a founder is told when a new main colour brings a matching accent.
ACCENT_MOVED = "The accent colour moved to a matching shade, so the two fit together."

PLANS, _ = load()
STUDIO = PLANS["studio"]


def _labels(brief: Brief, plural: str) -> list[str]:
    return [f.label for e in brief.entities if e.plural == plural for f in e.fields]


@pytest.mark.parametrize(
    "request_text",
    [
        "We don't phone members any more, so the phone can go",
        "don't bother with phone on members, they all use email",
        "take phone off members, we never did anything with it",
    ],
)
def test_a_removal_said_in_passing_removes_the_field(request_text: str) -> None:
    result = apply_change(STUDIO, request_text)
    assert "Phone" not in _labels(result.brief, "Members"), (result.made, result.unmade)
    assert "Phone" in _labels(STUDIO, "Members")


@pytest.mark.parametrize(
    ("request_text", "name"),
    [
        ("we're rebranding as Bubble & Soak 🛁 can the app say that", "Bubble & Soak"),
        (
            "we've grown! name is now Acorn and Oak Outdoor Learning",
            "Acorn and Oak Outdoor Learning",
        ),
    ],
)
def test_a_rebrand_said_in_passing_renames_the_app(request_text: str, name: str) -> None:
    result = apply_change(STUDIO, request_text)
    assert result.brief.product_name == name, (result.made, result.unmade)
    assert not result.unmade, result.unmade  # "we've grown!" is a remark, not a request


@pytest.mark.parametrize(
    ("request_text", "tagline"),
    [
        ("New strapline please \u2014 Stretch, breathe, smile.", "Stretch, breathe, smile"),
        (
            "the tagline could be 'Find your flow, one class at a time'",
            "Find your flow, one class at a time",
        ),
    ],
)
def test_a_tagline_given_after_a_dash_or_wished_for_is_the_tagline(
    request_text: str, tagline: str
) -> None:
    result = apply_change(STUDIO, request_text)
    assert result.brief.tagline == tagline, (result.made, result.unmade)
    assert result.brief.entities == STUDIO.entities


def test_a_word_about_the_tagline_is_offered_not_made() -> None:
    result = apply_change(STUDIO, "the slogan should be shorter")
    assert result.brief == STUDIO and result.suggestions, result.made
    assert "shorter" in result.suggestions[0].change_request


def test_a_tagline_after_a_colon_is_the_tagline() -> None:
    result = apply_change(STUDIO, "Change the tagline to: Move better, feel better.")
    assert result.brief.tagline == "Move better, feel better"


def test_the_colour_wished_for_after_a_complaint_is_the_one_made() -> None:
    said = "the orangey brown is a bit autumnal, I'd love a dark green like pine trees 🌲"
    assert apply_change(STUDIO, said).made == [f"Made the main colour dark green. {ACCENT_MOVED}"]


@pytest.mark.parametrize(
    "request_text",
    [
        "could 'Status' be 'Delivered to'?",
        "can 'Status' say 'Last deep clean' instead? that's what we actually record",
    ],
)
def test_a_quoted_new_name_is_the_founder_s_own_words(request_text: str) -> None:
    result = apply_change(STUDIO, request_text)
    assert "Status" not in _labels(result.brief, "Bookings"), result.unmade
    assert not result.unmade, result.unmade


def test_a_dropdown_with_its_options_becomes_a_choice_of_them() -> None:
    result = apply_change(STUDIO, "Notes on members need to be a dropdown: New / Regular / Lapsed")
    notes = next(
        f
        for e in result.brief.entities
        if e.plural == "Members"
        for f in e.fields
        if f.label == "Notes"
    )
    assert notes.kind == "choice", result.made
    assert set(notes.choices) == {"New", "Regular", "Lapsed"}


@pytest.mark.parametrize(
    ("request_text", "plural", "labels"),
    [
        (
            "instructors as well please - their name, mobile and insurance expiry",
            "Instructors",
            {"Mobile", "Insurance expiry"},
        ),
        (
            "need a stock list of our mats: brand, colour and the date to replace by",
            "Mats",
            {"Brand"},
        ),
        (
            "We have to write risk assessments for each room: the room, the hazards and the date",
            "Risk assessments",
            {"Hazards", "Date"},
        ),
    ],
)
def test_a_new_kind_listed_by_its_parts_is_added(
    request_text: str, plural: str, labels: set[str]
) -> None:
    result = apply_change(STUDIO, request_text)
    assert labels <= set(_labels(result.brief, plural)), (result.made, result.unmade)


def test_a_request_in_capitals_names_fields_in_ordinary_case() -> None:
    result = apply_change(STUDIO, "WE NEED TO RECORD THE LEVEL ON CLASSES")
    assert "Level" in _labels(result.brief, "Classes"), (result.made, result.unmade)


def test_a_remark_alone_is_still_answered() -> None:
    result = apply_change(STUDIO, "that's what we actually record")
    assert result.brief == STUDIO and result.unmade


def test_whose_field_said_after_its_new_name_is_the_one_renamed() -> None:
    result = apply_change(STUDIO, "rename Capacity to Max people on classes pls")
    assert "Max people" in _labels(result.brief, "Classes"), (result.made, result.unmade)


@pytest.mark.parametrize(
    ("request_text", "label", "kind"),
    [
        ("WE NEED TO RECORD TIPS ON BOOKINGS", "Tips", "money"),
        (
            "Need humidity % on classes, the floor warps if it's over 60",
            "Humidity percent",
            "number",
        ),
    ],
)
def test_a_field_s_kind_follows_its_name_in_plural_or_with_a_sign(
    request_text: str, label: str, kind: str
) -> None:
    result = apply_change(STUDIO, request_text)
    added = [f for e in result.brief.entities for f in e.fields if f.label == label]
    assert added and added[0].kind == kind, (result.made, result.unmade)


def test_a_word_after_the_verb_that_names_no_thing_makes_no_record_kind() -> None:
    said = "we need write down when a member is injured: which class, what injury"
    result = apply_change(STUDIO, said)
    assert "Downs" not in [e.plural for e in result.brief.entities], result.made
