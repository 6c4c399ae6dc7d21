"""The change readers share one cached parse of a clause and one way to find their words
before spending it, on the real spaCy pipeline. No app is started."""

from __future__ import annotations

import pytest

from livebuild.english.nlp import installed_model, parsed
from livebuild.english.words import word_gate

if installed_model() is None:  # pragma: no cover - scripts/setup installs it
    pytest.skip("spaCy's small English pipeline is not installed", allow_module_level=True)


def test_a_clause_is_parsed_once_however_many_readers_ask() -> None:
    clause = "Could the class on bookings be picked from our classes?"
    first = parsed(clause)
    assert parsed(clause) is first
    assert [t.lemma_ for t in first if t.pos_ == "VERB"] == ["pick"]


def test_a_word_gate_finds_whole_words_or_their_starts() -> None:
    whole = word_gate(["box", "field"])
    assert whole.search("an injuries BOX for members")
    assert whole.search("a boxing class") is None
    starts = word_gate(["pick", "choose"], whole=False)
    assert starts.search("picking the class from a list")
    assert starts.search("a toothpick") is None  # a word's start, never its middle
