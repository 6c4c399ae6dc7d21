"""A model's details and record names, held to what the idea's own English says: a detail is a
noun phrase in the idea's words, its kind fits its label (a size in litres is a number, a
date names a time), and every word of a record's name is a noun or qualifies one. The model's
answers here are hand-written (what a small model has been seen to say), run through the
real English pipeline."""

from __future__ import annotations

import pytest

from livebuild.brief.from_decisions import brief_from_decisions
from livebuild.brief.model_reading import Decisions, RecordChoice
from livebuild.brief.model_records import chosen_names, idea_nouns
from livebuild.english.detail_kinds import checked_kind
from livebuild.english.detail_labels import detail_label
from livebuild.english.idea import read_once
from livebuild.english.reading import Reading

DRAINS = (
    "We clear blocked drains and pump out grease traps for restaurants. Each trap has a "
    "capacity in gallons and we take moisture readings of the floor around it. Every visit "
    "has a date, a price and the engineer, and we note whether the manager actually signed off."
)
SKIS = (
    "Ski hire desk: customers give height, weight and boot size for their DIN settings, and "
    "each rental has the skis, a deposit and the return date."
)
BREWERY = (
    "Taproom app: kegs are tapped when ready, we log each keg with its beer and the brewery, "
    "and customers leave ratings. I sell used glasses too."
)


def _reading(idea: str) -> Reading:
    return read_once(idea).english


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("capacity in gallons", "Capacity in gallons"),
        ("moisture readings", "Moisture readings"),
        ("manager actually signed", "Manager"),  # words of a sentence: its noun phrase
        ("when ready", ""),  # a question word and an adjective: no detail
        ("engineer who signed", "Engineer"),
    ],
)
def test_a_detail_is_named_by_a_noun_phrase(said: str, label: str) -> None:
    assert detail_label(said, _reading(DRAINS)) == label


def test_a_word_the_founder_wrote_in_capitals_is_not_respelt() -> None:
    reading = _reading(SKIS)
    assert detail_label("dining setting", reading) == "DIN setting"
    assert detail_label("din setting", reading) == "DIN setting"
    assert detail_label("boot size", reading) == "Boot size"


@pytest.mark.parametrize(
    ("label", "proposed", "kind"),
    [
        ("capacity in gallons", "money", "number"),  # a unit: a number, never money
        ("moisture readings", "date", "number"),  # a measurement, not a time
        ("weight", "text", "text"),
        ("manager", "date", "text"),  # names no time
        ("date", "date", "date"),
        ("last serviced", "date", "date"),
        ("price", "number", "money"),
        ("phone number", "number", "text"),
        ("deposit", "money", "money"),
    ],
)
def test_a_details_kind_fits_its_label_and_the_idea(label: str, proposed: str, kind: str) -> None:
    assert checked_kind(label, proposed, _reading(DRAINS)) == kind


def test_a_unit_the_idea_gives_makes_a_number() -> None:
    reading = _reading("Track tanks: each tank has a size in litres and an owner.")
    assert checked_kind("size", "money", reading) == "number"
    assert checked_kind("size", "text", reading) == "number"  # the idea measures it
    assert checked_kind("boot size", "text", _reading(SKIS)) == "text"  # "9 UK" is no number
    assert checked_kind("size in litres", "text", reading) == "number"


def test_every_word_of_a_record_name_must_be_a_noun_or_qualify_one() -> None:
    nouns = idea_nouns(_reading(BREWERY))
    chosen = chosen_names(["keg tapped when", "keg", "brewery ready", "used glass"], nouns)
    assert chosen == ["keg", "glass"]


def test_the_plan_from_a_models_details_has_the_fields_a_founder_expects() -> None:
    trap = RecordChoice(
        "grease trap",
        (("capacity in gallons", "money"), ("moisture readings", "date")),
        (),
    )
    visit = RecordChoice(
        "visit",
        (("date", "date"), ("price", "number"), ("manager actually signed", "text")),
        ("grease trap",),
    )
    brief = brief_from_decisions(DRAINS, None, Decisions("records", (trap, visit), "drains"))
    fields = {f.label: f.kind for e in brief.entities for f in e.fields}
    assert fields["Capacity in gallons"] == "number"
    assert fields["Moisture readings"] == "number"
    assert fields["Price"] == "money"
    assert not any("actually" in label.lower() for label in fields)


def test_a_noun_the_parse_reads_as_a_verb_stays_and_options_are_no_name() -> None:
    # spaCy reads "moisture" here as a verb; the dictionary knows it only as a noun.
    reading = _reading(
        "Each survey lists moisture readings per wall, rising or falling, and photos."
    )
    assert detail_label("moisture readings", reading) == "Moisture readings"
    assert detail_label("rising or falling", reading) == ""
    assert checked_kind("moisture readings", "date", reading) == "number"


def test_a_when_or_a_yes_no_may_be_named_by_what_was_done() -> None:
    reading = _reading(
        "Boiler fitters: each boiler has a customer, when it was fitted and a deposit."
    )
    assert detail_label("fitted", reading, "date") == "Fitted"
    assert detail_label("deposit paid", reading, "choice") == "Deposit paid"
    assert detail_label("actually fitted", reading, "text") == ""


def test_only_an_email_is_an_email_and_capitals_in_a_shouted_idea_say_nothing() -> None:
    reading = _reading("CARE HOME VISITS: RESIDENTS, THEIR NEXT OF KIN AND EACH VISIT")
    assert detail_label("next of kin", reading) == "Next of kin"
    assert checked_kind("next of kin", "email", reading) == "text"
    assert checked_kind("contact email", "email", reading) == "email"


def test_a_dates_name_that_says_when_stays_whole() -> None:
    reading = _reading(
        "Microgreens: I sow trays of pea shoots and harvest them; each is due to a chef."
    )
    assert detail_label("sow date", reading, "date") == "Sow date"
    assert detail_label("next due", reading, "date") == "Next due"
    assert detail_label("when ready", reading, "date") == ""
