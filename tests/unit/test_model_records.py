"""The model names records freely; the English layer keeps what the idea says or implies and
drops what it can prove is junk. The model's answers here are hand-written inputs (what a
small model has been seen to say), not mocks: the filter and the merge are pure functions."""

from __future__ import annotations

import json

import pytest

from livebuild.brief.model_reading import ReadingRejected, parse_decisions
from livebuild.brief.model_records import (
    MAX_UNSAID,
    IdeaNouns,
    added_back,
    chosen_names,
    idea_nouns,
    junk,
    normalised,
)
from livebuild.english.idea import read_once

BOATS = (
    "Airbnb for sailing boats!! owners list their boat, people book it for a weekend or a "
    "week, owners leave reviews of the renters and vice versa"
)
GYM = "An app for my climbing gym to keep track of memebers, classes and payments"
LOCKS = "locksmith app - jobs, customers, and the locks i fit"
OPTICIAN = (
    "I am optician with small shop. I want program for my patients, their eye tests with the "
    "results for left and right eye, and the glasses they order from me with the price and "
    "when is ready."
)

TYPED = "Parents log deposits; when the deposit paid we mark it. Kids see the words typed."


def _nouns(idea: str) -> IdeaNouns:
    return idea_nouns(read_once(idea).english)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Bookings", "booking"),
        ("the Sailing Boats", "sailing boat"),
        ("each  dog", "dog"),
        ("x" * 100, ""),
        ("boat-owner", "boat owner"),
        ("<script>", ""),
        ("one two three four", ""),
        ("", ""),
        ("   ", ""),
        ("café", ""),
        ("burial or cremation", ""),  # two records in one name
        ("words from the top", ""),
        ("next of kin", "next of kin"),
    ],
)
def test_a_models_name_is_normalised_or_refused(raw: str, name: str) -> None:
    assert normalised(raw) == name


def test_the_ideas_typo_is_spelt_as_the_founder_meant() -> None:
    assert normalised("memebers", (("memebers", "members"),)) == "member"


@pytest.mark.parametrize(
    ("idea", "name", "why"),
    [
        (BOATS, "airbnb", "a name, a brand or a number"),
        (BOATS, "weekend", "a time"),
        (BOATS, "availability", "a detail of a record"),
        (BOATS, "three", "a name, a brand or a number"),
        (BOATS, "app", "the product or a general word"),
        (GYM, "climbing gym", "the founder's own business"),
        (GYM, "choice", "neither said nor implied"),
        (LOCKS, "locksmith", "what the product is, not what it keeps"),
        (LOCKS, "fit", "a verb or a word that qualifies"),
        (OPTICIAN, "ready", "a verb or a word that qualifies"),
        (TYPED, "word typed", "a verb or a word that qualifies"),
        (TYPED, "deposit paid", "a verb or a word that qualifies"),
        ("A booking system for a hair salon: stylists and appointments", "hair salon", ""),
    ],
)
def test_junk_is_dropped_with_its_reason(idea: str, name: str, why: str) -> None:
    reason = junk(name, _nouns(idea))
    if why:
        assert reason == why
    else:
        assert reason  # some proof: the business the app is for


@pytest.mark.parametrize(
    ("idea", "name"),
    [
        (BOATS, "sailing boat"),
        (BOATS, "owner"),
        (BOATS, "booking"),  # implied: people book
        (GYM, "member"),
        (GYM, "payment"),
        (LOCKS, "lock"),
        (OPTICIAN, "patient"),  # "for my patients": people, not the founder's business
        (OPTICIAN, "glasses order"),
        (OPTICIAN, "eye test"),
        (TYPED, "deposit"),
        (TYPED, "word"),
    ],
)
def test_what_the_idea_says_or_implies_stands(idea: str, name: str) -> None:
    assert junk(name, _nouns(idea)) == ""


SURVEYOR = (
    "I survey land for a living. I keep the landowners, every site I visit (grid ref, soil "
    "type, how deep the water is) and what the digger found after."
)


def test_a_site_the_idea_counts_is_a_record_not_the_product() -> None:
    # "every site I visit": a place the founder goes to, counted like any record.
    assert junk("site", _nouns(SURVEYOR)) == ""
    # The product itself ("a booking site") is still no record, counted or not.
    salon = _nouns("A booking site for my salon: every client and each appointment")
    assert junk("site", salon) == "the product or a general word"
    # A web designer's websites, counted, are theirs to keep.
    assert junk("website", _nouns("I design websites: every website I build, its host")) == ""


@pytest.mark.parametrize(
    ("idea", "word"),
    [
        (
            "An app for my bakery: each page shows one cake with its price, and every order "
            "has a pickup day.",
            "page",
        ),
        ("A running app where every user logs their runs and each run has distance.", "user"),
        ("A sales app where each dashboard shows my takings for the week.", "dashboard"),
        ("A to-do app: every list has tasks with a due date.", "list"),
    ],
)
def test_a_screen_the_idea_counts_is_still_the_product(idea: str, word: str) -> None:
    # "each page shows one cake": the product's screens and users, not what the founder keeps.
    assert junk(word, _nouns(idea)) == "the product or a general word"


def test_names_the_idea_never_says_are_few() -> None:
    nouns = _nouns(GYM)
    chosen = chosen_names(["member", "booking", "invoice", "refund", "subscription"], nouns)
    assert chosen[0] == "member"
    assert len(chosen) == 1 + MAX_UNSAID


def test_one_record_per_head_and_at_most_eight() -> None:
    nouns = _nouns(BOATS)
    chosen = chosen_names(["boat", "sailing boat", "boats", *["owner"] * 20], nouns)
    assert chosen == ["boat", "owner"]


def test_records_the_idea_lists_are_added_back_when_the_model_left_them_out() -> None:
    nouns = _nouns(LOCKS)
    assert added_back(["job"], ["Job", "Customer", "Lock"], nouns) == ["customer", "lock"]
    # Not a second record for a head the model already named, nor one the idea never lists.
    assert added_back(["customer", "job", "lock"], ["Job", "Locksmith"], nouns) == []


def test_a_rules_record_that_is_junk_is_not_added_back() -> None:
    assert added_back(["boat"], ["Boat", "Vice verse", "Airbnb"], _nouns(BOATS)) == []


def _answer(*records: object, app: str = "records") -> str:
    return json.dumps({"app": app, "records": list(records), "audience": "boat owners"})


def test_a_hostile_answer_keeps_only_what_the_idea_names() -> None:
    answer = _answer(
        {"name": "Airbnb", "details": ["x" * 500]},
        {"name": "boat", "details": ["length:number", "<b>:text"], "links": ["owner", "moon"]},
        {"name": 42},
        {"name": ["boat"]},
        {"name": "review", "links": "boat"},
        "renter",
    )
    reading = read_once(BOATS).english
    decisions = parse_decisions(answer, BOATS, reading)
    names = [r.name for r in decisions.records]
    # "owner" is a record the boat links to, and the idea says it.
    assert names == ["boat", "review", "owner"]
    boat = decisions.records[0]
    assert boat.details == (("length", "number"),) and boat.links == ("owner",)
    assert decisions.audience == "Boat owners"


def test_an_answer_whose_records_are_all_junk_is_rejected() -> None:
    answer = _answer({"name": "airbnb"}, {"name": "weekend"}, {"name": "app"})
    with pytest.raises(ReadingRejected):
        parse_decisions(answer, BOATS, read_once(BOATS).english)
