"""Whether the app a plan builds does what a feature of the plan says, in the feature's words.

A plan's features are wishes in plain words: "Pet profiles with care notes", "Reminders for
vet check-ups". The guide and the app list what the app does and what is only planned; this
is the one judge both use, so neither says the app lacks what it has, nor has what it lacks.

A feature is built when every word of it is covered: a word naming one of the plan's record
kinds, fields or choices ("pet", "care notes"), a word for what every finished app does with
its records (add, search, filter, a dashboard of totals: `feature_words.toml`), or a word
that says nothing ("with", "every"). One word beyond those ("reminders", "ratings",
"weekly") asks for something the app doesn't do, and the feature is planned.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from livebuild.brief.model import Entity
from livebuild.english.inflections import all_lemmas

_LISTS = ("does", "records", "filler")  # each word in one of them
_WORD = re.compile(r"[a-z]+")


class FeatureWordsError(ValueError):
    """`feature_words.toml` is missing a list, or has a word that is not one lowercase word,
    that stands in two lists, or that only the finished app does but the app doesn't."""


@dataclass(frozen=True)
class FeatureWords:
    does: frozenset[str]
    records: frozenset[str]
    filler: frozenset[str]
    # What only the finished app does: search, filter, the dashboard, spreadsheets.
    later: frozenset[str]

    def covered(self, finished: bool) -> frozenset[str]:
        does = self.does if finished else self.does - self.later
        return does | self.records | self.filler


def parse_feature_words(data: Mapping[str, object]) -> FeatureWords:
    """The lists of `data`, checked: each a list of distinct lowercase words, and what only
    the finished app does among what the app does."""
    lists: dict[str, frozenset[str]] = {}
    seen: set[str] = set()
    for key in _LISTS:
        words = data.get(key)
        if not isinstance(words, list) or not words:
            raise FeatureWordsError(f"{key}: a non-empty list of words is needed")
        for word in words:
            if not isinstance(word, str) or not re.fullmatch(r"[a-z]+", word):
                raise FeatureWordsError(f"{key}: {word!r} is not one lowercase word")
            if word in seen:
                raise FeatureWordsError(f"{key}: {word!r} stands in two lists or twice")
            seen.add(word)
        lists[key] = frozenset(words)
    later = data.get("later")
    if not isinstance(later, list) or not later or not set(later) <= lists["does"]:
        raise FeatureWordsError("later: a non-empty list of words of `does` is needed")
    return FeatureWords(**lists, later=frozenset(later))


@functools.cache
def feature_words() -> FeatureWords:
    text = resources.files("livebuild.brief").joinpath("feature_words.toml").read_text("utf-8")
    return parse_feature_words(tomllib.loads(text))


def _forms(word: str) -> set[str]:
    """`word` and its dictionary forms ("ratings" -> "rating", "tracking" -> "track")."""
    forms = {word}
    for lemmas in all_lemmas(word).values():
        forms.update(lemmas)
    return forms


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def plan_words(entities: Iterable[Entity]) -> frozenset[str]:
    """Every form of every word naming the plan's kinds, their fields and their choices."""
    words: set[str] = set()
    for entity in entities:
        said = [entity.singular, entity.plural]
        for field in entity.fields:
            said += [field.label, field.name.replace("_", " "), *field.choices]
        for word in _words(" ".join(said)):
            words |= _forms(word)
    return frozenset(words)


def uncovered(feature: str, entities: Sequence[Entity], finished: bool = True) -> list[str]:
    """The words of `feature` that name nothing the plan's app has or does (`finished`: the
    finished app, with search and the dashboard; else an early build's lists and forms)."""
    covered = feature_words().covered(finished) | plan_words(entities)
    return [w for w in _words(feature) if not (_forms(w) & covered)]


def _names_the_app(feature: str, entities: Sequence[Entity], finished: bool) -> bool:
    """Whether `feature` names a part of the app: one of the plan's kinds, fields or choices,
    or a page every finished app has ("dashboard", "search"); "Do it" and "Be at" name none."""
    named = plan_words(entities) | (feature_words().later if finished else frozenset())
    return any(_forms(w) & named for w in _words(feature))


def is_built(feature: str, entities: Sequence[Entity], finished: bool = True) -> bool:
    """Whether the app of a plan with `entities` does all `feature` says, and `feature` names
    a part of it."""
    return _names_the_app(feature, entities, finished) and not uncovered(
        feature, entities, finished
    )


def planned_features(
    features: Iterable[str], entities: Sequence[Entity], finished: bool = True
) -> list[str]:
    """The `features` the app of a plan with `entities` doesn't do yet, in their order."""
    return [f for f in features if not is_built(f, entities, finished)]
