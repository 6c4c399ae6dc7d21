"""General mechanisms by which the rules read record kinds (issue 15, the path without a
model): each is checked on sentences of our own, not on a held-out round's ideas."""

from __future__ import annotations

import pytest

from livebuild.brief.things import plural_of
from livebuild.english.app_kind import by_words
from livebuild.english.reading import read
from livebuild.english.records import kept_nouns
from tests.kinds import kind_words

pytestmark = pytest.mark.spacy


def _kept(idea: str) -> set[str]:
    return {k.head for k in kept_nouns(read(idea))}


def test_an_abbreviation_in_capitals_is_no_record_but_a_dictionary_word_is() -> None:
    idea = "Sports massage therapist, mostly ACL and RSI cases. Clients, sessions and invoices."
    reading = read(idea)
    assert {"acl", "rsi"} <= reading.acronyms
    kinds = kind_words(idea)
    assert not kinds & {"acls", "rsis"}
    assert {"clients", "sessions"} <= kinds
    # An idea in capitals throughout has no abbreviations: its words are words.
    assert not read("BIKE SHOP. NEED EACH BIKE, EACH REPAIR AND EACH CUSTOMER").acronyms
    # "the MOT" is a word of the dictionary, and "RSVPs" has a plural of its own.
    assert not {"mot", "rsvp"} & read("Each car's MOT date, and the RSVPs for the launch").acronyms


def test_a_name_takes_the_dictionary_plural_or_the_one_the_idea_writes() -> None:
    assert plural_of("knife") == "knives"
    assert plural_of("quiz") == "quizzes"
    assert plural_of("tradesperson") == "tradespeople"
    # The dictionary's "teches" is no word; the idea's own "techs" is the plural meant.
    assert plural_of("tech", "we have 3 techs on the road") == "techs"
    # A typo in the idea is not copied when the dictionary has the word.
    assert plural_of("property", "our propertys") == "properties"


@pytest.mark.parametrize(
    "idea",
    [
        "Garden maintenance rounds, plus keep a list of regular customers and their gardens",
        "Pottery classes on Sunday mornings, max 6 people, and the kilns we fire",
        "Tutors list their subjects, students rate the tutors and vice versa",
    ],
)
def test_joining_words_and_shorthand_are_never_records(idea: str) -> None:
    kinds = kind_words(idea)
    assert not kinds & {"pluses", "maxes", "vice verses", "vice versas", "versas"}


def test_the_business_said_in_slang_is_no_record() -> None:
    kinds = kind_words("dog grooming biz - dogs, their owners and each groom")
    assert "bizes" not in kinds and not any("biz" in k for k in kinds)
    assert {"dogs", "owners"} <= kinds


def test_how_many_of_something_is_a_number_not_a_record() -> None:
    idea = "Each birthday party: the child, the parent's phone, how many guests and the cake."
    assert "guest" not in _kept(idea)


def test_the_trade_the_idea_opens_with_is_the_founder_not_a_record() -> None:
    kinds = kind_words("window cleaners. each house, the customer, the price, paid y/n")
    assert "window cleaners" not in kinds and "cleaners" not in kinds
    # A list that opens with people is what the idea keeps.
    assert "players" in kind_words("Players, fixtures, kit and subs for our hockey team.")


def test_the_many_things_the_founder_needs_or_runs_are_kept() -> None:
    assert "workshop" in _kept("I sell pottery and we run glazing workshops on Fridays")
    assert "patient" in _kept("physio clinic, need patients and their treatment plans")
    # One thing needed is not a record: "need an app".
    assert "app" not in _kept("I need an app for my patients")


def test_general_words_kept_many_of_are_records() -> None:
    assert "application" in _kept("We review volunteer applications and match volunteers")
    # The founder's spreadsheets are where things are kept today, never a record.
    assert "spreadsheet" not in _kept("Everything is in spreadsheets. Clients and their jobs.")


def test_a_detail_listed_among_things_kept_is_a_record_but_not_someone_s() -> None:
    assert "fee" in _kept("Our swim club: swimmers, galas, the monthly fees and coaches")
    assert "score" in _kept("Darts league: teams, venues, fixtures and the scores")
    # Their scores are the players' detail; a price said once is a detail.
    assert "score" not in _kept("Darts league: players and their scores")


def test_what_the_founder_sells_is_kept_as_sales_unless_orders_are_kept() -> None:
    assert "sales" in kind_words("I make candles and sell them at craft fairs. Candles and fairs.")
    kinds = kind_words("We sell candles online; customers order and we keep their orders.")
    assert "orders" in kinds and "sales" not in kinds


@pytest.mark.parametrize(
    ("idea", "kind"),
    [
        ("Rock paper scissors against a friend on one screen, best score wins", "game"),
        ("Paint scaler: type the room size and it works out the tins to buy", "calculator"),
    ],
)
def test_a_tool_named_in_its_first_words_or_for_what_it_does_is_that_kind(
    idea: str, kind: str
) -> None:
    found = by_words(read(idea))
    assert found is not None and found.name == kind


def test_an_activity_before_a_record_names_it_but_a_state_does_not() -> None:
    phrases = {
        k.phrase for k in kept_nouns(read("Gin distillery: batches, tasting notes, bottles"))
    }
    assert "tasting note" in phrases
    phrases = {k.phrase for k in kept_nouns(read("Salon: our existing clients, visits and stock"))}
    assert "client" in phrases and "existing client" not in phrases
