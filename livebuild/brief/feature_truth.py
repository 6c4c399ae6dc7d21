"""Whether the app a plan builds does what a feature of the plan says, in the feature's words.

A plan's features are wishes in plain words: "Pet profiles with care notes", "Reminders for
vet check-ups". The guide and the app list what the app does and what is only planned; this
is the one judge both use, so neither says the app lacks what it has, nor has what it lacks.

A feature is built when every word of it is covered: a word naming one of the plan's record
kinds, fields or choices in its own form ("pet", "care notes"; a choice "Sent" is not "send"),
a word for what every finished app does with its records (add, search, filter, a dashboard of
totals: `feature_words.toml`), or a word that says nothing ("with", "every"). One word beyond
those ("reminders", "ratings", "weekly") asks for something the app doesn't do, and the
feature is planned. So is a wish with a word the app never does whatever the plan names
("live", "email", "pay"), a wish for what people other than the owner would do ("Clients book
appointments"), and a wish whose word needs a part the kind lacks (a calendar without a date,
a history without a link to it, "filter by X" when the list doesn't filter by X). When
unsure, planned: a false "built" reads to the founder as done.
"""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from livebuild.brief.model import Entity, Field
from livebuild.english.inflections import all_lemmas

_LISTS = ("does", "records", "filler", "never")  # each word in one of them
_PARTS = ("later", "needs_date", "needs_link", "needs_status", "needs_notes")  # each in `does`
_WORD = re.compile(r"[a-z]+")
# The app's own cards for what the finished app does (`appgen/files/home.built_features`).
APP_CARDS = ("search and filter every list", "a dashboard with live totals")


class FeatureWordsError(ValueError):
    """`feature_words.toml` is missing a list, or has a word that is not one lowercase word,
    that stands in two lists, or that needs a part or only the finished app does but the app
    doesn't."""


@dataclass(frozen=True)
class FeatureWords:
    does: frozenset[str]
    records: frozenset[str]
    filler: frozenset[str]
    never: frozenset[str]
    # What only the finished app does: search, filter, the dashboard, spreadsheets.
    later: frozenset[str]
    needs_date: frozenset[str]
    needs_link: frozenset[str]
    needs_status: frozenset[str]
    needs_notes: frozenset[str]
    by_people: frozenset[str]

    def covered(self, finished: bool) -> frozenset[str]:
        does = self.does if finished else self.does - self.later
        return does | self.records | self.filler


def _word_list(data: Mapping[str, object], key: str) -> frozenset[str]:
    words = data.get(key)
    if not isinstance(words, list) or not words:
        raise FeatureWordsError(f"{key}: a non-empty list of words is needed")
    for word in words:
        if not isinstance(word, str) or not re.fullmatch(r"[a-z]+", word):
            raise FeatureWordsError(f"{key}: {word!r} is not one lowercase word")
    if len(set(words)) != len(words):
        raise FeatureWordsError(f"{key}: a word stands twice")
    return frozenset(words)


def parse_feature_words(data: Mapping[str, object]) -> FeatureWords:
    """The lists of `data`, checked: each a list of distinct lowercase words, no word in two
    of `_LISTS`, and what needs a part or only the finished app does among what it does."""
    lists: dict[str, frozenset[str]] = {}
    seen: set[str] = set()
    for key in _LISTS:
        lists[key] = _word_list(data, key)
        if seen & lists[key]:
            raise FeatureWordsError(f"{key}: {sorted(seen & lists[key])} stand in two lists")
        seen |= lists[key]
    for key in _PARTS:
        lists[key] = _word_list(data, key)
        if not lists[key] <= lists["does"]:
            raise FeatureWordsError(f"{key}: only words of `does` belong here")
    return FeatureWords(**lists, by_people=_word_list(data, "by_people"))


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


def _nouns(word: str) -> set[str]:
    """`word` as a noun, one or many ("pets" -> "pet"; "membership" -> "member"): a plan's
    name covers a word only in its own sense, so a choice "Sent" never covers "send"."""
    forms = {word, *all_lemmas(word).get("NOUN", ())}
    if word.endswith("ship") and len(word) > 6:
        forms.add(word[:-4])
    return forms


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _said(entity: Entity) -> list[str]:
    said = [entity.singular, entity.plural]
    for field in entity.fields:
        said += [field.label, field.name.replace("_", " "), *field.choices]
    return said


