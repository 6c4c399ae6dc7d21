"""A list said after another kind's word, as that word's values, names no record kinds (issue
15, the path without a model): "signs up with a category - juniors, seniors, veterans" keeps
the runners, not Juniors, Seniors and Veterans. Sentences of our own, on the real English
pipeline; and what must stay: the same nouns said again elsewhere, a list after a broad word,
a list opening its sentence."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.english.nlp import installed_model
from tests.kinds import kind_words

if installed_model() is None:  # pragma: no cover - scripts/setup installs it
    pytest.skip(
        "spaCy's English pipeline is not installed (scripts/setup installs it)",
        allow_module_level=True,
    )


def test_the_values_of_a_runners_category_are_not_kinds() -> None:
    kinds = kind_words(
        "Our harriers club: every runner joins with a name and an age category - juniors, "
        "seniors, veterans. I need the runners and the race results."
    )
    assert "runners" in kinds
    assert not kinds & {"juniors", "seniors", "veterans"}


def test_the_disciplines_a_rider_enters_after_a_dash_are_not_kinds() -> None:
    kinds = kind_words(
        "Pony club camp. Riders sign up and pick classes - show jumping, dressage, "
        "cross country. Keep the riders, the ponies and every entry with its fee."
    )
    assert {"riders", "ponies", "entries"} <= kinds
    assert not kinds & {"show jumpings", "jumpings", "dressages", "cross countries"}


def test_values_said_again_as_things_kept_stay_kinds() -> None:
    kinds = kind_words(
        "Swim club: each swimmer has a squad - dolphins, sharks, seals. "
        "Keep the swimmers, the squads and the galas, and the coaches with the sharks too."
    )
    assert {"swimmers", "squads", "galas"} <= kinds
    assert "sharks" in kinds


def test_a_list_after_a_broad_word_or_opening_the_sentence_stays_kinds() -> None:
    kinds = kind_words("Each customer books with us. I keep three things: vans, drivers and jobs.")
    assert {"vans", "drivers", "jobs"} <= kinds
    kinds = kind_words("Dog walking round Hull - dogs, owners and walks.")
    assert {"dogs", "owners", "walks"} <= kinds
    kinds = kind_words("Gutter clearing firm - I need the customers, the jobs and the invoices.")
    assert {"customers", "jobs", "invoices"} <= kinds


def test_a_list_that_goes_on_to_say_more_than_values_stays_kinds() -> None:
    kinds = kind_words(
        "Each pupil has a report card: teacher, what they studied, the grade and the comment. "
        "I keep the pupils and their report cards."
    )
    assert "pupils" in kinds
    # A colon introduces what a thing is made of, not one word's values: the crew's people
    # stay kinds although a kind (vans) is said before the word they follow.
    kinds = kind_words(
        "Each van has a crew: drivers, porters, fitters. I keep the vans and the moves."
    )
    assert {"drivers", "porters", "fitters", "vans"} <= kinds


def test_a_list_after_an_aside_or_a_trade_with_a_gerund_stays_kinds() -> None:
    kinds = kind_words(
        "Shops give us their spare stock - paint, tiles, timber - and builders, landlords and "
        "tenants buy it cheap. I keep the shops, each delivery and the sales."
    )
    assert {"builders", "landlords", "tenants"} <= kinds
    kinds = kind_words("Garden path weeding contractor - councils and churches, each path.")
    assert {"councils", "churches"} <= kinds


def test_a_dashed_list_counted_or_given_details_of_its_own_stays_kinds() -> None:
    # The items are the courses the founder runs, each with its own details: records, not
    # the values of one field, and their details are not moved onto the teachers.
    idea = (
        "Sewing school. Our teachers run three courses - starters, improvers, advanced - and "
        "each one has dates, a fee and places."
    )
    kinds = kind_words(idea)
    assert kinds & {"starters", "improvers"}
    idea = (
        "Learners pick a class - starters, improvers, advanced - each with its own dates, fee "
        "and teacher."
    )
    plan = derive_brief(idea)
    teachers = [e for e in plan.entities if e.plural.lower() == "teachers"]
    assert not any("fee" in f.name for e in teachers for f in e.fields)
    assert {e.plural.lower() for e in plan.entities} & {"starters", "improvers"}
