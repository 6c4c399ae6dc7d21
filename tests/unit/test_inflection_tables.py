"""lemminflect's tables read compactly answer every word exactly as lemminflect's own reading."""

from __future__ import annotations

import pytest

from livebuild.english import inflections
from livebuild.english.inflections import GroupedTable, inflection_table, lemma_table

lemminflect = pytest.importorskip("lemminflect", reason="the English layer is not installed")


def test_every_lemma_entry_is_lemminflects() -> None:
    from lemminflect import config
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

    theirs = LemmaLUCodec.load(config.lemma_lu_fn)
    ours = lemma_table(config.lemma_lu_fn)
    assert len(ours) == len(theirs)
    assert all(ours.get(word) == entry for word, entry in theirs.items())
    assert ours.get("notaword", {}) == {}


def test_every_inflection_entry_is_lemminflects() -> None:
    from lemminflect import config
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    theirs = InflectionLUCodec.load(config.inflection_lu_fn)
    ours = inflection_table(config.inflection_lu_fn)
    assert len(ours) == len(theirs)
    assert all(ours.get(word) == entry for word, entry in theirs.items())
    # The auxiliary and modal verbs are lemminflect's fixed forms, not the table's lines.
    assert ours.get("be") == {
        "VB": ("be",),
        "VBD": ("was", "were"),
        "VBG": ("being",),
        "VBN": ("been",),
        "VBP": ("am", "are"),
        "VBZ": ("is",),
    }


def test_the_words_the_reader_asks_about() -> None:
    assert inflections.lemma("lenses", "NOUN")[0] == "lens"
    assert inflections.inflection("child", "NNS")[0] == "children"
    assert "VBG" in inflections.all_inflections("tune", upos="VERB")
    assert "VERB" in inflections.all_lemmas("booked")
    assert inflections.all_lemmas("Smith", upos="PROPN") == {"NOUN": ("Smith",)}
    # lemminflect answers through the compact tables, not dicts of its own.
    assert isinstance(lemminflect.Lemmatizer().lemma_dict, GroupedTable)
    assert isinstance(lemminflect.Inflections().infl_dict, GroupedTable)


def test_lines_not_grouped_by_word_are_refused() -> None:
    lines = b"walk,verb,walk\nrun,verb,run\nwalk,noun,walk\n"
    with pytest.raises(ValueError, match="not grouped"):
        GroupedTable(lines, lambda line: (line, {}), {})
