"""A word the tagger took for a verb is a noun when a determiner opens it ("each walk"), and a
day named by what happens on it ("market days") is an event, not a time (issue 15, the path
without a model): each checked on sentences of our own."""

from __future__ import annotations

import pytest

from livebuild.english.reading import read
from tests.kinds import kind_words

pytestmark = pytest.mark.spacy


def test_each_walk_is_a_walk_the_founder_keeps_and_no_kind_is_named_after_a_verb() -> None:
    kinds = kind_words("a dog walking app for walkers, their dogs and each walk")
    assert kinds == {"walkers", "dogs", "walks"}
    assert "walkings" not in kinds


@pytest.mark.parametrize(
    ("idea", "kind"),
    [
        ("Window cleaning round: my customers, their houses and every clean", "cleans"),
        ("Keep the members, the boats and each sail we do", "sails"),
    ],
)
def test_a_word_opened_by_each_or_every_is_a_noun(idea: str, kind: str) -> None:
    assert kind in kind_words(idea)


def test_a_verb_with_its_own_subject_or_clause_stays_a_verb() -> None:
    reading = read("Most work comes from sales: a surveyor spots it and the lender waits.")
    assert "spot" not in {p.head for p in reading.phrases}
    assert "spots" not in kind_words(
        "Knotweed removal: sites, clients and surveys. Most work comes from house sales: a "
        "surveyor spots it and the lender won't lend."
    )


@pytest.mark.parametrize(
    ("idea", "kind"),
    [
        ("Cheese stall: the market days I trade at, my cheeses and what sells each day", "days"),
        ("Judo club: members, their belts and the grading days each term", "days"),
        ("School photographer: schools, the photo days and the orders parents place", "days"),
    ],
)
def test_a_day_named_by_what_happens_on_it_is_an_event(idea: str, kind: str) -> None:
    assert any(k.endswith(kind) and " " in k for k in kind_words(idea))


def test_a_bare_day_or_an_opening_hour_stays_a_time() -> None:
    kinds = kind_words("Cafe: the days we open, our opening hours, the cakes and the orders")
    assert not any(k.endswith(("days", "hours")) for k in kinds)
