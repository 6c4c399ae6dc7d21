"""Three ways the rules read a noun as no record kind (issue 15, the path without a model),
checked on sentences of our own on the real English pipeline: a choice said of one record
("a bath or a full groom"), the founder's trade named by what it works on ("Tree surgeons"),
and a hyphenated trade word the dictionary lacks ("hi-vis") keeping its spelling."""

from __future__ import annotations

import pytest

from livebuild.english.forms import plural
from livebuild.english.nlp import installed_model
from tests.kinds import kind_words

if installed_model() is None:  # pragma: no cover - scripts/setup installs it
    pytest.skip(
        "spaCy's English pipeline is not installed (scripts/setup installs it)",
        allow_module_level=True,
    )


def test_two_nouns_joined_by_or_inside_a_longer_list_are_a_choice_notkind_words() -> None:
    kinds = kind_words("Cat grooming: owners, cats, and visits, each a trim or a full wash.")
    assert {"owners", "cats", "visits"} <= kinds
    assert not kinds & {"trims", "full washes", "washes"}
    kinds = kind_words(
        "Mobile tyre fitting: jobs with customer, van, a puncture or a new tyre, and invoices."
    )
    assert {"jobs", "invoices"} <= kinds
    assert not kinds & {"punctures", "tyres", "new tyres"}
    # A list joined by "and" alone is still all kinds.
    assert {"owners", "cats", "visits"} <= kind_words("Cat sitting: owners, cats and visits.")


def test_an_opening_trade_named_by_what_the_idea_lists_is_the_founder_not_a_kind() -> None:
    kinds = kind_words("Hedge cutters. Need clients, hedges, quotes and jobs.")
    assert {"clients", "hedges", "quotes", "jobs"} <= kinds
    assert "hedge cutters" not in kinds
    # An opening that names something the list does not work on is read as before.
    kinds = kind_words("Family recipes. Ingredients, steps, photos and ratings for each recipe.")
    assert {"recipes", "ingredients"} <= kinds


def test_a_hyphenated_trade_word_keeps_its_spelling_in_the_plural() -> None:
    assert plural("hi-vis") == "hi-vis"  # not the Latin "hi-vides"
    assert plural("t-shirt") == "t-shirts"
    assert plural("drop-in") == "drop-ins"
    kinds = kind_words(
        "We print workwear: t-shirts, hi-vis and caps. I need the customers and orders."
    )
    assert not any("vides" in k for k in kinds)
    assert {"customers", "orders"} <= kinds


def test_a_list_after_to_or_for_beside_a_list_the_idea_keeps_says_whom_the_work_is_for() -> None:
    kinds = kind_words(
        "We deliver bottled water to gyms, offices and events all year. "
        "Customers, standing orders, deliveries and drivers."
    )
    assert {"customers", "deliveries", "drivers"} <= kinds
    assert not kinds & {"gyms", "offices", "events"}
    kinds = kind_words(
        "We hire out a photo booth for weddings, proms and birthday parties. "
        "Need bookings, customers and props."
    )
    assert {"bookings", "customers"} <= kinds
    assert not kinds & {"weddings", "proms", "birthday parties"}
    # People after "to" are kept when the kept list names no people of its own.
    kinds = kind_words(
        "I let the flats on my street to tenants, students and families. "
        "Need leases, rent payments and repairs."
    )
    assert {"tenants", "leases"} <= kinds


def test_what_the_founder_says_they_are_is_no_kind() -> None:
    kinds = kind_words(
        "Our rowing club has 50 members. I'm the secretary and the boat captain. "
        "I need members, fees and outings."
    )
    assert {"members", "fees", "outings"} <= kinds
    assert not kinds & {"secretaries", "boat captains", "captains"}
    kinds = kind_words("We are landscapers. Jobs, clients, plants and invoices.")
    assert "landscapers" not in kinds
    assert {"jobs", "clients", "invoices"} <= kinds


def test_a_for_heading_over_a_list_is_no_aside() -> None:
    kinds = kind_words(
        "Our chess club runs club nights and one tournament a year. For club nights: games, "
        "boards, who turned up. For the tournament: entries, fees paid, and the arbiters."
    )
    assert {"games", "boards", "entries", "arbiters"} <= kinds


def test_one_noun_after_for_with_examples_in_brackets_is_no_list_of_whom() -> None:
    kinds = kind_words(
        "nursery, 30 kids. need sign in times each day, allergies, and a daily report for "
        "parents (naps, nappies, what they ate)"
    )
    assert "parents" in kinds


def test_examples_after_a_dash_beside_a_list_the_idea_keeps_are_nokind_words() -> None:
    kinds = kind_words(
        "We print and stitch sportswear — vests, hoodies and rugby kits. I need the customers, "
        "orders with sizes, and the blank garments we buy."
    )
    assert {"customers", "orders"} <= kinds
    assert not kinds & {"vests", "hoodies", "rugby kits"}
    # A dash after the idea's opening brings what it keeps.
    kinds = kind_words(
        "Bike shop — repairs, parts, customers. Also I need staff rotas and suppliers."
    )
    assert {"repairs", "parts", "customers", "suppliers"} <= kinds


def test_what_the_product_is_for_and_counted_things_after_a_dash_staykind_words() -> None:
    kinds = kind_words(
        "A weekly drop-in for carers & young parents at the library. "
        "Need who came, what help they needed, referrals."
    )
    assert {"carers", "referrals"} <= kinds
    kinds = kind_words(
        "We clean gutters in Leeds — about 300 houses on monthly rounds, 3 lads. "
        "Each visit the lad logs the photos and any repairs. Homeowners pay monthly."
    )
    assert {"houses", "lads"} <= kinds


def test_a_dash_that_brings_the_only_list_brings_what_the_idea_keeps() -> None:
    kinds = kind_words(
        "Planner for a village choir – concerts, rehearsals, singers and the music library."
    )
    assert {"concerts", "rehearsals", "singers"} <= kinds
