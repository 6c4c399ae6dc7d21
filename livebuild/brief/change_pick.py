"""A field asked to be picked from another record kind, read by its grammar: "Producer on
products ought to point at one of our producers rather than be free text", "when I make a
booking I'd rather pick the session from the ones we've got than type it in".

A verb of picking or pointing (the [pick] lemmas of change_words.toml) is a wish for a link when
the request names a field of the plan whose label is itself another record kind of the plan
(Session on Bookings, Producer on Products), and that record kind is what the verb picks from:
its object, a prepositional object ("from our sessions", "at one of our producers"), or "the
ones we've got" said of the field's own noun. The field becomes a pick from that record kind,
as a plain "link bookings to sessions" makes it. Every name is resolved against the plan; a
request naming no such field reads as before.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from livebuild.brief.change_names import find_entity, find_field
from livebuild.brief.change_ops import Operation
from livebuild.brief.change_relate import links
from livebuild.brief.change_words import pick_nouns, pick_verbs
from livebuild.brief.model import Brief, Entity
from livebuild.english.nlp import parsed
from livebuild.english.words import word_gate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MAX_CHARS = 300


@functools.cache
def _gate() -> re.Pattern[str]:
    return word_gate(pick_verbs() | pick_nouns(), whole=False)  # "pick" finds "picking" too


# Verbs that say a pick outright, and the words a list picked from follows.
_STRONG = frozenset({"pick", "choose", "select"})
_FROM = frozenset({"from", "of", "to", "off", "among", "between"})
# Verbs of changing something else: a list named beside one is not a wish to pick from it.
_CHANGING = frozenset(
    {"rename", "remove", "delete", "drop", "call", "move", "add", "hide", "bin", "ditch"}
)


# "The student on a class pack - pick from students": the field said first, then the wish.
_TOPIC = re.compile(
    r"^(?P<topic>[^:\u2014\u2013]{3,60}?)\s*(?::|\s[-\u2014\u2013]\s)\s*(?P<rest>\S.*)$"
)


def picked_from(brief: Brief, part: str) -> list[Operation]:
    """The link `part` wishes for, or nothing."""
    if _gate().search(part) is None:
        return []
    topic = _TOPIC.match(part)
    if topic is not None:
        found = _topic_field(brief, topic["topic"])
        if found is not None:
            return _picked_for(brief, topic["rest"], *found)
    doc = parsed(part[:_MAX_CHARS])
    verbs = _verbs(doc)
    said = [t for t in doc if _picking_noun(t)]
    if any(t.lemma_.lower() in _CHANGING for t in doc if t.pos_ == "VERB"):
        return []
    if not verbs and (not said or any(_negated(v) for v in doc if v.pos_ in ("VERB", "AUX"))):
        return []
    for noun in doc:
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        pair = _field_naming_a_kind(brief, noun)
        if pair is None:
            continue
        owner, target = pair
        picked = any(_picks_from(brief, verb, target, noun) for verb in verbs)
        strong = said or any(v.lemma_.lower() in _STRONG for v in verbs)
        if picked or (strong and _named_apart(brief, doc, target, noun)):
            return links(brief, owner, target)
    return _kind_linked(brief, doc)


def _picking_noun(token: Token) -> bool:
    """ "a dropdown", "a link to", "one of our members": a field said to be picked."""
    if token.lower_ not in pick_nouns() or token.pos_ not in ("NOUN", "NUM", "PRON"):
        return False
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return token.lower_ != "one" or following == "of"


def _named_apart(brief: Brief, doc: Doc, target: Entity, field_noun: Token) -> bool:
    """Whether the request names the record kind picked from apart from the field's own word:
    "the customer on a bag should be chosen from our customers"."""
    return any(
        token.i != field_noun.i and token.head.lower_ in _FROM and _names(brief, token, target)
        for token in doc
        if token.pos_ in ("NOUN", "PROPN")
    )


def _kind_linked(brief: Brief, doc: Doc) -> list[Operation]:
    """ "an attempt should link to the actual job": one record kind, the subject, linking to
    another, the object of "to"."""
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("link", "point", "connect"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        target = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if subject is None or target is None:
            continue
        owner, other = find_entity(brief, subject.text), find_entity(brief, target.text)
        if owner and other and owner.sure and other.sure and owner.entity is not other.entity:
            return links(brief, owner.entity, other.entity)
    return []


def _verbs(doc: Doc) -> list[Token]:
    """The verbs of picking in `doc`, none if any is said not to be done."""
    verbs = [t for t in doc if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in pick_verbs()]
    return [] if any(_negated(v) for v in verbs) else verbs


def _topic_field(brief: Brief, topic: str) -> tuple[Entity, Entity] | None:
    """The field a part's topic names, when its label is another record kind of the plan."""
    found = find_field(brief, topic)
    if found is None or not found.sure or found.field.kind not in ("text", "choice"):
        return None
    if found.field is found.entity.fields[0] or find_entity(brief, topic) is not None:
        return None
    target = find_entity(brief, found.field.label)
    if target is None or not target.sure or target.entity is found.entity:
        return None
    return found.entity, target.entity


