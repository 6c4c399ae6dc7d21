"""The founder's request names the records: "I build garden sheds, summer houses and bike stores.
I want to keep the quotes, the customers and the jobs" keeps Quotes, Customers and Jobs, not
Sheds. The nouns said only before the request, in an idea whose request names two or more, are
what the founder makes, sells or serves: examples of the trade. The learned judge weighs this
(a feature, not a bar of its own), beside what the founder describes. The ideas are our own
wording (no held-out round's); the real spaCy pipeline, WordLlama table and shipped judge."""

from __future__ import annotations

import pytest

from livebuild.brief.plan import offline_plan
from livebuild.english.asked import asked_heads
from livebuild.english.reading import read

pytestmark = pytest.mark.spacy


def _kinds(idea: str) -> set[str]:
    return {e.plural.lower() for e in offline_plan(idea, judged=True).entities}


def test_the_request_is_what_follows_need_or_keep_in_its_sentence() -> None:
    reading = read(
        "I build garden sheds, summer houses and bike stores. "
        "I want to keep the quotes (date, price), the customers and the jobs."
    )
    assert asked_heads(reading) == {"quote", "customer", "job"}


@pytest.mark.parametrize(
    ("idea", "wanted", "examples"),
    [
        (
            "I build garden sheds, summer houses and bike stores. "
            "I want to keep the quotes, the customers and the jobs.",
            {"quotes", "customers", "jobs"},
            {"garden sheds", "houses", "summer houses", "bike stores"},
        ),
        pytest.param(
            "Florist for weddings, funerals and birthdays. "
            "I need the orders, the customers and the deliveries.",
            {"orders", "customers", "deliveries"},
            {"weddings", "funerals", "birthdays"},
            marks=pytest.mark.xfail(
                reason="the judge weighs the request as a feature and still keeps Funerals "
                "(a rules' noun is kept from its low `kept` bar; plans23)",
                strict=True,
            ),
        ),
        (
            "Window cleaner for houses, shops and offices. "
            "Need the customers, the rounds and the payments.",
            {"customers", "rounds", "payments"},
            {"houses", "shops", "offices"},
        ),
    ],
)
def test_what_the_founder_makes_or_serves_is_not_a_record_beside_a_request(
    idea: str, wanted: set[str], examples: set[str]
) -> None:
    kinds = _kinds(idea)
    assert wanted <= kinds
    assert not kinds & examples


def test_without_a_request_the_nouns_said_are_still_the_records() -> None:
    kinds = _kinds("Bakery app: orders, customers and cakes, with prices and pickup dates.")
    assert {"orders", "customers"} <= kinds


@pytest.mark.parametrize(
    ("idea", "listed"),
    [
        (
            "Dance school with pupils, classes and exams. I want to see the fees and the costumes.",
            {"classes", "exams"},
        ),
        (
            "Martial arts club - students, belts, gradings. "
            "We want to keep the attendance and the fees.",
            {"belts", "gradings"},
        ),
        (
            "Catering company. Events, menus and staff are the main things. "
            "I need to see the invoices and the deposits.",
            {"menus", "events"},
        ),
        (
            "Bike hire shop with bikes, helmets and child seats. "
            "I need to see the hires and the deposits.",
            {"bikes"},
        ),
    ],
)
def test_a_list_said_with_no_verb_is_the_founders_own_list(idea: str, listed: set[str]) -> None:
    """A list with no verb of making or selling ("Dance school with pupils, classes and exams")
    names what the founder keeps, as much as the request after it does."""
    assert listed <= _kinds(idea)


@pytest.mark.parametrize(
    ("idea", "asked"),
    [
        (
            "Plumbing firm. The vans need an MOT and insurance each year. "
            "I want to keep the jobs, the quotes and the invoices.",
            {"job", "quote", "invoice"},
        ),
        (
            "Window cleaner round. The lad logs the photos and the ladders. "
            "I need the customers, the rounds and the payments.",
            {"customer", "round", "payment"},
        ),
    ],
)
def test_someone_elses_need_is_not_the_request(idea: str, asked: set[str]) -> None:
    assert asked_heads(read(idea)) == asked


def test_the_subject_of_a_clause_the_founder_asks_for_is_asked_for() -> None:
    """ "We need the runners entering": the runners are what the founder asks for, though
    they are the subject of "entering"."""
    reading = read("Fell race club. We need the runners entering, the races and the times.")
    assert {"runner", "race"} <= asked_heads(reading)


@pytest.mark.parametrize(
    ("idea", "listed"),
    [
        (
            "Dance school with pupils, classes and exams. "
            "The parents want to see the fees and the costumes.",
            {"classes", "exams", "fees", "costumes"},
        ),
        (
            "Scout group: the scouts, their badges and the camps. "
            "Leaders need to see the subs paid and the consent forms.",
            {"scouts", "badges", "camps"},
        ),
    ],
)
def test_a_third_partys_need_keeps_the_founders_list(idea: str, listed: set[str]) -> None:
    assert listed <= _kinds(idea)


@pytest.mark.parametrize(
    ("idea", "listed"),
    [
        (
            "I need an app for my cleaning company and its clients and cleaners. "
            "Shifts, sites, supplies and payments.",
            {"shifts", "sites", "supplies", "payments"},
        ),
        (
            "I need an app for my dog walking business and my customers. "
            "Dogs, walks, keys and invoices.",
            {"dogs", "walks", "keys", "invoices"},
        ),
    ],
)
def test_asking_for_an_app_is_not_the_request(idea: str, listed: set[str]) -> None:
    """ "I need an app for my X" opens the idea; the list the founder writes next is theirs."""
    assert not asked_heads(read(idea)) & {"app", "company", "business"}
    assert listed <= _kinds(idea)
