"""What the English reading finds an idea keeps, and what kind of app it is: pure functions
over the real spaCy pipeline and embeddings; no app is started."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.english.app_kind import by_words
from livebuild.english.reading import read
from livebuild.english.records import kept_nouns
from tests.kinds import kind_words

pytestmark = pytest.mark.spacy


def _kept(idea: str) -> list[str]:
    return [k.phrase for k in kept_nouns(read(idea))]


@pytest.mark.parametrize(
    ("idea", "kind"),
    [
        ("A chat bot on our website that answers questions about opening times", "chat"),
        ("random team picker for five-a-side, splits everyone into two teams", "picker"),
        ("convert american recipes to metric: cups into grams", "calculator"),
        ("Live buzzer for our quiz night: teams buzz in from their phones", "game"),
        ("White noise app with rain and fan sounds", "sound"),
        ("One-page website for my grooming van: photos, prices and a contact form", "page"),
    ],
)
def test_an_idea_that_keeps_no_records_is_named_for_what_it_is(idea: str, kind: str) -> None:
    found = by_words(read(idea))
    assert found is not None and found.name == kind


@pytest.mark.parametrize(
    "idea",
    [
        "Track the books our school library lends out and which pupil has each one",
        "a tracker for my kids: assignments, subjects and grades",
        "Our choir has 60 singers. I want to track attendance at rehearsals.",
    ],
)
def test_an_idea_that_keeps_records_is_no_other_kind(idea: str) -> None:
    assert by_words(read(idea)) is None


def test_counted_nouns_are_kept_however_they_are_had() -> None:
    # "has 60 singers": a number of them is a list of them.
    assert "singer" in _kept("Our choir has 60 singers and I want to track attendance.")


def test_a_list_on_the_product_is_what_it_keeps_but_a_list_on_a_record_is_its_details() -> None:
    kept = _kept("a tracker for my kids, their assignments, subjects and grades")
    assert {"kid", "assignment", "subject", "grade"} <= set(kept)
    assert "date" not in _kept("log swims with distance and date")


def test_analogies_times_and_the_founders_own_business_are_never_kept() -> None:
    kept = _kept(
        "Airbnb for parking spaces. Every fortnight our club lists spaces and drivers book them."
    )
    assert not {"airbnb", "fortnight", "club"} & set(kept)
    assert "space" in {k.split()[-1] for k in kept}


def test_a_plural_that_acts_is_kept_and_a_request_is_not_a_product() -> None:
    reading = read("Track the books our library lends out. Members borrow them for a week.")
    assert reading.product_head == ""
    assert {"book", "member"} <= set(_kept(reading.text))


def test_a_long_list_is_kept_wherever_the_parser_hangs_it() -> None:
    kept = _kept("Keep track of the tenants in my flats, their leases, rent payments and repairs.")
    assert {"tenant", "lease", "repair"} <= {k.split()[-1] for k in kept}


def test_an_idea_in_capitals_is_read_as_words_not_names() -> None:
    kept = _kept("ROWING CLUB: BOATS, OUTINGS AND DAMAGE REPORTS")
    assert {"boat", "outing", "damage report"} <= set(kept)


def test_owners_named_before_their_details_are_kept() -> None:
    # "their owners phone numbers": the apostrophe is missing, the owners are still records.
    kept = _kept("An app for my cattery: which cats are staying and their owners phone numbers")
    assert {"cat", "owner"} <= set(kept)


def test_a_plural_subject_acts_even_where_its_verb_was_read_as_a_noun() -> None:
    assert "member" in _kept("I run a makerspace. Members book the laser cutter and printers.")


def test_people_in_general_are_no_record_but_people_said_who_are() -> None:
    assert "people" not in _kept("Bookings for groups, and gift vouchers people buy for friends.")
    kept = _kept("We match volunteer mentors with young people: mentors, young people, meetings.")
    assert "young people" in kept


def test_the_noun_that_opens_the_idea_is_the_product_not_a_record() -> None:
    kept = _kept("Cellar book for a wine collector: bottles, racks and tasting notes.")
    assert "book" not in {k.split()[-1] for k in kept}
    assert "bottle" in kept


def test_words_in_brackets_are_examples_or_options_never_records() -> None:
    reading = read(
        "Log each booking with the car, the package (bronze, silver or gold) and price, and "
        "what each plant needs (water, light)."
    )
    kept = {k.split()[-1] for k in _kept(reading.text)}
    assert not {"bronze", "silver", "gold", "water", "light"} & kept
    assert {"bronze", "water"} <= reading.bracketed


def test_pictures_in_an_idea_are_not_read_as_words() -> None:
    reading = read("🐝 bee log: hives 🍯, inspections and treatments ✨")
    assert all(p.said.isascii() for p in reading.phrases)
    assert {"hive", "inspection", "treatment"} <= set(_kept(reading.text))


@pytest.mark.parametrize(
    ("idea", "kind"),
    [
        # The product is the last word of those the idea opens with, past chat ("lol", "pls").
        ("random pet name generator lol", "generator"),
        ("password generator pls, pick the length and a copy button", "generator"),
        ("spelling speed game for my class, letters drop and you catch them", "game"),
        ("wordle but with capital cities", "game"),
        ("make a quick quiz: 10 questions about our town", "game"),
        ("dice roller for board games, two d6 and a d20", "picker"),
        # A request that opens with what it does.
        ("Convert dress sizes between UK and US", "calculator"),
        ("Something that translates text into pig latin", "calculator"),
        ("I need a portfolio website for my photos, with an about page", "page"),
    ],
)
def test_a_tool_named_however_it_is_said_is_that_kind(idea: str, kind: str) -> None:
    found = by_words(read(idea))
    assert found is not None and found.name == kind


@pytest.mark.parametrize(
    "idea",
    [
        # Real record apps that only mention a tool word keep their plan.
        "Farmhouse cheese maker. Each batch with milk volume and every wheel from it.",
        "Freelance translator: keep track of jobs, word counts and which agency sent each",
        "Board game cafe booking app: tables, bookings and the games we lend",
        "Quiz league tracker: teams, rounds and scores each week",
        "A bakery app that calculates order totals: customers, orders and cakes",
        "Our escape rooms have a timer, but I need to track bookings and groups",
        "Portfolio tracker for my rental flats: tenants, rents and repairs",
    ],
)
def test_a_record_app_that_mentions_a_tool_is_still_a_record_app(idea: str) -> None:
    assert derive_brief(idea).app_kind == "records"


@pytest.mark.parametrize(
    ("idea", "kind"),
    [
        # Read as clearly as this, a bot is a bot whatever it names.
        (
            "A chatbot diners reach from a QR code on the table, answering questions about "
            "our wine list and what's in each dish",
            "chat",
        ),
        ("random baby name generator lol", "generator"),
    ],
)
def test_an_idea_that_reads_very_like_a_tool_is_that_kind(idea: str, kind: str) -> None:
    assert derive_brief(idea).app_kind == kind


def test_a_general_word_listed_with_records_is_a_record() -> None:
    # "team" names the founder's own team elsewhere; listed in the plural, teams are kept.
    assert "teams" in kind_words("netball league: players, teams, fixtures and umpires")
    assert "teams" not in kind_words("for my team: tasks, deadlines and clients")


def test_the_work_a_business_is_named_for_is_a_record() -> None:
    assert "hires" in kind_words("Canoe hire firm, 20 canoes and 6 trailers. We log paddlers.")
    assert "repairs" in kind_words("Laptop repair shop: laptops, parts and technicians")


def test_a_customer_who_acts_is_a_record_kept_even_said_once() -> None:
    kinds = kind_words(
        "Window cleaning round: each customer pays monthly and I log the cleans and payments."
    )
    assert "customers" in kinds


def test_chat_asides_units_and_the_business_name_are_no_records() -> None:
    kinds = kind_words(
        "Village bowls club. We've got 60 members across three teams, 2 acres of greens. "
        "Please I need fixtures, members and match fees, its all free to join."
    )
    assert {"members", "fixtures"} <= kinds
    assert not kinds & {"we'ves", "acres", "pleases", "frees", "village bowls", "bowls"}


def test_plurals_and_doers_are_read_as_meant() -> None:
    assert "insulin doses" in kind_words(
        "a simple log of my insulin doses and blood sugar readings"
    )
    assert "homeschoolers" in kind_words(
        "Co-op for 30 homeschoolers: homeschoolers, classes, rooms"
    )


def test_what_the_founder_counts_one_by_one_is_kept() -> None:
    assert "plots" in kind_words("Allotment site, 3 acres. I log each plot's tenant and rent.")
    assert "houses" in kind_words("Window surveys: for every house we visit, log each window")


def test_the_log_itself_and_a_reading_s_measure_are_no_records() -> None:
    kinds = kind_words("a simple log of my runs, the shoes I wear and each race's mileage")
    assert "logs" not in kinds and "mileages" not in kinds and "runs" in kinds


def test_the_people_the_founder_serves_are_kept() -> None:
    assert "clients" in kind_words(
        "I am a physio. I want a program for my clients and their sessions"
    )


def test_chat_around_the_idea_is_not_read_as_part_of_it() -> None:
    kinds = kind_words("Darts league. Please track fixtures, players and teams lol")
    assert {"fixtures", "players", "teams"} <= kinds
    assert not any("track" in k or "lol" in k for k in kinds)