def _names(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(n for w in _words(" ".join(texts)) for n in _nouns(w))


def plan_words(entities: Iterable[Entity]) -> frozenset[str]:
    """Every noun form of every word naming the plan's kinds, their fields and their choices."""
    return _names(t for e in entities for t in _said(e))


def uncovered(feature: str, entities: Sequence[Entity], finished: bool = True) -> list[str]:
    """The words of `feature` that name nothing the plan's app has or does (`finished`: the
    finished app, with search and the dashboard; else an early build's lists and forms)."""
    covered, plan = feature_words().covered(finished), plan_words(entities)
    return [w for w in _words(feature) if not (_forms(w) & covered or _nouns(w) & plan)]


def _names_the_app(feature: str, entities: Sequence[Entity], finished: bool) -> bool:
    """Whether `feature` names a part of the app: one of the plan's kinds, fields or choices,
    or a page every finished app has ("dashboard", "search"); "Do it" and "Be at" name none."""
    later = feature_words().later if finished else frozenset()
    plan = plan_words(entities)
    return any(_forms(w) & later or _nouns(w) & plan for w in _words(feature))


def _named_kinds(words: Sequence[str], entities: Sequence[Entity]) -> list[Entity]:
    """The kinds the wish names ("lesson calendar": Lessons); else the kinds one of whose fields
    it names ("calendar of due dates"); else every kind."""
    nouns = {n for w in words for n in _nouns(w)}
    named = [e for e in entities if _names([e.singular, e.plural]) & nouns]
    if named:
        return named
    fields = [e for e in entities if _names(f.label for f in e.fields) & nouns]
    return fields or list(entities)


def _has_part(part: str, kinds: Sequence[Entity], entities: Sequence[Entity]) -> bool:
    """Whether one of `kinds` has the part a word needs: "date" (a date field: the calendar),
    "link" (records of another kind link to it: its history), "status" (a Status field),
    "notes" (a long-text or notes field)."""
    for kind in kinds:
        fields = kind.fields
        if part == "date" and any(f.kind in ("date", "datetime") for f in fields):
            return True
        if part == "link" and any(
            f.kind == "link" and f.links_to == kind.slug for e in entities for f in e.fields
        ):
            return True
        if part == "status" and any("status" in _names([f.label]) for f in fields):
            return True
        if part == "notes" and any(
            f.kind == "longtext" or "note" in _names([f.label]) for f in fields
        ):
            return True
    return False


def _by_fields(words: Sequence[str], verb: str) -> list[str]:
    """The words after "by" in a wish that `verb`s ("filter dishes by region": ["region"])."""
    at = next((i for i, w in enumerate(words) if verb in _forms(w)), None)
    if at is None or "by" not in words[at:]:
        return []
    after = words[words.index("by", at) + 1 :]
    return [w for w in after if w not in feature_words().filler]


def _sorts_and_filters(words: Sequence[str], kinds: Sequence[Entity]) -> bool:
    """Whether every "filter by X" names the field a list filters by (its first choice field)
    and every "sort by X" one of its table's columns."""
    choice = [next((f.label for f in k.fields if f.kind == "choice"), "") for k in kinds]
    columns = [f.label for k in kinds for f in table_fields(k)]
    for verb, labels in (("filter", _names(choice)), ("sort", _names(columns))):
        if any(not (_nouns(w) & labels) for w in _by_fields(words, verb)):
            return False
    return True


def table_fields(entity: Entity) -> list[Field]:
    """The columns of a kind's list, as the generated app shows them: its first field, then up
    to four more, long texts last. The app's `records.table_fields` (the template of a generated
    app, which imports nothing of livebuild) must agree: `tests/unit/test_feature_truth_columns.py`
    runs both on the same plans."""
    rest = [f for f in entity.fields[1:] if f.kind != "longtext"]
    rest += [f for f in entity.fields[1:] if f.kind == "longtext"]
    return [*entity.fields[:1], *rest[:4]]


def _never(words: Sequence[str], entities: Sequence[Entity]) -> bool:
    """Whether the wish asks for what the app never does ("live", "email X", "pay"): a field's
    or choice's own word, not the wish's first, is only what the app keeps ("paid bills")."""
    own = {w for e in entities for f in e.fields for w in _words(" ".join([f.label, *f.choices]))}
    never = feature_words().never
    return any(_forms(w) & never and (i == 0 or w not in own) for i, w in enumerate(words))


def _by_people(words: Sequence[str], entities: Sequence[Entity]) -> bool:
    """Whether the wish is something people other than the owner would do: a kind's name,
    many of them, followed by what they do ("Clients book appointments", "Members check in";
    not "Harvest log", one harvest's log)."""
    kinds = _names(t for e in entities for t in (e.singular, e.plural))
    people = {_words(e.plural)[-1] for e in entities if _words(e.plural)}
    does = feature_words().by_people
    return any(
        a in people and _forms(b) & does and not _nouns(b) & kinds
        for a, b in itertools.pairwise(words)
    )


def beyond_the_app(words: Sequence[str], entities: Sequence[Entity]) -> bool:
    """Whether a wish whose words the plan covers still asks for more than the app does."""
    if _never(words, entities) or _by_people(words, entities):
        return True
    kinds, lists = _named_kinds(words, entities), feature_words()
    needs = {
        "date": lists.needs_date,
        "link": lists.needs_link,
        "status": lists.needs_status,
        "notes": lists.needs_notes,
    }
    for part, needing in needs.items():
        if any(_forms(w) & needing for w in words) and not _has_part(part, kinds, entities):
            return True
    return not _sorts_and_filters(words, kinds)


def is_built(feature: str, entities: Sequence[Entity], finished: bool = True) -> bool:
    """Whether the app of a plan with `entities` does all `feature` says, and `feature` names
    a part of it."""
    said = feature.strip().lower()
    if said in APP_CARDS:
        return finished
    plurals = [e.plural.lower() for e in entities]
    if said in {f"add, edit and delete {p}" for p in plurals}:
        return True  # the app's own card for each kind, whatever the kind is called
    if said in {f"search and filter {p}" for p in plurals}:
        return finished
    return (
        _names_the_app(feature, entities, finished)
        and not uncovered(feature, entities, finished)
        and not beyond_the_app(_words(feature), entities)
    )


def planned_features(
    features: Iterable[str], entities: Sequence[Entity], finished: bool = True
) -> list[str]:
    """The `features` the app of a plan with `entities` doesn't do yet, in their order."""
    return [f for f in features if not is_built(f, entities, finished)]
