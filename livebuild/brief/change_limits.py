"""What no app we build can do: read from change_limits.toml, checked when it is loaded.

Each limit's words may name a word class of the file's [words] table as {name}; a class is
written once and every limit that needs it uses it.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, field_validator

_FILE = Path(__file__).with_name("change_limits.toml")


class _LimitFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    what: str
    words: str
    why: str
    closest: str
    offer: str

    @field_validator("words")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value


@dataclass(frozen=True)
class Limit:
    what: str
    words: re.Pattern[str]
    why: str
    closest: str  # a change request that makes the closest thing, or ""
    offer: str  # that closest thing in words, or ""


_CLASS = re.compile(r"\{(?P<name>[a-z_]+)\}")


def with_classes(words: str, classes: dict[str, str]) -> str:
    """`words` with each {name} of a word class written out; other braces (a regular
    expression's {0,4}) stay as they are."""
    return _CLASS.sub(lambda m: classes.get(m["name"], m.group(0)), words)


def _lemmas(value: list[str]) -> list[str]:
    for word in value:
        if not word or word != word.lower().strip() or " " in word:
            raise ValueError(f"{word!r}: a lemma is one lower-case word")
    return value


Lemmas = Annotated[list[str], AfterValidator(_lemmas)]


class Acts(BaseModel):
    """The word classes `change_acts` reads a request's grammar with (the file's [acts])."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    reach: dict[str, str]  # a verb's lemma -> the `what` of the limit that says why

    @field_validator("reach")
    @classmethod
    def _verbs(cls, value: dict[str, str]) -> dict[str, str]:
        _lemmas(list(value))
        return value

    put_up: Lemmas
    join: Lemmas
    by_itself: Lemmas
    self_subject: Lemmas
    not_acts: Lemmas
    naming: Lemmas
    every: Lemmas
    around: Lemmas
    trigger: Lemmas
    live: Lemmas
    show: Lemmas
    fetch: Lemmas
    notify: Lemmas
    identifier: Lemmas
    by_brand: list[str]  # the `what` of limits whose words name services by brand


@functools.cache
def acts() -> Acts:
    """The [acts] word classes, each limit they name checked to exist."""
    data = tomllib.loads(_FILE.read_text(encoding="utf-8"))
    loaded = Acts.model_validate(data["acts"])
    named = {limit.what for limit in limits()}
    unknown = sorted({*loaded.reach.values(), *loaded.by_brand} - named)
    if unknown:
        raise ValueError(f"change_limits.toml [acts] names no limit: {unknown}")
    return loaded


def limit_named(what: str) -> Limit:
    return next(limit for limit in limits() if limit.what == what)


@functools.cache
def limits() -> tuple[Limit, ...]:
    data = tomllib.loads(_FILE.read_text(encoding="utf-8"))
    classes = {name: str(words) for name, words in data.get("words", {}).items()}
    checked = [
        _LimitFile.model_validate({**item, "words": with_classes(item["words"], classes)})
        for item in data["limit"]
    ]
    return tuple(
        Limit(item.what, re.compile(item.words), item.why, item.closest, item.offer)
        for item in checked
    )


# A name the founder gives in quotes ("call bookings 'sign-ups'") is a name, not a request.
_QUOTED = re.compile(r"\"[^\"]{1,60}\"|(?<!\w)'[^']{1,60}'(?!\w)")


# "GPs" are doctors, not GPS: a plural of capitals is kept apart from its last letter.
_CAPITALS = re.compile(r"\b(?P<one>[A-Z]{2,})s\b")


# Where something is done already is a reason, not a wish: "the accounts are all done in Xero".
_ALREADY_DONE = re.compile(
    r"\b(?:done|kept|handled|managed|tracked|sorted|recorded|stored|happens?)\s+(?:all\s+)?"
    r"(?:in|on|through|by|with|via)\s+(?:[\w.&-]+\s*){1,3}$|"
    r"\b(?:done|kept|handled|managed|tracked|sorted|recorded|stored|happens?)\s+(?:all\s+)?"
    r"(?:in|on|through|by|with|via)\s+(?:[\w.&-]+\s+){0,2}[\w.&-]+(?=\s*[,.;!?])"
)


# A new name given after a verb of naming is a name, not a request: "call them Map sheets",
# "rename legs to Map pages". Said of "them" or "it" any name is; said of a kind, a capital
# starts it.
_NAMED = re.compile(
    r"\b(?i:call|name|rename)\s+(?:(?i:them|it|these|those|this)\s+(?:(?i:to|as)\s+)?"
    r"[\w'-]+(?:\s+[\w'-]+)?|(?:[\w'-]+\s+){1,3}(?i:to|as)\s+[\w'-]+(?:\s+[\w'-]+)?|"
    r"(?:(?i:the)\s+)?[\w'-]+(?:\s+[\w'-]+)?\s+[A-Z][\w'-]*(?:\s+[\w'-]+)?)"
)


@functools.cache
def _name_given() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in acts().naming)
    return re.compile(
        rf"\b(?i:{verbs})\s+(?i:them|it|these|those|this)\s+(?:(?i:to|as)\s+)?"
        r"[A-Z][\w'-]*(?:\s+[\w'-]+)?"
    )


def without_names_given(text: str) -> str:
    """`text` without a new name given to "them"/"it" ("call them Map sheets"): the verb of
    naming and the name say nothing the app can't do. A name starts with a capital here, so
    "call them every morning" and "call them on WhatsApp" stay."""
    return _name_given().sub(" ", text)


def limit_in(clause: str) -> Limit | None:
    clause = _NAMED.sub(" ", clause)
    lowered = _QUOTED.sub("", _CAPITALS.sub(r"\g<one>'s", clause).lower())
    lowered = _ALREADY_DONE.sub(" ", lowered)
    return next((limit for limit in limits() if limit.words.search(lowered)), None)
