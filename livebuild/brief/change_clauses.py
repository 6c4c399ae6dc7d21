"""A field said as a clause in a list of a new page's fields, read by its grammar.

"I need to log each lift: which boat, the date, in or out, and what we charged"; "who it was,
when, what happened and whether first aid was given"; "the model, the date and if we've
received the images yet". An item that is a clause names its field by what it asks: "whether"
or "if" a yes or no (named by what it is about and its verb: "First aid given", "Images
received", "Refunded"), "when" a date, "how many leads we got" a number of leads, "what we
charged" an amount of money, "in or out" a choice of its two words. spaCy's parse says which
word is the verb and which the noun it is about; the item's other words are left to the rules.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from livebuild.brief.change_wordlists import words
from livebuild.english.nlp import parsed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Spec = tuple[str, str, tuple[str, ...]]

_ASKED = re.compile(r"^(?:whether|if|when|how\s+many|what)\b", re.I)
_EITHER = re.compile(r"^(?P<one>[a-z]+)\s+or\s+(?P<other>[a-z]+)\??$", re.I)
_MAX_WORDS = 12
_THE_RECORD = frozenset(
    {"it", "this", "that"}
)  # an item longer than this is a sentence, not a field


def clause_field(item: str) -> Spec | None:
    """The field a list item said as a clause names, or None when it isn't one we read."""
    said = re.sub(r"^(?:and|also|plus)\s+", "", item.strip(" .?!"), flags=re.I)
    either = _EITHER.match(said)
    if either is not None and either["one"].lower() != either["other"].lower():
        one, other = either["one"].capitalize(), either["other"].capitalize()
        return (f"{one} or {other.lower()}", "choice", (one, other))
    if _ASKED.match(said) is None or len(said.split()) > _MAX_WORDS:
        return None
    first = said.split()[0].lower()
    if first == "when":
        return ("Date", "date", ())
    doc = parsed(said)
    if first in ("whether", "if"):
        return _yes_no(doc)
    if first == "how":
        return _how_many(doc)
    return _what_paid(doc)


def _participle(verb: Token) -> str:
    from lemminflect import getInflection  # imports spaCy: only once a clause is read

    lemma = verb.lemma_.lower()
    forms = getInflection(words().slips.get(lemma, lemma), tag="VBN")
    return str(forms[0]) if forms else verb.lower_


def _noun_phrase(noun: Token) -> str:
    kept = [t for t in noun.subtree if t.dep_ not in ("det", "poss", "punct") and t.pos_ != "PRON"]
    return " ".join(t.lower_ for t in kept if t.i <= noun.i)


def _main_verb(doc: Doc) -> Token | None:
    return next((t for t in doc if t.pos_ == "VERB"), None)


def _yes_no(doc: Doc) -> Spec | None:
    """ "whether first aid was given" is First aid given; "if we've received the images yet"
    Images received; "whether I refunded them" Refunded."""
    verb = _main_verb(doc)
    if verb is None:
        return None
    about = next(
        (
            c
            for c in verb.children
            if c.dep_ in ("nsubjpass", "dobj") and c.pos_ in ("NOUN", "PROPN")
        ),
        None,
    )
    # "whether it was handed in": the verb with its particle.
    done = " ".join([_participle(verb), *(c.lower_ for c in verb.children if c.dep_ == "prt")])
    label = f"{_noun_phrase(about)} {done}" if about is not None else done
    return (label[:1].upper() + label[1:], "boolean", ())


def _how_many(doc: Doc) -> Spec | None:
    """ "how many leads we got" is the number of leads."""
    tokens = list(doc)
    if len(tokens) < 3 or tokens[1].lower_ != "many" or not tokens[2].is_alpha:
        return None
    thing = tokens[2]
    # A plural noun, even one the tagger took for a verb ("leads"); not "how many have booked".
    if thing.pos_ not in ("NOUN", "PROPN") and thing.tag_ != "VBZ":
        return None
    return (f"Number of {thing.lower_}", "number", ())


def _what_paid(doc: Doc) -> Spec | None:
    """ "what we charged", "what they paid": an amount of money, named by its verb."""
    verb = _main_verb(doc)
    if verb is None or verb.lemma_.lower() not in words().lists.money_verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "PRON" or subject.lower_ in _THE_RECORD:
        # "what the stand cost", "what it cost": the thing's own cost, read by the rules.
        return None
    return (f"Amount {_participle(verb)}", "money", ())
