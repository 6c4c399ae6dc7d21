"""A new field asked for by the word for a field, read by its grammar: "jumpers need a medical
conditions box — asthma, epilepsy, that kind of thing", "Students' allergies need their own
field, separate from dietary needs", "A notes box on sessions for how the dog coped would be
handy".

A noun that is a word for a field (the [lists] field_words of change_words.toml: "box",
"field", "column") names the new field by the nouns before it ("medical conditions box"), else
by what it is "for" ("a box for how the dog coped"), else, said as "their own field", by the
subject that needs it ("allergies"). Examples after a dash or a colon say what goes in it, and
are never fields of their own. The record kind it goes on is one the request names surely; a
field the kind already has, or a request to make, rename or remove something, is left to the
other readers. It is restated as the plain "add X to Y" and read as any other.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from livebuild.brief.change_names import find_entity, find_field
from livebuild.brief.change_words import field_words, kind_word
from livebuild.brief.model import Brief, Entity
from livebuild.english.nlp import parsed
from livebuild.english.words import word_gate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MAX_CHARS = 300
_SPACED_HYPHEN = re.compile(r" - ")
_MOST_WORDS = 6  # the longest name a field is given from a phrase
# Verbs of changing what is there: a field word said with one is about an existing field.
_CHANGING = frozenset(
    {"make", "change", "turn", "rename", "remove", "delete", "drop", "move", "call", "hide"}
)


@functools.cache
def _gate() -> re.Pattern[str]:
    return word_gate(field_words())


def field_by_word(brief: Brief, part: str) -> str | None:
    """The plain "add X to Y" `part` asks for, or None."""
    if _gate().search(part) is None:
        return None
    # A hyphen with spaces round it is a dash ("an injuries box - knees, backs"), which the
    # tagger otherwise joins into one word; the text keeps its length.
    doc = parsed(_SPACED_HYPHEN.sub(" \u2014 ", part[:_MAX_CHARS]))
    if any(t.lemma_.lower() in _CHANGING and t.pos_ == "VERB" for t in doc):
        return None
    if doc[0].lower_ == "add":
        return None  # a plain order ("add furnished and a parking space field"): read as said
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in field_words():
            continue
        name = _name(noun)
        if not name or len(name) > _MOST_WORDS:
            continue
        owner = _owner(brief, doc, {t.i for t in name} | {noun.i})
        said = " ".join(t.text for t in name)
        if owner is None:
            continue
        has = find_field(brief, said, owner)
        if has is not None and has.sure:
            continue
        return f"add {said} to {owner.plural}"
    return None


def _name(field: Token) -> list[Token]:
    """The words that name the field `field` is the word for."""
    compounds = [c for c in field.lefts if c.dep_ == "compound"]
    named = sorted((t for c in compounds for t in c.subtree if t.dep_ != "det"), key=lambda t: t.i)
    if named and kind_word(" ".join(t.lower_ for t in (*named, field))) is None:
        return named
    for prep in (c for c in field.rights if c.dep_ == "prep" and c.lower_ == "for"):
        said = [t for t in prep.subtree if t.i != prep.i]
        while said and said[0].dep_ in ("det", "poss", "case"):  # "the dog's weight"
            said = said[1:]
        if said:
            return said
    if any(c.lower_ == "own" for c in field.lefts) and field.dep_ == "dobj":
        subject = next((c for c in field.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ == "NOUN":
            lefts = [c for c in subject.lefts if c.dep_ in ("compound", "amod")]
            return [*lefts, subject]
    return []


def _owner(brief: Brief, doc: Doc, taken: set[int]) -> Entity | None:
    """The record kind the request names surely, outside the field's own words."""
    for noun in doc:
        if noun.i in taken or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        if noun.dep_ not in ("nsubj", "poss", "pobj", "dobj", "ROOT"):
            continue
        found = find_entity(brief, noun.text)
        if found is not None and found.sure:
            return found.entity
    return None
