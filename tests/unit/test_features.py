"""Features lifted from the idea say what the app lets people do, whole."""

from __future__ import annotations

from livebuild.english.features import extract_features
from livebuild.english.idea import read_once


def test_a_question_the_app_answers_becomes_seeing_the_answer_not_its_verb() -> None:
    # "plus who still owes me" once made the feature "Owe me".
    idea = "Track whose bike I fixed and what parts went on it, plus who still owes me"
    assert "See who still owes me" in extract_features(idea)
    assert extract_features("It lets me see which vans are due") == ["See which vans are due"]


def test_a_verb_phrase_is_kept_in_its_base_form() -> None:
    assert extract_features("It lets owners book walkers") == ["Book walkers"]


def _planned(idea: str) -> list[str]:
    """The features the plan lists for `idea`, as the English reading lifts them."""
    return list(read_once(idea).features)


def test_a_fragment_with_a_stray_letter_is_left_out() -> None:
    # "pay y/n" once made the planned feature "Pay y".
    assert _planned("It lets couples pay y/n and pick songs") == ["Pick songs"]


def test_a_verb_with_nothing_after_it_is_left_out_with_what_was_listed_after_it() -> None:
    # "want and songs they BAN" once made the planned feature "Want and songs they BAN".
    features = _planned("It lets couples pay the deposit, want and songs they ban")
    assert features == ["Pay the deposit"]


def test_a_word_shouted_in_capitals_is_written_plainly_and_acronyms_are_kept() -> None:
    assert _planned("It lets couples list songs they BAN") == ["List songs they ban"]
    assert _planned("It lets divers log PADI dives") == ["Log PADI dives"]


def test_a_wish_the_app_cannot_do_is_kept_not_dropped() -> None:
    # "text customers when their order is ready" and "a weekly chart of sales" vanished from
    # the plan's features, so nothing told the founder they are not there yet.
    idea = (
        "A bakery order book. I want to text customers when their order is ready, "
        "with a weekly chart of sales."
    )
    features = _planned(idea)
    assert "Text customers when their order is ready" in features
    assert "Weekly chart of sales" in features


def test_a_wish_listed_beside_a_verb_stands_on_its_own() -> None:
    features = _planned("It lets me track orders and a weekly chart of sales")
    assert features == ["Track orders", "Weekly chart of sales"]


def test_details_a_record_holds_are_still_no_feature() -> None:
    # A list of details with no verb says what a record holds, not what the app does.
    assert _planned("A to-do list with due dates and priorities") == []


def test_a_wish_cut_inside_its_brackets_is_left_out() -> None:
    assert _planned("I need to keep the bookings (names, dates) and pay staff") == ["Pay staff"]


def test_a_wish_whose_object_is_only_a_pronoun_is_no_feature() -> None:
    # "Book it in" and "Chase them" say nothing a founder would read as a feature of the app.
    idea = "Our garage needs to find a car by its plate, chase them for payment and book it in"
    features = _planned(idea)
    assert "Book it in" not in features
    assert "Find a car by its plate" in features
    assert "Chase them for payment" in features


def test_a_wish_asking_only_who_has_what_is_no_feature() -> None:
    # A question with no thing named in it ("who has what") is no feature; one naming what it
    # asks about ("which tools are on loan") is.
    assert _planned("We need to know who has what and when") == []
    assert _planned("We need to know which tools are on loan") == ["Know which tools are on loan"]


def test_a_clause_of_the_founders_own_routine_is_no_feature() -> None:
    # What the founder does off the app ("park at the market", "have 20 flats") is not a wish
    # for the app; what they want the app to do still is.
    idea = "Each Saturday we need to park at the market and I'd like it to log each sale"
    assert _planned(idea) == ["Log each sale"]
    assert _planned("I have 20 flats so I need to have the buildings too") == []
