"""A field asked for as a place to keep something, read by its grammar: "where am I meant to
put a boat's insurance renewal date?", "weddings don't have anywhere for the ceremony time!",
"there's nowhere to note access for the truck on customers".

A word of place (change_words.toml's place_words) said of a verb of keeping ("put", "note") or
before "for" names the thing to keep: the verb's object, or what comes after "for". Its record
kind is the one the part names surely (a boat's, on customers, weddings); the answer is the
plain "add X to Y", read and checked like any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from livebuild.brief.change_names import find_entity
from livebuild.brief.change_wordlists import words
from livebuild.brief.model import Brief, Entity
from livebuild.english.nlp import parsed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MAX_LABEL = 5


def place_asked_for(brief: Brief, part: str) -> str | None:
    """ "add X to Y" for a part that asks where to keep X on Y, or None."""
    lists = words().lists
    lowered = part.lower()
    if not any(word in lowered for word in lists.place_words):
        return None
    doc = parsed(part[:300])
    thing = _thing(doc, lists.place_words, lists.keeping_verbs)
    if thing is None:
        return None
    owner = _owner(brief, doc, thing)
    label = [t for t in thing.subtree if t.i <= thing.i and t.dep_ not in ("det", "poss", "case")]
    label = [t for t in label if not any(a.dep_ == "poss" for a in (t, *t.ancestors) if a != thing)]
    if owner is None or not label or len(label) > _MAX_LABEL:
        return None
    return f"add {' '.join(t.text for t in label)} to {owner.plural}"


def _thing(doc: Doc, places: list[str], keeping: list[str]) -> Token | None:
    for token in doc:
        if token.lower_ not in places:
            continue
        # "where ... put X" / "no where to note X": the object of a verb of keeping after it.
        for verb in doc[token.i + 1 :]:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in keeping:
                continue
            found = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if found is not None and found.pos_ in ("NOUN", "PROPN"):
                return found
        # "anywhere for the ceremony time": what the place is for.
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"):
            found = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if found is not None and found.pos_ in ("NOUN", "PROPN"):
                return found
    return None


def _owner(brief: Brief, doc: Doc, thing: Token) -> Entity | None:
    """The record kind the part names surely: whose the thing is ("a boat's"), what it is on
    ("on customers"), or who lacks it ("weddings don't have")."""
    said = [t for t in thing.subtree if t.dep_ == "poss"]
    said += [t for t in doc if t.dep_ in ("pobj", "nsubj") and t.pos_ in ("NOUN", "PROPN")]
    for token in said:
        if token.i == thing.i:
            continue
        found = find_entity(brief, token.text)
        if found is not None and found.sure:
            return found.entity
    return None
