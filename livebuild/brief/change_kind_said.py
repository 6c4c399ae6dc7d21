"""A field's kind changed as it is said in passing, read by its grammar: "final moisture on kiln
batches is text but it's always a number - can it be a number", "Tune on dances - could it be
a bigger box?", "Height is free text right now. Make it a number (cm)".

A wish (a verb of being or making with "can", "could", "should", "needs to", or said as an
order) whose subject is a field of the plan, or "it" said of the field the request named just
before, and whose complement is a kind ("a number", "normal text", "a bigger box": the kinds of
change_words.toml) changes that field's kind. "Height is free text right now" only says what
it is, and changes nothing. spaCy's parse finds the verb, its subject and its complement; the
field is resolved against the plan's own names.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

from livebuild.brief.change_intents import Refused, Unsure, make
from livebuild.brief.change_names import FoundField, find_field
from livebuild.brief.change_ops import Operation
from livebuild.brief.change_words import kind_word
from livebuild.brief.model import Brief
from livebuild.brief.schema import KIND_NAMES
from livebuild.english.nlp import parsed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The part read before this one in the same request: "it" may be a field it named.
SAID_BEFORE: ContextVar[str | None] = ContextVar("change_said_before", default=None)

_BECOMING = frozenset({"be", "make", "turn", "change", "switch", "become"})
_WISHING = frozenset({"can", "could", "should", "would", "will", "must", "need", "ought"})
_ORDERS = frozenset({"make", "turn", "change", "switch"})
_IT = frozenset({"it", "that", "this"})
_KINDS_WITHOUT_CHOICES = frozenset({"text", "longtext", "number", "money", "date", "email"})
# Names of a field that say its kind whole: "a phone number" is a phone, not a number.
_NAMED = {
    "phone number": "phone",
    "mobile number": "phone",
    "telephone number": "phone",
    "contact number": "phone",
    "email address": "email",
    "web address": "url",
    "website address": "url",
}


def kind_said(brief: Brief, part: str) -> list[Operation]:
    """The kind change `part` wishes for, or nothing."""
    if not any(word in part.lower() for word in _BECOMING):
        return []
    doc = parsed(part[:300])
    for verb in doc:
        if verb.lemma_.lower() not in _BECOMING or not _wished(verb):
            continue
        subject = _subject(verb)
        kind = _kind_after(verb, subject)
        if subject is None or kind is None or _denied_or_asked(verb, subject):
            continue
        found = _field_meant(brief, doc, subject)
        if found is None or found.field.kind in (kind_word(kind), _NAMED.get(kind)):
            continue
        # Made as a plain "make X a number" is: a postal code or a phone stays text.
        try:
            return make(brief, f"{found.field.label} on {found.entity.plural}", kind, None)
        except (Refused, Unsure):
            return []
    return []


_ASKING = frozenset({"should", "shall"})
_DOUBT = frozenset({"not", "never", "n't", "no"})


def _denied_or_asked(verb: Token, subject: Token) -> bool:
    """ "shouldn't be", "should never be", "I'm not sure it should be", "should it be ...?":
    said not to be, or asked about, never wished."""
    for token in (verb, *verb.ancestors):
        if any(c.dep_ == "neg" or c.lower_ in _DOUBT for c in token.children):
            return True
    return any(
        c.dep_ == "aux" and c.lemma_.lower() in _ASKING and c.i < subject.i for c in verb.children
    )


def _subject(verb: Token) -> Token | None:
    """What is to become something: "can *it* be", "make *it* a number" (which the parser
    may hang on "number")."""
    for token in (verb, *(c for c in verb.children if c.dep_ in ("ccomp", "oprd", "attr"))):
        found = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")), None)
        if found is not None and found.i != verb.i:
            return found
    return None


def _wished(verb: Token) -> bool:
    """ "can it be", "should be", "needs to be", "make it ...": a wish, not "it is text"."""
    if any(c.dep_ == "aux" and c.lemma_.lower() in _WISHING for c in verb.children):
        return True
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in ("need", "have", "want"):
        return True
    return verb.lemma_.lower() in _ORDERS and verb.dep_ == "ROOT"


def _kind_after(verb: Token, subject: Token | None) -> str | None:
    for noun in verb.children:
        if noun.dep_ not in ("attr", "oprd", "ccomp", "dobj", "acomp") or noun is subject:
            continue
        # "should be a phone number", "an email address": the kind the whole name says
        # (a phone, not a number), as "make X a phone number" reads it.
        # Any words before the name say nothing of the kind: "a valid phone number".
        compounds = [c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")]
        said_whole = (" ".join([*compounds[at:], noun.lower_]) for at in range(len(compounds)))
        named = next((_NAMED[w] for w in said_whole if w in _NAMED), None)
        if named is not None:
            return KIND_NAMES[named]
        adjectives = [c.lower_ for c in noun.children if c.dep_ == "amod"]
        said = [f"{a} {noun.lower_}" for a in adjectives] + [noun.lower_, noun.lemma_.lower()]
        # The words as said ("a bigger box"), kept for the plain request they make.
        words = next((w for w in said if kind_word(w) in _KINDS_WITHOUT_CHOICES), None)
        if words is not None:
            return words
    return None


def _field_meant(brief: Brief, doc: Doc, subject: Token) -> FoundField | None:
    if subject.lower_ not in _IT:
        return _sure_field(brief, " ".join(t.text for t in subject.subtree))
    # "it": the field said before it in this part, else in the part before.
    for token in doc[: subject.i]:
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("pobj", "compound", "amod"):
            found = _sure_field(brief, " ".join(t.text for t in token.subtree))
            if found is not None:
                return found
    before = SAID_BEFORE.get()
    if before is None:
        return None
    earlier = parsed(before[:300])
    for token in earlier:
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass", "ROOT", "dep"):
            found = _sure_field(brief, " ".join(t.text for t in token.subtree))
            if found is not None:
                return found
    return None


def _sure_field(brief: Brief, said: str) -> FoundField | None:
    found = find_field(brief, said)
    return found if found is not None and found.sure else None
