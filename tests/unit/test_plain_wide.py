"""Session 21's written ideas for the plain-answer judge (`bench/plain_wide.toml`, which
teaches its kind head, and `bench/plain_wide_held.toml`, never trained on) are validated data:
every kind named is a kind of app the plain answer can say, each idea is one founder's words
said once, across both files and every other written set, and none is copied from a spent
round (the judge would be graded on what it was taught)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bench.understanding import ideas_path, load_ideas
from livebuild.english.app_kind import app_kinds

BENCH = Path(__file__).parents[2] / "bench"
WIDE = BENCH / "plain_wide.toml"
HELD = BENCH / "plain_wide_held.toml"
# Spent rounds only: a round being written is never read.
SPENT = range(3, 22)


def _ideas(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"records", "kinds"}, path.name
    return data["records"], data["kinds"]


def _all(path: Path) -> list[str]:
    records, kinds = _ideas(path)
    return records + [t for texts in kinds.values() for t in texts]


def _squashed(text: str) -> str:
    return " ".join(text.lower().split())


@pytest.mark.parametrize("path", [WIDE, HELD])
def test_each_idea_is_a_founders_words_under_a_kind_the_answer_can_say(path: Path) -> None:
    records, kinds = _ideas(path)
    assert set(kinds) <= {k.name for k in app_kinds().kinds}
    for text in _all(path):
        assert isinstance(text, str) and len(text.split()) >= 3 and len(text) <= 400, text
    assert records and all(kinds.values())


def test_the_trained_set_is_large_and_covers_every_kind() -> None:
    records, kinds = _ideas(WIDE)
    assert sum(map(len, kinds.values())) >= 300 and len(records) >= 100
    assert set(kinds) == {k.name for k in app_kinds().kinds}
    assert all(len(texts) >= 20 for texts in kinds.values())


def test_no_idea_is_said_twice_or_in_another_written_set() -> None:
    ours = [_squashed(t) for p in (WIDE, HELD) for t in _all(p)]
    assert len(ours) == len(set(ours))
    others: set[str] = set()
    for path in set(BENCH.glob("plain_*.toml")) - {WIDE, HELD}:
        for said in tomllib.loads(path.read_text(encoding="utf-8")).values():
            lists = said.values() if isinstance(said, dict) else [said]
            others |= {_squashed(t) for texts in lists for t in texts}
    assert not others & set(ours)


def test_no_idea_is_copied_from_a_spent_round() -> None:
    spent = {_squashed(c.text) for r in SPENT for c in load_ideas(ideas_path(r))}
    copied = [t for p in (WIDE, HELD) for t in _all(p) if _squashed(t) in spent]
    assert not copied
