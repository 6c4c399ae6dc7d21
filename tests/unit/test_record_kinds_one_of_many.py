"""A record kind is something the founder keeps many of. Read from how the idea introduces a
noun, not from word lists: "I've got a chipper" is one thing, "burial or cremation" is an
option of a detail, "every summer" is a time; "each job has a customer" and "customers request
a pickup" are kinds. The same check judges the rules' plan and a model's names. Pure functions
over the real spaCy pipeline; the ideas are our own wording, not a held-out round's."""

from __future__ import annotations

import pytest

from livebuild.brief.kinds import one_of_many
from livebuild.brief.model_records import idea_nouns, junk, normalised
from livebuild.english.forms import singular
from livebuild.english.idea import read_once
from livebuild.english.reading import read
from tests.kinds import derived_kinds

pytestmark = pytest.mark.spacy


@pytest.mark.parametrize(
    ("idea", "wanted", "junk_kinds"),
    [
        # What a founder saw as kinds this week ("Lols", "Orderers", "Clients evil"), said anew.
        (
            "an app for my comedy club lols, to track gigs and acts",
            {"Gigs", "Acts"},
            {"Lols", "Comedy clubs", "Clubs"},
        ),
        ("something for orderers at my bakery to log orders", {"Orders"}, {"Orderers"}),
        (
            "keep track of clients evil or not, and their invoices",
            {"Clients", "Invoices"},
            {"Clients evil", "Evils", "Tracks"},
        ),
    ],
)
def test_the_junk_kinds_a_founder_saw_are_gone_and_the_real_ones_stay(
    idea: str, wanted: set[str], junk_kinds: set[str]
) -> None:
    kinds = set(derived_kinds(idea))
    assert wanted <= kinds
    assert not kinds & junk_kinds


@pytest.mark.parametrize(
    ("idea", "one_thing"),
    [
        (
            "I'm a gardener and I've got a mower and a hedge trimmer. I need to keep track of "
            "clients, visits and invoices.",
            {"Mowers", "Hedge trimmers", "Gardeners"},
        ),
        (
            "I cook meals from my home kitchen for office workers: customers, orders and payments",
            {"Home kitchens", "Kitchens"},
        ),
        (
            "Log every funeral with its family and its date. Burial or cremation?",
            {"Burials", "Cremations"},
        ),
        ("Protanopia or deuteranopia: a log of patients and their tests", {"Protanopias"}),
        (
            "We deliver lunches Mon-Fri. Every summer we recruit volunteers. Track deliveries, "
            "clients and volunteers.",
            {"Fris", "Summers"},
        ),
    ],
)
def test_one_thing_an_option_or_a_time_is_no_record_kind(idea: str, one_thing: set[str]) -> None:
    kinds = set(derived_kinds(idea))
    assert kinds, "the idea's real records are kept"
    assert not kinds & one_thing


@pytest.mark.parametrize(
    ("idea", "kind"),
    [
        ("Customers request a pickup, one of our drivers collects the bag", "Pickups"),
        (
            "Track translation jobs with the deadline and which agency or direct client sent it",
            "Clients",
        ),
        ("a bakery where we log orders, our stock and suppliers", "Stock"),
        ("recipe organiser with ingredients and a weekly meal plan", "Meal plans"),
    ],
)
def test_a_noun_said_once_in_the_singular_is_still_a_kind_when_there_are_many(
    idea: str, kind: str
) -> None:
    assert kind in derived_kinds(idea)


@pytest.mark.parametrize(
    ("idea", "not_a_kind"),
    [
        (
            "Our charity delivers hot lunches to older people around town. Track clients, "
            "drivers and rounds.",
            "Towns",
        ),
        ("I teach piano from home: students, lessons and payments", "Homes"),
        (
            "A customer brings in a painting, picks a frame, and we quote. Track orders, "
            "customers and frames.",
            "Brings",
        ),
    ],
)
def test_a_place_said_bare_or_a_verb_read_as_a_noun_is_no_kind(idea: str, not_a_kind: str) -> None:
    kinds = derived_kinds(idea)
    assert len(kinds) >= 3
    assert not_a_kind not in kinds


def test_one_each_is_many() -> None:
    reading = read("Each job has a customer, the rooms cleaned and the price.")
    assert one_of_many("customer", reading)
    assert not one_of_many("chipper", read("I've got 3 lads, a chipper and a stump grinder."))


GARDENER = (
    "I'm a gardener and I've got a mower and a hedge trimmer. I need to keep track of clients, "
    "visits and invoices."
)
FUNERALS = "Track funerals and families; each funeral is a burial or a cremation."


@pytest.mark.parametrize(
    ("idea", "name"),
    [
        (GARDENER, "mower"),
        (GARDENER, "hedge trimmer"),
        (FUNERALS, "cremation"),
        (FUNERALS, "burial"),
    ],
)
def test_a_models_name_for_one_thing_or_an_option_is_junk_too(idea: str, name: str) -> None:
    assert junk(name, idea_nouns(read_once(idea).english)) == (
        "one thing the founder has, or an option of a detail"
    )


@pytest.mark.parametrize(
    ("idea", "name"),
    [(GARDENER, "client"), (GARDENER, "visit"), (FUNERALS, "funeral"), (FUNERALS, "family")],
)
def test_a_models_name_for_a_kind_stands(idea: str, name: str) -> None:
    assert junk(name, idea_nouns(read_once(idea).english)) == ""


@pytest.mark.parametrize(
    ("said", "one"),
    [
        ("tombola", "tombola"),
        ("tombolas", "tombola"),
        ("deuteranopia", "deuteranopia"),
        ("children", "child"),
        ("criteria", "criterion"),
        ("geese", "goose"),
    ],
)
def test_a_singular_is_never_made_latin(said: str, one: str) -> None:
    # A model named "tombola" and the plan said "Tombolums".
    assert singular(said) == one
    assert normalised(said) == one
