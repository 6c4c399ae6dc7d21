"""A field made a choice, or made plain text again, as it is said in passing, read by its
grammar: "fitter on jobs - a dropdown with Dave, Kev and Sam would be better than typing",
"Accepted on quotes needs more than yes/no: Accepted, Declined, Maybe", "Hamper size shouldn't
be a dropdown, just let me type it".

A part that names a field of the plan (resolved against the plan's own names, only when sure)
and a choice kind (the choice words of change_words.toml: "dropdown", "yes/no", …) is a wish
for that field to be a choice of the values it lists: after a colon, or the list a choice word
is "with" or "of" (spaCy's conjuncts). Said under a negation ("shouldn't be a dropdown") of a
field that is a choice, the field becomes plain text. With no values and no negation, nothing
is read here and the other readers answer as before. Made through the plain "make X a choice
of …", so every check of that request still applies.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from livebuild.brief.change_intents import Refused, Unsure, make
from livebuild.brief.change_names import FoundField, find_entity, find_field
from livebuild.brief.change_ops import Operation
from livebuild.brief.change_words import choice_words, values
from livebuild.brief.model import Brief
from livebuild.english.nlp import parsed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_MAX_CHARS = 300
_SPACED_HYPHEN = re.compile(r" - ")
_MOST_WORDS = 4  # the most words one value has
_LISTING = frozenset({"with", "of", "like"})
_ON = frozenset({"on", "in", "for"})  # where a field is: "fitter on jobs"


@functools.cache
def _gate() -> re.Pattern[str]:
    words = sorted(choice_words(), key=len, reverse=True)
    return re.compile(
        r"(?<![\w/])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w/])", re.I
    )


def choice_said(brief: Brief, part: str) -> list[Operation]:
    """The choice (or plain text) `part` wishes a field to be, or nothing."""
    text = _SPACED_HYPHEN.sub(" \u2014 ", part[:_MAX_CHARS])  # a dash, not a hyphen
    said = _gate().search(text)
    if said is None:
        return []
    doc = parsed(text)
    kind = next((t for t in doc if t.idx <= said.start() < t.idx + len(t.text) + 1), None)
    if kind is None:
        return []
    listed = _values(doc, text, kind)
    found = _field_named(brief, doc[: kind.i])
    if found is None:
        return []
    what = f"{found.field.label} on {found.entity.plural}"
    try:
        if _negated(kind):
            return make(brief, what, "text", None) if found.field.kind == "choice" else []
        if found.field.kind == "choice" or len(listed) < 2:
            return []  # a choice's new options are read by the readers of added options
        if found.field.label.lower() in {v.lower() for v in listed[1:]}:
            return []
        return make(brief, what, "choice", ", ".join(listed))
    except (Refused, Unsure):
        return []


def _negated(kind: Token) -> bool:
    """ "shouldn't be a dropdown", "not a dropdown": the kind is what the field is not to be."""
    for token in (kind, *kind.ancestors):
        if any(c.dep_ == "neg" for c in token.children):
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def _values(doc: Doc, text: str, kind: Token) -> list[str]:
    """The values listed after a colon, or the list the choice word is "with" or "of"."""
    _, colon, after = text.partition(":")
    if colon and text.index(":") > kind.idx:
        listed = values(after.strip(" .!?"))
    else:
        listed = []
        for prep in (c for c in kind.children if c.dep_ == "prep" and c.lower_ in _LISTING):
            first = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if first is not None:
                listed = [_value(t) for t in (first, *first.conjuncts)]
    return [v for v in listed if v and len(v.split()) <= _MOST_WORDS]


def _value(token: Token) -> str:
    said = [t for t in token.subtree if t.dep_ in ("compound", "amod") or t.i == token.i]
    return " ".join(t.text for t in sorted(said, key=lambda t: t.i))


def _field_named(brief: Brief, before: Span) -> FoundField | None:
    """The field of the plan a noun before the choice word names: "fitter on jobs", "Hamper
    size" (a value listed after it may share the field's name: "Accepted: Accepted, …")."""
    for noun in before:
        if noun.dep_ == "compound":
            continue
        # "Paid on invoices", whatever the tagger made of "Paid"; "invoices" alone is a kind.
        placed = any(c.dep_ == "prep" and c.lower_ in _ON for c in noun.rights)
        if noun.pos_ not in ("NOUN", "PROPN") and not placed:
            continue
        kind = find_entity(brief, noun.text)
        if kind is not None and kind.sure:
            continue
        found = find_field(brief, _phrase(noun))
        if found is not None and found.sure:
            return found
    return None


def _phrase(noun: Token) -> str:
    """The noun with the words that say which ("Hamper size") and where ("on jobs")."""
    said = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod")] + [noun]
    for prep in (c for c in noun.rights if c.dep_ == "prep" and c.lower_ in _ON):
        owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if owner is not None:
            said += [prep, *(t for t in owner.lefts if t.dep_ == "compound"), owner]
    return " ".join(t.text for t in said)
