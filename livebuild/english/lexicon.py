"""The English reader's word lists, read from `lexicon.toml` and checked once."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field, fields
from importlib import resources
from typing import Any

_WORD = re.compile(r"[a-z][a-z'-]*")
_NOUNS = {"nouns": True}
# A list read in its order (prefixes are tried as written).
_ORDERED = {"ordered": True}


class LexiconError(ValueError):
    """A word list that is missing, misspelt as data, or repeats a word."""


@dataclass(frozen=True)
class Lexicon:
    """The word lists, one field each, named as in `lexicon.toml`; a list of nouns (what a
    noun may be: a detail, a time, a brand, a person...) says so, and the learned judge of
    record kinds asks each of those, in this order."""

    attributes: frozenset[str] = field(metadata=_NOUNS)
    listed_details: frozenset[str] = field(metadata=_NOUNS)
    generic: frozenset[str] = field(metadata=_NOUNS)
    organisations: frozenset[str] = field(metadata=_NOUNS)
    text_identifiers: frozenset[str] = field(metadata=_NOUNS)
    brands: frozenset[str] = field(metadata=_NOUNS)
    prefixes: tuple[str, ...] = field(metadata=_ORDERED)
    empty_verbs: frozenset[str]
    wanting_verbs: frozenset[str]
    asking_verbs: frozenset[str]
    times: frozenset[str] = field(metadata=_NOUNS)
    keeping_verbs: frozenset[str]
    vague: frozenset[str] = field(metadata=_NOUNS)
    people: frozenset[str] = field(metadata=_NOUNS)
    fillers: frozenset[str] = field(metadata=_NOUNS)
    not_records: frozenset[str] = field(metadata=_NOUNS)
    collections: frozenset[str] = field(metadata=_NOUNS)
    clipped: frozenset[str]
    occasions: frozenset[str]
    using_verbs: frozenset[str]
    umbrellas: frozenset[str]
    detail_verbs: frozenset[str]
    one_of: frozenset[str]
    asides: frozenset[str]


# The lists `lexicon.toml` holds, and those of nouns, as `Lexicon` declares them.
_LISTS = tuple(f.name for f in fields(Lexicon))
NOUN_LISTS = tuple(f.name for f in fields(Lexicon) if f.metadata.get("nouns"))


def checked_words(name: str, raw: object, error: type[ValueError] = LexiconError) -> list[str]:
    """A data file's word list (one string of lowercase words, none repeated), or `error`."""
    if not isinstance(raw, str) or not raw.split():
        raise error(f"{name}: expected a non-empty string of words")
    words = raw.split()
    bad = [w for w in words if not _WORD.fullmatch(w)]
    if bad:
        raise error(f"{name}: not lowercase words: {bad[:5]}")
    repeated = sorted({w for w in words if words.count(w) > 1})
    if repeated:
        raise error(f"{name}: repeats {repeated[:5]}")
    return words


def parse_lexicon(data: dict[str, object]) -> Lexicon:
    unknown = set(data) - set(_LISTS)
    if unknown:
        raise LexiconError(f"unknown lists: {sorted(unknown)}")
    missing = [n for n in _LISTS if n not in data]
    if missing:
        raise LexiconError(f"missing lists: {missing}")
    lists: dict[str, Any] = {}
    for f in fields(Lexicon):
        words = checked_words(f.name, data[f.name])
        lists[f.name] = tuple(words) if f.metadata.get("ordered") else frozenset(words)
    return Lexicon(**lists)


@functools.cache
def lexicon() -> Lexicon:
    text = resources.files("livebuild.english").joinpath("lexicon.toml").read_text("utf-8")
    return parse_lexicon(tomllib.loads(text))
