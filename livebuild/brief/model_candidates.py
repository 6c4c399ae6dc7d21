"""The words a model may choose from when it reads an idea: records and details.

The English layer reads the idea once (typos corrected, lemmas, noun phrases); from its noun
phrases come the *record* candidates (the rules' own check drops what can never be a record:
an analogy such as "Airbnb", a verb, a number, a time, an attribute, the founder's own
business or the product) and the *detail* candidates (every noun the idea says, and the
attributes the rules know, such as "price" or "due date"). The model picks among them; its
answer is held to them by the schema, so no word it makes up is ever applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from livebuild.brief.reading import FUNCTION
from livebuild.brief.text import wordset
from livebuild.english.forms import singular
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Phrase, Reading
from livebuild.english.records import candidate

MAX_CANDIDATES = 24
# Names the rules allow: lowercase words, a space or hyphen between them, 3 to 24 letters.
NAME = re.compile(r"[a-z][a-z -]{1,22}[a-z]")
# Verbs and prepositions by which a founder names their own business ("I run", "for my gym").
_RUNS = frozenset({"run", "own", "manage", "be"})
_PLACES = frozenset({"for", "at", "in"})
_NOT_KEEPING = frozenset({"run", "own", "build", "make", "want", "need", "use", "be", "create"})
# Words for the product itself: never one of its records.
_PRODUCT = wordset(
    """app apps application platform website site web system software saas tracker dashboard
    portal hub idea startup solution crm erp database track list way thing stuff"""
)


@dataclass(frozen=True)
class Candidates:
    """What the model may name: records (rules-checked) and details, in the idea's order."""

    records: tuple[str, ...]
    details: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.records, *self.details)))


def _candidate_phrase(reading: Reading, modifiers: tuple[str, ...], head: str) -> str:
    """ "boat slip" where a noun qualifies the head, else the head alone ("slip")."""
    words = lexicon()
    if modifiers:
        last = modifiers[-1]
        tags = reading.tags_of(last)
        if tags and tags <= {"NN", "NNS"} and last not in words.generic and last.isalpha():
            return f"{last} {head}"
    return head


def _founders_own(phrase: Phrase) -> bool:
    """ "for *my climbing gym*", "I run *a makerspace*", "manage *our* fire brigade": the
    business, not what it keeps."""
    runs = phrase.verb in _RUNS and (phrase.subject in ("i", "we") or phrase.mine)
    return runs or (phrase.mine and phrase.preposition in _PLACES and not phrase.listed)


def _owner(reading: Reading, phrase: Phrase) -> tuple[str, ...]:
    """ "their owners phone numbers": the plural before a detail owns it (an apostrophe left
    out), so the owner is a candidate too."""
    first = phrase.modifiers[0] if phrase.modifiers else ""
    if phrase.head in lexicon().attributes and "NNS" in reading.tags_of(first):
        return (singular(first),)
    return ()


def _kept(phrase: Phrase) -> bool:
    """A general noun the idea keeps all the same: "track members, *tools* and loans"."""
    kept = phrase.role in ("dobj", "conj", "appos") and phrase.verb not in _NOT_KEEPING
    return phrase.head not in _PRODUCT and (phrase.listed or kept)


def _said(reading: Reading, phrase: Phrase) -> bool:
    """Whether the phrase is a noun the idea says at all (not an analogy, a name or a verb)."""
    words = lexicon()
    head = phrase.head.lower()
    return not (
        _founders_own(phrase)
        or phrase.proper
        or not NAME.fullmatch(head)
        or (head in words.generic and not _kept(phrase))
        or head in words.brands
        or head in FUNCTION
    )


def _record(reading: Reading, phrase: Phrase) -> bool:
    """The rules' check: a noun that may name a record (a general one only where it is kept)."""
    if phrase.head in lexicon().generic:
        return _kept(phrase) and not phrase.bracketed
    return candidate(reading, phrase)


def candidates(reading: Reading) -> Candidates:
    """The idea's nouns that may be records, and those (with the rules' attributes) that may
    be details, each list in the order the idea says them."""
    records: list[str] = []
    said: list[str] = []
    for phrase in reading.phrases:
        if not _said(reading, phrase):
            continue
        names = (
            *_owner(reading, phrase),
            _candidate_phrase(reading, phrase.modifiers, phrase.head.lower()),
            phrase.head.lower(),
        )
        for name in names:
            if name in said or not NAME.fullmatch(name):
                continue
            said.append(name)
            owner = name not in names[-2:]
            if owner or (_record(reading, phrase) and not _detail_word(name)):
                records.append(name)
    return Candidates(tuple(records[:MAX_CANDIDATES]), tuple(said[:MAX_CANDIDATES]))


def _detail_word(name: str) -> bool:
    """ "pickup date", "tag number", "phone": a detail of a record, never a record itself."""
    words = lexicon()
    last = name.split()[-1]
    return last in words.attributes or last in words.text_identifiers or last in words.times
