"""Requests founders made of built apps, read by the rules on the real spaCy pipeline: a choice
list said again replaces its options, a field the kind already has is not added twice, every
part of a request is made or said plainly not made, a kind is found by the words founders use
for it ("the waiting list" for Waitlist entries), and a rename with no new name asks for one.
No app is started."""

from __future__ import annotations

import pytest

from livebuild.brief.changes import apply_change
from tests.unit.founder_plans import field_of as _field
from tests.unit.founder_plans import labels_of as _labels
from tests.unit.founder_plans import plan as _plan
from tests.unit.founder_plans import said as _said

pytestmark = pytest.mark.spacy


BAKERY = _plan(
    "a bread subscription for a village bakery",
    [
        {
            "singular": "Subscriber",
            "fields": [
                ["Name", "text"],
                ["Email", "email"],
                ["Tier", "choice", "Bronze", "Silver", "Gold"],
            ],
        },
        {
            "singular": "Loaf",
            "plural": "Loaves",
            "fields": [["Name", "text"], ["Baked on", "date"]],
        },
    ],
)
TOOLS = _plan(
    "a tool library lending garden tools",
    [
        {"singular": "Tool", "fields": [["Name", "text"], ["Condition", "choice", "Good", "Worn"]]},
        {
            "singular": "Damage report",
            "fields": [["Tool", "text"], ["Notes", "long_text"], ["Reported on", "date"]],
        },
        {
            "singular": "Waitlist entry",
            "plural": "Waitlist entries",
            "fields": [["Name", "text"], ["Joined on", "date"]],
        },
        {"singular": "House", "fields": [["Address", "text"]]},
        {"singular": "Walk", "fields": [["Route", "text"]]},
    ],
)


@pytest.mark.parametrize(
    "request_text",
    [
        "tiers should be standard, premium and deluxe",
        "the tier should be standard, premium or deluxe",
        "tier options should be Standard, Premium, Deluxe",
    ],
)
def test_a_choice_said_to_be_a_list_offers_that_list_instead(request_text: str) -> None:
    result = apply_change(BAKERY, request_text)
    tier = _field(result, "Subscribers", "Tier")
    assert tier is not None and tier.kind == "choice", _said(result)
    assert list(tier.choices) == ["Standard", "Premium", "Deluxe"], _said(result)


def test_a_choice_that_should_also_offer_more_keeps_its_options() -> None:
    result = apply_change(BAKERY, "add platinum to the tier choices")
    tier = _field(result, "Subscribers", "Tier")
    assert list(tier.choices) == ["Bronze", "Silver", "Gold", "Platinum"], _said(result)


@pytest.mark.parametrize(
    "request_text",
    [
        "add a notes box to damage reports",
        "damage reports need a notes field",
        "add notes to damage reports",
    ],
)
def test_a_field_the_kind_already_has_is_not_added_again(request_text: str) -> None:
    result = apply_change(TOOLS, request_text)
    assert _labels(result, "Damage reports") == ["Tool", "Notes", "Reported on"], _said(result)
    assert "already" in _said(result) and "Notes" in _said(result), _said(result)


def test_two_kinds_asked_for_in_one_sentence_both_get_their_field() -> None:
    result = apply_change(BAKERY, "subscribers need a phone number and the loaves need a price")
    assert "Phone number" in _labels(result, "Subscribers"), _said(result)
    assert "Price" in _labels(result, "Loaves"), _said(result)


def test_a_part_not_made_is_said_not_dropped() -> None:
    result = apply_change(
        BAKERY, "subscribers need a phone number and the loaves need to sing loudly"
    )
    assert "Phone number" in _labels(result, "Subscribers"), _said(result)
    assert "sing" in " ".join(result.unmade), _said(result)


def test_a_kind_is_found_by_the_words_founders_use_for_it() -> None:
    result = apply_change(TOOLS, "drop the waiting list")
    assert "Waitlist entries" not in [e.plural for e in result.brief.entities], _said(result)
    assert "waiting" not in " ".join(result.unmade), _said(result)


def test_a_field_wanted_for_each_record_is_added_there() -> None:
    result = apply_change(TOOLS, "we also want to know the alarm code for each house")
    assert "Alarm code" in _labels(result, "Houses"), _said(result)


@pytest.mark.parametrize(
    "request_text", ["rename walks to <b></b>", "rename walks to", "rename walks"]
)
def test_a_rename_with_no_new_name_asks_for_one(request_text: str) -> None:
    result = apply_change(TOOLS, request_text)
    assert result.brief == TOOLS
    assert "Say what to call Walks" in _said(result), _said(result)


YOGA = _plan(
    "a yoga studio booking classes",
    [
        {
            "singular": "Class",
            "plural": "Classes",
            "fields": [["Title", "text"], ["Starts", "date"], ["Spaces", "number"]],
        },
        {"singular": "Member", "fields": [["Name", "text"], ["Email", "email"]]},
    ],
)


def test_a_page_for_some_records_of_a_kind_is_named_by_its_noun_and_names_its_record() -> None:
    result = apply_change(YOGA, "add a waitlist for classes that are full")
    added = next((e for e in result.brief.entities if e.plural.startswith("Waitlist")), None)
    assert added is not None, _said(result)
    assert "Class" in [f.label for f in added.fields], _said(result)
    assert "waitlist for?" not in _said(result).lower()


@pytest.mark.parametrize(
    ("request_text", "old", "new"),
    [
        ("Walks sounds far too formal. Rename them to Rambles", "Walks", "Rambles"),
        ("Route means nothing to the volunteers. Call it Path taken", "Route", "Path taken"),
        ("Waitlist entries is a mouthful, just call it the Queue", "Waitlist entries", "Queues"),
        ("'Route' on a walk confuses people \u2014 call it Path", "Route", "Path"),
    ],
)
def test_a_rename_of_it_takes_the_name_said_just_before(
    request_text: str, old: str, new: str
) -> None:
    result = apply_change(TOOLS, request_text)
    names = [e.plural for e in result.brief.entities] + [
        f.label for e in result.brief.entities for f in e.fields
    ]
    assert new in names and old not in names, _said(result)
    assert result.unmade == [], result.unmade  # the sentence before only said why


def test_a_rename_of_it_after_a_change_is_not_read_as_the_name_before() -> None:
    result = apply_change(TOOLS, "add a phone to walks. rename it to Foo")
    assert "Foo" not in [f.label for e in result.brief.entities for f in e.fields], _said(result)


@pytest.mark.parametrize(
    "request_text",
    [
        "houses should say whether they are furnished",
        "could houses have a furnished yes/no?",
        "add a pets allowed tick box to houses",
    ],
)
def test_a_yes_or_no_is_a_tick_box(request_text: str) -> None:
    result = apply_change(TOOLS, request_text)
    house = next(e for e in result.brief.entities if e.plural == "Houses")
    added = house.fields[-1]
    assert added.label != "Address" and added.kind == "boolean", _said(result)
    assert "yes or no" in _said(result), _said(result)


def test_options_set_off_by_dashes_after_a_choice_word_are_its_options() -> None:
    result = apply_change(
        TOOLS,
        "Condition on tools ought to be a dropdown \u2014 Good / Worn / Broken \u2014 "
        "rather than text",
    )
    condition = _field(result, "Tools", "Condition")
    assert list(condition.choices) == ["Good", "Worn", "Broken"], _said(result)
