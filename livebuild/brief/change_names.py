"""Finding what a request names among the plan's own records, fields and features.

Names match whatever their number ("member", "Members") and despite a slip of the keys
("memebers"): a close match is taken as meant, a looser one only offered back to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from livebuild.brief.change_wordlists import words
from livebuild.brief.change_words import ARTICLES, unquote
from livebuild.brief.model import Brief, Entity, Field
from livebuild.brief.text import singular
from livebuild.english.inflections import lemma

_SAME = words().same
SURE = 85.0
UNSURE = 72.0
_SHORT = 4  # names this short must match exactly: "age" is not "page"

_TRAILING = re.compile(
    r"\s+(?:field|column|page|records?|section|list|tab|table|options?|choices|dropdown|"
    r"menu|entries|info|details)$",
    re.I,
)


@dataclass(frozen=True)
class Found:
    entity: Entity
    score: float

    @property
    def sure(self) -> bool:
        return self.score >= SURE


@dataclass(frozen=True)
class FoundField:
    entity: Entity
    field: Field
    score: float

    @property
    def sure(self) -> bool:
        return self.score >= SURE


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """A name reduced to compare: lower case, no article, singular, single spaces."""
    text = unquote(text).lower()
    while ARTICLES.match(text):
        text = ARTICLES.sub("", text, count=1)
    text = _TRAILING.sub("", text)
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    words = text.split()
    if words:
        words[-1] = singular(words[-1])
    return " ".join(words)


# A word and the same word made into a doer, an act or a state are two names, not a slip of
# the keys: cleans and cleaners, collections and collectors, walks and walkers, members and
# memberships, inspections and inspectors.
_MAKING = ("ation", "ion", "ment", "ship", "ing", "er", "or", "ist", "ee")
_ENDINGS = (*_MAKING, "e")


def _stems(word: str) -> set[tuple[str, str]]:
    found = {(word, "")}
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            found.add((word[: -len(ending)], ending))
    return found


@lru_cache(maxsize=8192)
def derived(said: str, name: str) -> bool:
    """Whether two names are one word with different word-making endings ("cleaner", "clean")."""
    if said == name:
        return False
    return any(
        stem == other and {end, other_end} & set(_MAKING) and end != other_end
        for stem, end in _stems(said)
        for other, other_end in _stems(name)
    )


# A request's every phrase is held against every name of the plan (a million comparisons a few
# hundred requests): the same pairs come again request after request, so each is scored once.
@lru_cache(maxsize=1 << 16)
def similarity(said: str, name: str) -> float:
    if said == name:
        return 100.0
    if min(len(said), len(name)) <= _SHORT or derived(said, name):
        return 0.0
    score = float(fuzz.ratio(said, name))
    if len(said) >= 6 and said in name:
        score = max(score, 86.0)  # "appointment" of a name typed twice, "AppointmentsAppointment"
    # A slip of the keys seldom hits the first letter: "tenents" is tenants. A name only like
    # another with a different first letter is another word ("donations" is no "location").
    if said[0] == name[0]:
        return min(99.0, score + 4.0)
    return score if score >= SURE else 0.0


_BOX = re.compile(r"\s+(?:box|field|column|section|space|bit|spot|area)$", re.I)


def already_kept(entity: Entity, label: str) -> Field | None:
    """The field of `entity` a new field `label` is already: the same name whatever its number
    or the word for a field after it ("a notes box" is Notes), or a slip of the keys of it."""
    said = key(_BOX.sub("", label.strip()))
    if not said:
        return None
    for field in entity.fields:
        kept = key(field.label)
        if kept == said or (min(len(kept), len(said)) >= 6 and fuzz.ratio(kept, said) >= 92):
            return field
    return None


def _compact(text: str) -> str:
    """A name said as one word, each "-ing" word as its verb: "the waiting list" is "waitlist",
    "a wait list" too, to match a kind called Waitlist entries."""
    said = unquote(text).lower()
    while ARTICLES.match(said):
        said = ARTICLES.sub("", said, count=1)
    words = re.sub(r"[^a-z0-9 ]+", " ", said).split()
    if not 1 < len(words) <= 3:
        return ""
    made = [lemma(w, "VERB")[0] if w.endswith("ing") and len(w) > 5 else w for w in words]
    return "".join(made[:-1]) + singular(made[-1])


def find_entity(brief: Brief, text: str) -> Found | None:
    said = key(text)
    if not said:
        return None
    # "the kids" are Children; a plan that calls them Kids still has them by that name.
    saids = {said, _SAME.get(said, said)}
    compact = _compact(text)
    best: Found | None = None
    for entity in brief.entities:
        names = {key(entity.singular), key(entity.plural), key(entity.slug.replace("-", " "))}
        score = max(similarity(one, name) for name in names for one in saids)
        if compact and compact in {n.replace(" ", "") for n in names}:
            score = max(score, SURE + 5.0)
        if score >= UNSURE and (best is None or score > best.score):
            best = Found(entity, score)
    if best is None or not best.sure:
        return _by_head(brief, saids) or best
    return best


def _by_head(brief: Brief, saids: set[str]) -> Found | None:
    """A kind called by the last word of its name, the word that says what it is: "shifts"
    are the Cleaning shifts, "donations" the Food donations, when no other kind ends so."""
    said = next((one for one in saids if " " not in one and len(one) > _SHORT), None)
    # "the shift" beside a field called Preferred shift may mean that field, and "notes" any
    # kind's Notes: a word a field's label ends with is asked about, never read as the kind.
    # A kind's title field is called by the kind's own name ("Cleaning shift"): not another.
    kinds = {key(name) for e in brief.entities for name in (e.singular, e.plural)}
    labels = [key(f.label) for e in brief.entities for f in e.fields]
    if said is None or any(x.split()[-1:] == [said] for x in labels if x not in kinds):
        return None
    ending = [
        entity
        for entity in brief.entities
        if any(key(name).split()[-1:] == [said] for name in (entity.singular, entity.plural))
    ]
    return Found(ending[0], SURE) if len(ending) == 1 else None


def _in(entity: Entity, said: str) -> FoundField | None:
    best: FoundField | None = None
    for candidate in entity.fields:
        score = max(similarity(said, key(candidate.label)), similarity(said, key(candidate.name)))
        if score >= UNSURE and (best is None or score > best.score):
            best = FoundField(entity, candidate, score)
    return best


def find_field(brief: Brief, text: str, owner: Entity | None = None) -> FoundField | None:
    """The field `text` names: "price", "price on orders", "orders' price", "order price"."""
    said = unquote(text).lower()
    while ARTICLES.match(said):
        said = ARTICLES.sub("", said, count=1)
    said = _TRAILING.sub("", said)
    if owner is None:
        located = _with_owner(brief, said)
        if located is not None:
            return located
    scopes = [owner] if owner is not None else list(brief.entities)
    words = said.split()
    # "the appointment status": failing the whole, the name at its end.
    for start in range(min(len(words), 4)):
        best: FoundField | None = None
        for entity in scopes:
            found = _in(entity, key(" ".join(words[start:])))
            if found is not None and (best is None or found.score > best.score):
                best = found
        if best is not None and (start == 0 or best.sure):
            return best
    return None


def _with_owner(brief: Brief, said: str) -> FoundField | None:
    possessive = re.match(r"^(?P<owner>.+?)(?:'s|s'|’s|s’)\s+(?P<field>.+)$", said)
    on = re.match(
        r"^(?P<field>.+?)\s+(?:on|of|in|for|from)\s+(?:the\s+|each\s+|every\s+)?(?P<owner>.+)$",
        said,
    )
    for match in (possessive, on):
        if match is None:
            continue
        owner = find_entity(brief, match["owner"])
        if owner is not None:
            found = _in(owner.entity, key(match["field"]))
            if found is not None:
                return found
    # "class capacity": an owner named before the field.
    words = said.split()
    for cut in range(1, min(len(words), 4)):
        owner = find_entity(brief, " ".join(words[:cut]))
        if owner is not None and owner.sure:
            found = _in(owner.entity, key(" ".join(words[cut:])))
            if found is not None:
                return found
    return None


def find_feature(brief: Brief, text: str) -> str | None:
    said = unquote(text).lower()
    said = re.sub(r"\s+features?$", "", ARTICLES.sub("", said))
    if not said:
        return None
    for feature in brief.features:
        if said == feature.lower() or (len(said) >= 4 and said in feature.lower()):
            return feature
    scored = [(fuzz.ratio(said, f.lower()), f) for f in brief.features]
    best = max(scored, default=(0.0, ""))
    return best[1] if best[0] >= SURE else None
