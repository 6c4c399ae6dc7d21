"""Record kinds told from the story around them, as a careful reader tells them, without a
model: a place or an event said as where or when the work happens ("we play at weddings"), a
material said in passing ("organic flour"), the founder's backstory ("my grandad started the
firm in 1971") are no records; the kinds the founder asks to keep are. The ideas are our own
wording (no held-out round's); the real spaCy pipeline, WordLlama table and shipped judge."""

from __future__ import annotations

import pytest

from livebuild.brief.plan import offline_plan
from livebuild.english.reading import read

pytestmark = pytest.mark.spacy


def _kinds(idea: str) -> list[str]:
    return [e.plural.lower() for e in offline_plan(idea, judged=True).entities]


def _phrase(idea: str, said: str):  # type: ignore[no-untyped-def]
    return next(p for p in read(idea).phrases if p.said == said)


def test_the_reading_knows_a_clause_of_the_past_from_the_ask() -> None:
    idea = "My grandad started the firm in 1971. Now I need the jobs and the customers."
    assert _phrase(idea, "firm").past
    assert not _phrase(idea, "jobs").past


def test_the_reading_knows_a_side_clause_from_the_main_one() -> None:
    idea = "Because the church closed we meet in the hall. We keep members and meetings."
    assert _phrase(idea, "church").clause == "advcl"
    assert _phrase(idea, "members").clause == "ROOT"


@pytest.mark.parametrize(
    ("idea", "kinds", "not_kinds"),
    [
        (
            "My grandad started the firm in 1971 fixing church clocks. Now we keep the clocks we "
            "look after, each service visit and the parishes we invoice.",
            {"clocks", "visits", "parishes"},
            {"firms", "churches", "grandads"},
        ),
        (
            "We cater at weddings and in village halls. Keep the events we cater, the menus "
            "and the clients.",
            {"events", "menus", "clients"},
            {"weddings", "village halls", "halls"},
        ),
        (
            "We bake sourdough with organic flour and sell it at farmers markets. Track the "
            "wholesale cafes we supply, their standing orders, and the deliveries.",
            {"wholesale cafes", "standing orders", "deliveries"},
            {"flours", "cares", "wholesale cares"},
        ),
    ],
)
def test_a_place_a_material_or_the_backstory_is_no_record(
    idea: str, kinds: set[str], not_kinds: set[str]
) -> None:
    planned = set(_kinds(idea))
    assert kinds <= planned
    assert not planned & not_kinds
