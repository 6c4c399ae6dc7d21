"""The shape reader's word lists, read from `shape_words.toml` and checked once.

Lists are lowercase words with no repeats; tables map a lowercase word or phrase to another.
A file that breaks either rule fails loudly when first read (and in its unit test), never
silently mid-plan.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from livebuild.english.lexicon import checked_words

_PHRASE = re.compile(r"[a-z][a-z'-]*(?: [a-z][a-z'-]*)*")
_LISTS = (
    "triggers",
    "noun_like",
    "function",
    "generic",
    "collective",
    "qualifiers",
    "field_words",
    "dates",
    "deadlines",
    "subjects",
    "measures",
    "someone",
    "hosts",
    "object_openers",
    "determiners",
    "stopwords",
    "verbs",
    "clause_openers",
    "question_words",
    "auxiliaries",
    "lending",
    "objects",
    "doer_verbs",
    "clause_verbs",
    "written_ends",
    "counted",
    "units",
    "measured",
    "money_words",
    "time_words",
    "spans",
    "due_words",
    "object_verbs",
    "collective_words",
    "not_acts",
)
_TABLES = ("implied", "lent_past", "list_of", "detail_records", "plurals", "past", "agents")


class ShapeWordsError(ValueError):
    """A word list or table that is missing, malformed, or repeats a word."""


@dataclass(frozen=True)
class ShapeWords:
    lists: dict[str, frozenset[str]]
    tables: dict[str, dict[str, str]]

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.lists[name]

    def table(self, name: str) -> dict[str, str]:
        return self.tables[name]


def _list(name: str, raw: object) -> frozenset[str]:
    return frozenset(checked_words(name, raw, ShapeWordsError))


def _table(name: str, raw: object) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw:
        raise ShapeWordsError(f"{name}: expected a non-empty table")
    for key, value in raw.items():
        if not _PHRASE.fullmatch(key) or not isinstance(value, str) or not _PHRASE.fullmatch(value):
            raise ShapeWordsError(f"{name}: not lowercase words: {key!r} = {value!r}")
    return {str(k): str(v) for k, v in raw.items()}


def parse_shape_words(data: dict[str, object]) -> ShapeWords:
    known = set(_LISTS) | set(_TABLES)
    unknown = sorted(set(data) - known)
    if unknown:
        raise ShapeWordsError(f"unknown lists: {unknown}")
    missing = [n for n in (*_LISTS, *_TABLES) if n not in data]
    if missing:
        raise ShapeWordsError(f"missing lists: {missing}")
    return ShapeWords(
        lists={name: _list(name, data[name]) for name in _LISTS},
        tables={name: _table(name, data[name]) for name in _TABLES},
    )


@functools.cache
def shape_words() -> ShapeWords:
    source = resources.files("livebuild.english").joinpath("shape_words.toml")
    return parse_shape_words(tomllib.loads(source.read_text("utf-8")))