def _picked_for(brief: Brief, rest: str, owner: Entity, target: Entity) -> list[Operation]:
    """The link said of a topic's field: "pick from students instead of typing the name in"."""
    verbs = _verbs(parsed(rest[:_MAX_CHARS]))
    if any(_names(brief, token, target) for verb in verbs for token in verb.subtree):
        return links(brief, owner, target)
    return []


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _words(noun: Token) -> str:
    said = [t for t in noun.subtree if t.dep_ not in ("det", "poss", "case", "punct")]
    return " ".join(
        t.text for t in said if t.i <= noun.i or t.dep_ == "prep" or t.head.dep_ == "prep"
    )


def _field_naming_a_kind(brief: Brief, noun: Token) -> tuple[Entity, Entity] | None:
    """The record kind owning the field `noun` names, and the other kind the field's label is:
    "Producer on products" -> (Products, Producers). The noun is the field's own word, said
    in the singular ("the session"): "our sessions" names the kind, not the field."""
    if noun.tag_ not in ("NN", "NNP"):
        return None
    found = find_field(brief, _words(noun))
    if found is not None and found.field.label.lower().split()[-1] != noun.lower_:
        return None
    if found is None or not found.sure or found.field.kind not in ("text", "choice"):
        return None
    if found.field is found.entity.fields[0]:
        return None  # what each record is called stays text
    target = find_entity(brief, found.field.label)
    if target is None or not target.sure or target.entity is found.entity:
        return None
    return found.entity, target.entity


def _picks_from(brief: Brief, verb: Token, target: Entity, field_noun: Token) -> bool:
    """Whether `verb` picks from `target`: its object or a prepositional object names it, or
    is "the ones (we've got)" while the field's noun is the verb's object; or the field's noun
    is what the verb picks ("pick the player off the squad list") and it picks from no other
    record kind of the plan."""
    other = False
    for token in verb.subtree:
        if token.pos_ not in ("NOUN", "PROPN", "PRON") or token.i == field_noun.i:
            continue
        if token.lower_ == "ones" and field_noun in verb.subtree:
            return True
        if _names(brief, token, target):
            return True
        said = " ".join(t.text for t in token.subtree if t.i <= token.i and t.dep_ != "det")
        found = find_entity(brief, said)
        other |= found is not None and found.sure
    return field_noun.head.i == verb.i and field_noun.dep_ == "dobj" and not other


def _names(brief: Brief, token: Token, target: Entity) -> bool:
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    said = " ".join(t.text for t in token.subtree if t.i <= token.i and t.dep_ != "det")
    found = find_entity(brief, said)
    return found is not None and found.sure and found.entity is target
