"""Lemmas and inflections of English words, from lemminflect's dictionary read compactly.

lemminflect reads its two lookup tables (~81,000 lemma lines, ~40,000 inflection lines) into
dicts of dicts of tuples: ~47 MB of Python objects in every process that reads an idea. Here
each table stays as its decompressed text (~3 MB) with arrays of where each word's lines start
and a hash table over them (~5 MB in all); a word's entry is built when it is looked up
(~20 us more than a dict's), by lemminflect's own line parsers, so every answer is the one
lemminflect would give.

lemminflect is imported on first use: importing it imports spaCy (~0.4 s of CPU), which most
livebuild processes (a CLI command, a worker) never need.
"""

from __future__ import annotations

import gzip
import threading
from array import array
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import Any, cast

from livebuild.english.nlp import import_spacy

Entry = dict[str, tuple[str, ...]]
# One line of a table -> its word and what it adds to the word's entry.
LineReader = Callable[[str], tuple[str, Entry]]

_lock = threading.Lock()


class GroupedTable:
    """A lookup table whose lines (`word,...`) come grouped by word, looked up as a dict would be.

    `get` builds a word's entry from its lines in order, each line's forms updating the
    entry, as lemminflect's loaders do; `fixed` entries replace what the lines say. Words are
    found through an open-addressing hash table of group numbers (two per word, ~0.6 MB for
    lemminflect's lemmas), not a dict of ~81,000 strings."""

    def __init__(self, text: bytes, read_line: LineReader, fixed: dict[str, Entry]) -> None:
        self._text = text
        self._read_line = read_line
        self._fixed = fixed
        self._starts = array("I")  # where each word's first line starts; then the end
        previous = b""
        pos = 0
        while pos < len(text):
            word = text[pos : text.index(b",", pos)]
            if word != previous:
                self._starts.append(pos)
                previous = word
            end = text.find(b"\n", pos)
            pos = len(text) if end < 0 else end + 1
        self._starts.append(len(text))
        groups = len(self._starts) - 1
        size = 1 << (2 * groups).bit_length()
        self._mask = size - 1
        self._slots = array("i", [-1]) * size
        for group in range(groups):
            slot = self._slot(self._word(group))
            if self._slots[slot] >= 0:
                raise ValueError("the table's lines are not grouped by word")
            self._slots[slot] = group
        self._count = groups + sum(w.encode() not in self for w in fixed)

    @classmethod
    def read(cls, path: str, read_line: LineReader, fixed: dict[str, Entry]) -> GroupedTable:
        with gzip.open(path, "rb") as f:
            return cls(f.read(), read_line, fixed)

    def _word(self, index: int) -> bytes:
        start = self._starts[index]
        return self._text[start : self._text.index(b",", start)]

    def _slot(self, word: bytes) -> int:
        """The slot holding `word`'s group, or the empty slot where it would go."""
        slot = hash(word) & self._mask
        while (group := self._slots[slot]) >= 0 and self._word(group) != word:
            slot = (slot + 1) & self._mask
        return slot

    def _index(self, word: bytes) -> int | None:
        group = self._slots[self._slot(word)]
        return group if group >= 0 else None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, bytes) and self._index(word) is not None

    def __len__(self) -> int:
        return self._count

    def get(self, word: str, default: Any = None) -> Any:
        if word in self._fixed:
            return self._fixed[word]
        index = self._index(word.encode())
        if index is None:
            return default
        entry: Entry = {}
        lines = self._text[self._starts[index] : self._starts[index + 1]].decode()
        for line in lines.split("\n"):
            if line:
                entry.update(self._read_line(line)[1])
        return entry


def _lemma_line(line: str) -> tuple[str, Entry]:
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.LexicalUtils import categoryToUPos

    word, category, forms = LemmaLUCodec.fromString(line)
    return word, {categoryToUPos(category): forms}


def _inflection_line(line: str) -> tuple[str, Entry]:
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    word, _, forms = InflectionLUCodec.fromString(line)
    return word, forms


def lemma_table(path: str) -> GroupedTable:
    """lemminflect's lemma table at `path`, as `LemmaLUCodec.load` would read it."""
    return GroupedTable.read(path, _lemma_line, {})


def inflection_table(path: str) -> GroupedTable:
    """lemminflect's inflection table at `path`, as `InflectionLUCodec.load` would read it
    (with its fixed forms of the auxiliary and modal verbs)."""
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    fixed = cast(dict[str, Entry], InflectionLUCodec.updateForAuxMod({}))
    return GroupedTable.read(path, _inflection_line, fixed)


@cache
def _lemminflect() -> ModuleType:
    """lemminflect, with its tables read compactly before its first lookup."""
    with _lock:
        import_spacy()  # before lemminflect imports it, whole
        import lemminflect as module

        lemminflect: ModuleType = module
        lemmatizer, inflections = lemminflect.Lemmatizer(), lemminflect.Inflections()
        # lemminflect reads a table on first use unless its attribute is already set.
        if not hasattr(lemmatizer, "lemma_dict"):
            lemmatizer.lemma_dict = lemma_table(lemmatizer.lemma_lu_fn)
        if not hasattr(inflections, "infl_dict"):
            inflections.infl_dict = inflection_table(inflections.infl_lu_fn)
        return lemminflect


def all_lemmas(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """Every dictionary form of `word` by part of speech ("lenses" -> {"NOUN": ("lens", ...)})."""
    return cast(dict[str, tuple[str, ...]], _lemminflect().getAllLemmas(word, upos=upos))


def lemma(word: str, upos: str) -> tuple[str, ...]:
    """The dictionary forms of `word` as `upos`, by rule where the dictionary lacks it."""
    return cast(tuple[str, ...], _lemminflect().getLemma(word, upos=upos))


def all_inflections(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """Every form of the lemma `word` by Penn tag ("tune" -> {"VBG": ("tuning",), ...})."""
    return cast(dict[str, tuple[str, ...]], _lemminflect().getAllInflections(word, upos=upos))


def inflection(word: str, tag: str) -> tuple[str, ...]:
    """The forms of the lemma `word` for the Penn `tag`, by rule where the dictionary lacks it."""
    return cast(tuple[str, ...], _lemminflect().getInflection(word, tag=tag))
