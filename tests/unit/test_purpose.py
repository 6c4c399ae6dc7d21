"""What an idea asks its app to do: its word lists are checked when read, and an idea that says
what its app does is told from one that only names what it keeps."""

from __future__ import annotations

import pytest

from livebuild.english import purpose
from livebuild.english.idea import read_once


def _lists() -> dict[str, object]:
    words = purpose.purpose_words()
    return {name: " ".join(sorted(getattr(words, name))) for name in words.__dataclass_fields__}


def test_the_shipped_word_lists_are_read() -> None:
    assert "tell" in purpose.purpose_words().doing_verbs


@pytest.mark.parametrize(
    ("name", "value"),
    [("doing_verbs", "Tell show"), ("live_words", "live live"), ("unknown", "a b")],
)
def test_word_lists_not_as_this_code_reads_them_are_refused(name: str, value: str) -> None:
    data = _lists()
    data[name] = value
    with pytest.raises(purpose.PurposeWordsError):
        purpose.parse(data)


@pytest.mark.parametrize(
    ("idea", "does"),
    [
        ("put in the hole size and how many posts and it tells you how many bags", True),
        ("round timer for the boxing gym, 3 min rounds and 1 min rest", True),
        ("a wine cellar app", False),
        ("the dogs we groom, their owners and appointments", False),
    ],
)
def test_an_idea_that_says_what_its_app_does_is_told_apart(idea: str, does: bool) -> None:
    reading = read_once(idea).english
    assert purpose.says_what_it_does(reading) is does
    assert len(purpose.features(reading)) == purpose.WIDTH
