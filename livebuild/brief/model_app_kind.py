"""Whether an idea the model reads is a record-keeping app at all, before any plan is written.

Two readings vote. The bundled embedding model compares the idea with sentences saying what
each kind of app does (app_kinds.toml, and more sentences in model_app_kinds.toml): an idea
far closer to a timer than to keeping records is a timer, whatever the model says. Nearer
than that, the model's own word decides, but only where the idea reads at least as much like
the kind the model named as like a record-keeping app: a small model calls a booking app a
page now and then, and a founder with records to keep must never be turned away.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from livebuild.english import app_kind
from livebuild.english.app_kind import RECORDS, AppKind, app_kinds

# How far ahead of keeping records a kind must be for the meaning alone to decide, and for the
# model's word to stand. (On the spent rounds 3 and 4 and the tuning set, record ideas were
# at most 3.3 ahead of keeping records on their closest kind; non-record ideas the rules miss
# were 2.2 to 12.8 ahead on their own kind; record ideas 1.9 on a kind a model might name.)
SURE = 3.5
AGREES = 2.0


class ModelAppKindsError(ValueError):
    """model_app_kinds.toml is not as model_app_kind.py expects."""


@dataclass(frozen=True)
class Meaning:
    """How much an idea reads like keeping records, and like each other kind of app."""

    records: float
    kinds: dict[str, float]

    def ahead(self, kind: str) -> float:
        return self.kinds.get(kind, float("-inf")) - self.records

    def closest(self) -> str:
        return max(self.kinds, key=lambda k: self.kinds[k])


def parse_sentences(data: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    raw = data.get("describe")
    names = {k.name for k in app_kinds().kinds}
    if not isinstance(raw, dict) or set(raw) - names:
        raise ModelAppKindsError(f"describe: a table of kinds among {sorted(names)}")
    found: dict[str, tuple[str, ...]] = {}
    for name, sentences in raw.items():
        if not isinstance(sentences, list) or not all(
            isinstance(s, str) and 10 <= len(s) <= 200 for s in sentences
        ):
            raise ModelAppKindsError(f"{name}: a list of sentences of 10 to 200 characters")
        found[name] = tuple(sentences)
    return found


@functools.cache
def _sentences() -> tuple[tuple[str, str], ...]:
    """(kind, sentence) for every sentence of every kind, keeping records first."""
    text = resources.files("livebuild.brief").joinpath("model_app_kinds.toml").read_text("utf-8")
    more = parse_sentences(tomllib.loads(text))
    kinds = app_kinds()
    pairs = [(RECORDS, kinds.records)]
    for kind in kinds.kinds:
        pairs += [(kind.name, kind.describe), *((kind.name, s) for s in more.get(kind.name, ()))]
    return tuple(pairs)


@functools.cache
def _prototypes() -> Any:
    return app_kind.embed([s for _, s in _sentences()])


def meaning(text: str) -> Meaning:
    """The idea's closeness to each kind of app (the closest of a kind's sentences counts)."""
    scores = (app_kind.embed([text]) @ _prototypes().T)[0]
    best: dict[str, float] = {}
    for (kind, _), score in zip(_sentences(), scores, strict=True):
        best[kind] = max(best.get(kind, float("-inf")), float(score))
    records = best.pop(RECORDS)
    return Meaning(records, best)


def _kind(name: str) -> AppKind:
    return next(k for k in app_kinds().kinds if k.name == name)


def not_a_record_app(said: str, text: str) -> AppKind | None:
    """The kind of app `text` is when it is not a record-keeping app, given the model `said`
    (`records` or another kind's name); None for a record-keeping app."""
    read = meaning(text)
    closest = read.closest()
    if read.ahead(closest) >= SURE:
        return _kind(closest)
    if said != RECORDS and said in read.kinds and read.ahead(said) >= AGREES:
        return _kind(said)
    return None


def warm() -> None:
    _prototypes()
