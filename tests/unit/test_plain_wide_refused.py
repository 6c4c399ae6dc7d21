"""Record ideas of `bench/plain_wide.toml` that the shipped plain-answer judge refuses: each
is a founder whose real app is refused (the worst miss), pinned as an expected failure so a
later change to the judge is measured against them (session 21; retraining on
`plain_wide.toml` raised every bar and was not shipped, `docs/benchmarks.md`). A fix makes
its test pass, and strict xfail then says to move it out of this list."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from livebuild.brief.derive import derive_brief

WIDE = Path(__file__).parents[2] / "bench" / "plain_wide.toml"
WHY = (
    "the shipped plain judge scores these records of games kept above its `plain` bar (0.863), "
    "chosen without such near pairs: plain_wide.toml isn't in its fit (session 21)"
)
REFUSED = [
    "keep a history of our family's monopoly games, who won and how long it took lol",
    "games played at our club and who won each",
    "my video game backlog, platform, hours played, finished or not",
    "my board game collection: each game, how many players, how long, and if it's lent out",
]


def _records() -> list[str]:
    return list(tomllib.loads(WIDE.read_text(encoding="utf-8"))["records"])


def test_the_pinned_refusals_are_record_ideas_of_the_set() -> None:
    assert set(REFUSED) <= set(_records())


@pytest.mark.parametrize(
    "idea", [pytest.param(i, marks=pytest.mark.xfail(reason=WHY, strict=True)) for i in REFUSED]
)
def test_a_record_idea_refused_by_the_shipped_judge_gets_a_plan(idea: str) -> None:
    assert derive_brief(idea).app_kind == "records"


def test_every_other_record_idea_of_the_set_gets_a_plan() -> None:
    refused = [i for i in _records() if i not in REFUSED and derive_brief(i).app_kind != "records"]
    assert refused == []
