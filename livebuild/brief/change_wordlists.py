"""The change reader's word lists: read from change_words.toml, checked when loaded."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

from livebuild.brief.model import FIELD_KINDS

_FILE = Path(__file__).with_name("change_words.toml")


def _lower(value: str) -> str:
    if not value or value != value.lower().strip():
        raise ValueError(f"{value!r}: words are lower case, without spaces around them")
    return value


def _kind(value: str) -> str:
    if value not in FIELD_KINDS:
        raise ValueError(f"{value!r} is not a kind of field")
    return value


Word = Annotated[str, AfterValidator(_lower)]


class _Lists(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verbs: list[Word]
    not_name: list[Word]
    not_record: list[Word]
    edge: list[Word]
    not_field: list[Word]
    not_alone: list[Word]
    list_edge: list[Word]
    money_verbs: list[Word]
    naming_verbs: list[Word]
    not_said: list[Word]
    keeping_verbs: list[Word]
    place_words: list[Word]
    pick_verbs: list[Word]
    pick_nouns: list[Word]
    field_words: list[Word]
    record_words: list[Word]
    wish_verbs: list[Word]
    not_owner: list[Word]


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kinds: dict[Word, Annotated[str, AfterValidator(_kind)]]
    slips: dict[Word, Word]
    same: dict[Word, Word]
    lists: _Lists


@functools.cache
def words() -> _Words:
    return _Words.model_validate(tomllib.loads(_FILE.read_text(encoding="utf-8")))
