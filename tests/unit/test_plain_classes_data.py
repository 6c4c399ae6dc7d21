"""Session 26's written ideas for the plain-answer judge by class of app (`plain_classes.toml`
in `bench/`, trained on, and `plain_classes_held.toml`, never trained on) are validated data:
a list of non-record ideas and one of record ideas each, every idea one founder's words said
once across both files and every other written set, and none copied from a spent round."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bench.understanding import ideas_path, load_ideas

BENCH = Path(__file__).parents[2] / "bench"
CLASSES = BENCH / "plain_classes.toml"
HELD = BENCH / "plain_classes_held.toml"
# Spent rounds only: a round being written or held out is never read.
SPENT = range(3, 26)


def _squashed(text: str) -> str:
    return " ".join(text.lower().split())


def _ideas(path: Path) -> list[str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"plain", "records"}, path.name
    return [*data["plain"], *data["records"]]


@pytest.mark.parametrize("path", [CLASSES, HELD])
def test_each_file_has_both_classes_of_founders_words(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["plain"] and data["records"]
    for text in _ideas(path):
        assert isinstance(text, str) and len(text.split()) >= 5 and len(text) <= 400, text


def test_no_idea_is_said_twice_in_a_written_set_or_copied_from_a_spent_round() -> None:
    ours = [_squashed(t) for p in (CLASSES, HELD) for t in _ideas(p)]
    assert len(ours) == len(set(ours))
    others: set[str] = set()
    for path in set(BENCH.glob("plain_*.toml")) - {CLASSES, HELD}:
        for said in tomllib.loads(path.read_text(encoding="utf-8")).values():
            texts = said if isinstance(said, list) else [t for v in said.values() for t in v]
            others |= {_squashed(t) for t in texts}
    others |= {_squashed(c.text) for r in SPENT for c in load_ideas(ideas_path(r))}
    assert not set(ours) & others
