"""A word the tagger took for a noun is a verb when an object pronoun follows it straight:
"people *book* someone nearby" keeps no record called Book (our own wording, the real spaCy
pipeline)."""

from __future__ import annotations

import pytest

from livebuild.english.reading import read

pytestmark = pytest.mark.spacy


def _heads(text: str) -> set[str]:
    return {p.head for p in read(text).phrases}


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Uber for lawn mowing - people book someone nearby to mow their lawn", "book"),
        ("customers text us when the van is late and we log each delay", "text"),
    ],
)
def test_a_word_followed_by_its_object_is_no_record(text: str, verb: str) -> None:
    assert verb not in _heads(text)


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("a book club that keeps each book we read and who chose it", "book"),
        ("we log each booking and the customer who made it", "booking"),
    ],
)
def test_a_noun_stays_a_noun(text: str, noun: str) -> None:
    assert noun in _heads(text)
