"""The English reader's word lists, read from `lexicon.toml` and checked once."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

_WORD = re.compile(r"[a-z][a-z'-]*")
_LISTS = (
    "attributes",
    "listed_details",
    "generic",
    "organisations",
    "text_identifiers",
    "brands",
    "prefixes",
    "empty_verbs",
    "wanting_verbs",
    "times",
    "keeping_verbs",
    "vague",
    "people",
    "fillers",
    "not_records",
    "collections",
    "clipped",
)


# The lists of nouns, by the name of their `Lexicon` field: what a noun may be (a detail, a
# time, a brand, a person...). The learned judge of record kinds asks each of them.
NOUN_LISTS = (
    "attributes",
    "listed_details",
    "generic",
    "organisations",
    "text_identifiers",
    "brands",
    "times",
    "vague",
    "people",
    "fillers",
    "not_records",
    "collections",
)


class LexiconError(ValueError):
    """A word list that is missing, misspelt as data, or repeats a word."""


@dataclass(frozen=True)
class Lexicon:
    attributes: frozenset[str]
    listed_details: frozenset[str]
    generic: frozenset[str]
    organisations: frozenset[str]
    text_identifiers: frozenset[str]
    brands: frozenset[str]
    prefixes: tuple[str, ...]
    empty_verbs: frozenset[str]
    wanting_verbs: frozenset[str]
    times: frozenset[str]
    keeping_verbs: frozenset[str]
    vague: frozenset[str]
    people: frozenset[str]
    fillers: frozenset[str]
    not_records: frozenset[str]
    collections: frozenset[str]
    clipped: frozenset[str]


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
    lists = {name: checked_words(name, data[name]) for name in _LISTS}
    return Lexicon(
        attributes=frozenset(lists["attributes"]),
        listed_details=frozenset(lists["listed_details"]),
        generic=frozenset(lists["generic"]),
        organisations=frozenset(lists["organisations"]),
        text_identifiers=frozenset(lists["text_identifiers"]),
        brands=frozenset(lists["brands"]),
        prefixes=tuple(lists["prefixes"]),
        empty_verbs=frozenset(lists["empty_verbs"]),
        wanting_verbs=frozenset(lists["wanting_verbs"]),
        times=frozenset(lists["times"]),
        keeping_verbs=frozenset(lists["keeping_verbs"]),
        vague=frozenset(lists["vague"]),
        people=frozenset(lists["people"]),
        fillers=frozenset(lists["fillers"]),
        not_records=frozenset(lists["not_records"]),
        collections=frozenset(lists["collections"]),
        clipped=frozenset(lists["clipped"]),
    )


@functools.cache
def lexicon() -> Lexicon:
    text = resources.files("livebuild.english").joinpath("lexicon.toml").read_text("utf-8")
    return parse_lexicon(tomllib.loads(text))
