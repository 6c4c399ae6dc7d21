"""What kind of app an idea is: one that keeps records, or a timer, calculator, game, page...

Two readings decide. The words: the noun that names the product ("a pomodoro *timer*", "a
*metronome* app", "a *landing page*") or the verb said of it ("an app to *calculate*").
And, only where the idea names nothing to keep at all, the meaning: WordLlama's small static
embeddings (shipped inside its package, never downloaded) compare the idea with a sentence
describing each kind.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from livebuild.english import embeddings
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Reading

RECORDS = "records"
# The embedding model says "not a record app" only this far ahead of the record-keeping kind.
_MIN_SCORE = 4.0
_MIN_MARGIN = 2.5
# ... and, for an idea that does name things to keep ("a chatbot guests reach from a QR code,
# answering questions about our menu"), only this far ahead: no record idea of the tuning
# rounds (r3-r5, bench/dev_ideas*) came within 2.3 of it, the non-record ones it catches 4.5.
_SURE_MARGIN = 3.5
_KEYS = frozenset(
    {"name", "nouns", "phrases", "verbs", "openers", "label", "needs", "offline", "describe"}
)


class AppKindsError(ValueError):
    """app_kinds.toml is not as app_kind.py expects."""


@dataclass(frozen=True)
class AppKind:
    name: str
    label: str
    needs: str
    offline: str
    describe: str
    nouns: frozenset[str]
    phrases: frozenset[str]
    verbs: frozenset[str]
    # Verbs that, opening the idea as a request, make it this kind ("Convert shoe sizes ...").
    openers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AppKinds:
    records: str
    record_products: frozenset[str]
    kinds: tuple[AppKind, ...]


def _kind(raw: dict[str, Any]) -> AppKind:
    unknown = set(raw) - _KEYS
    if unknown:
        raise AppKindsError(f"unknown keys {sorted(unknown)}")
    for key in ("name", "label", "needs", "offline", "describe", "nouns"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise AppKindsError(f"{raw.get('name', '?')}: {key} must be a non-empty string")
    return AppKind(
        name=raw["name"],
        label=raw["label"],
        needs=raw["needs"],
        offline=raw["offline"],
        describe=raw["describe"],
        nouns=frozenset(raw["nouns"].split()),
        phrases=frozenset(p.strip() for p in str(raw.get("phrases", "")).split("|") if p.strip()),
        verbs=frozenset(str(raw.get("verbs", "")).split()),
        openers=frozenset(str(raw.get("openers", "")).split()),
    )


def parse_app_kinds(data: dict[str, Any]) -> AppKinds:
    records = data.get("records")
    if not isinstance(records, str) or not records.strip():
        raise AppKindsError("records must describe a record-keeping app")
    products = data.get("record_products")
    if not isinstance(products, str) or not products.split():
        raise AppKindsError("record_products must list words")
    kinds = tuple(_kind(k) for k in data.get("kind", []))
    names = [k.name for k in kinds]
    if not kinds or len(set(names)) != len(names) or RECORDS in names:
        raise AppKindsError(f"kinds must be named once each, and not {RECORDS!r}")
    return AppKinds(records, frozenset(products.split()), kinds)


@functools.cache
def app_kinds() -> AppKinds:
    text = resources.files("livebuild.english").joinpath("app_kinds.toml").read_text("utf-8")
    return parse_app_kinds(tomllib.loads(text))


def _opening_head(reading: Reading) -> str:
    """The last word of those the idea opens with, past chat and general words: "generator" of
    "random band name generator lol", "game" of "typing speed game for my class"."""
    skipped = lexicon().fillers | (lexicon().generic - app_kinds().record_products)
    said = [w for w in reading.opening if w not in skipped]
    return said[-1] if said else ""


def by_words(reading: Reading, kept: int = 0) -> AppKind | None:
    """The kind the product's own name or verbs say, if they say one. A verb said of a general
    product counts only while the idea names fewer than two things to keep (`kept`): "an app to
    calculate what each flatmate owes" is a calculator, "a bakery app that calculates the cost
    of each order from its ingredients" keeps orders and ingredients."""
    named = " ".join(reversed(reading.product))  # "landing page"
    opened = _opening_head(reading)
    records = app_kinds().record_products
    if reading.product_head in records or opened in records:
        return None  # "a game tracker": it keeps records of games
    first = reading.opening[:1]
    for kind in app_kinds().kinds:
        if reading.product[:1] and reading.product[0] in kind.nouns:
            return kind
        if opened in kind.nouns:
            return kind
        if named and any(named.endswith(p) for p in kind.phrases):
            return kind
        if kind.verbs & set(reading.product_verbs) and kept < 2:
            return kind
        if len(reading.opening) > 1 and kind.openers & set(first):
            return kind  # "Convert shoe sizes between UK, EU and US"
    return None


@functools.cache
def _prototypes() -> Any:
    kinds = app_kinds()
    return embeddings.embed([kinds.records, *(k.describe for k in kinds.kinds)])


def by_meaning(text: str, *, sure: bool = False) -> AppKind | None:
    """The kind the idea reads like, when it reads clearly like one that keeps no records
    (`sure`: so clearly that the things it names don't count against it)."""
    scores = (embeddings.embed([text[:2000]]) @ _prototypes().T)[0]
    best = int(scores[1:].argmax()) + 1
    margin = _SURE_MARGIN if sure else _MIN_MARGIN
    if scores[best] >= _MIN_SCORE and scores[best] - scores[0] >= margin:
        return app_kinds().kinds[best - 1]
    return None


def answer(kind: AppKind) -> str:
    """The plain answer for an idea of `kind`: what livebuild can build instead.

    With or without a model, every app livebuild writes keeps records: no model setting
    turns it into a calculator or a game, so the answer doesn't suggest one."""
    return (
        f"This sounds like {kind.label}, which needs {kind.needs}. livebuild builds apps that "
        f"keep records, so it can't build {kind.label} itself. It could make {kind.offline}: "
        "describe what you'd keep a record of, and try again."
    )


def warm() -> None:
    _prototypes()
