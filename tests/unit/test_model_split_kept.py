"""A record the model names that the idea itself keeps has two readers' votes (the model's and
the English layer's), so the learned judge's lower bar, as for the rules' own kinds, lets it
in; a record the model names alone still needs the judge's full threshold. The model's answer
is a hand-written reading (what a small model has been seen to give), not a mock."""

from __future__ import annotations

import pytest

from livebuild.brief import kind_judge
from livebuild.brief.model import Brief, Field
from livebuild.brief.model_reading import Decisions, RecordChoice
from livebuild.brief.model_split import judged_extra, split_plan
from livebuild.brief.plan import offline_plan

CLOCKS = (
    "I restore old clocks. Keep the jobs (the owner, what was wrong, price) and the spare "
    "parts I have in the drawers with maker and size."
)


def _decisions(*names: str) -> Decisions:
    return Decisions("records", tuple(RecordChoice(n, (), ()) for n in names), "")


@pytest.fixture(autouse=True)
def _judge() -> None:
    try:
        kind_judge.current()
    except kind_judge.JudgeError as error:  # pragma: no cover - a broken install
        pytest.skip(f"the learned kind judge can't be loaded: {error}")


def test_a_record_the_model_names_and_the_idea_keeps_is_added() -> None:
    # "the jobs (the owner, ...)": the rules keep jobs, makers and parts, not the owners.
    rules = offline_plan(CLOCKS, None)
    assert "Owner" not in [e.singular for e in rules.entities]
    extra = judged_extra(CLOCKS, _decisions("job", "owner", "part"), rules)
    assert extra == ["owner"]


def test_a_record_the_model_names_alone_needs_the_full_bar() -> None:
    # "in the drawers": said, never kept; the judge scores it under its threshold.
    rules = offline_plan(CLOCKS, None)
    assert judged_extra(CLOCKS, _decisions("job", "drawer"), rules) == []


HARPS = (
    "I build harps by hand, 3 a year, with a waiting list. Want the commissions (the player, "
    "the model, the wood, number of strings, deposit paid) and the maple I've got seasoning "
    "with thickness and the year I bought it."
)


def _fields(brief: Brief, plural: str) -> dict[str, Field]:
    entity = next(e for e in brief.entities if e.plural == plural)
    return {f.label: f for f in entity.fields}


def test_a_record_the_model_adds_from_a_detail_is_linked_from_its_kind() -> None:
    # The rules keep "the player" as a commission's detail; the model makes it a record.
    # The founder's commissions still say whose they are: a pick of the Players list.
    rules = offline_plan(HARPS, None)
    assert "Player" in _fields(rules, "Commissions")
    plan = split_plan("vote", HARPS, None, _decisions("commission", "player", "maple"), rules)
    players = next(e for e in plan.entities if e.singular == "Player")
    player = _fields(plan, "Commissions").get("Player")
    assert player is not None and player.kind == "link" and player.links_to == players.slug
