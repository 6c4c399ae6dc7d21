"""Links said between kinds whose names the idea says another way, read from the parse.

`said_links` reads a link only where both things are said by a kind's last word. Founders
name them otherwise too: "box scores for each game" of a plan that keeps Game schedules (a
word of the kind's name, not its last), "a safety check log for every obstacle" (the kind said
as the first words of a longer noun), "the sits (which sitter at which home, dates)" (a detail
in brackets that is another kind), "a flight log of who flew which site" (the record a clause
of the act is said of), "the costumes (who wears it, size)" (the one person kind the plan
keeps), "customer orders" (a kind said before another), "each pony belongs to a member". Each
is a general shape of English, read with any name of a kept kind, so it reads founders we
haven't met as well as those we have.

The record said first holds the link ("X for each Y": an X names its Y); a link is never made
both ways, nor from a kind to itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from livebuild.brief.links import add_link
from livebuild.brief.model import Entity
from livebuild.brief.things import kind_of
from livebuild.english.grammar import is_person
from livebuild.english.nlp import EnglishUnavailable, parsed
from livebuild.english.reading import Reading
from livebuild.english.said_of import as_singular

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_EACH = frozenset({"each", "every", "per"})
# "scores for each game", "the pets at each home", "a log on every obstacle".
_PER_PREPS = frozenset({"for", "per", "on", "at", "in", "to", "from", "about", "with"})
_WHICH = frozenset({"which", "what", "whose"})
# "each pony belongs to a member", "every job is for a customer", "each room goes with a house".
_BELONG = frozenset({"belong", "be", "go", "come", "relate", "attach", "link"})
_BELONG_PREPS = frozenset({"to", "for", "with", "from", "of", "in"})
_NOUNS = frozenset({"NOUN", "PROPN"})


def _words(entity: Entity) -> list[str]:
    return [as_singular(w) for w in entity.singular.lower().replace("-", " ").split()]


def name_words(entities: list[Entity]) -> dict[str, int]:
    """Each word that names one kept kind: its last word, and any other word of its name that
    no other kind's name has ("game" of Game schedules, "safety" of Safety checks)."""
    heads: dict[str, int] = {}
    others: dict[str, set[int]] = {}
    for n, entity in enumerate(entities):
        words = _words(entity)
        if words:
            heads.setdefault(words[-1], n)
        for word in words[:-1]:
            others.setdefault(word, set()).add(n)
    found = dict(heads)
    for word, kinds in others.items():
        if word not in found and len(kinds) == 1 and len(word) > 2:
            found[word] = next(iter(kinds))
    return found


class _Kinds:
    """The kept kinds, found by any word of a noun said: the noun itself, or the first words
    of a longer noun ("safety check log", "flight log")."""

    def __init__(self, entities: list[Entity]) -> None:
        self.words = name_words(entities)
        self.names = [set(_words(e)) for e in entities]
        self.heads = {
            words[-1]: n for n, e in reversed(list(enumerate(entities))) if (words := _words(e))
        }
        people = [
            n
            for n, e in enumerate(entities)
            if (head := _words(e)[-1:]) and (kind_of(head[0]) == "person" or is_person(head[0]))
        ]
        # "who": the one kind of people the plan keeps, when it keeps exactly one
        self.person = people[0] if len(people) == 1 else None

    def word(self, token: Token) -> int | None:
        if token.pos_ not in _NOUNS and token.tag_ not in ("NN", "NNS"):
            return None
        for said in (as_singular(token.lower_), token.lemma_.lower(), token.lower_):
            if said in self.words:
                return self.words[said]
        return None

    def of(self, token: Token) -> int | None:
        """The kind a noun names, by itself or by the nouns before it that make it."""
        found = self.word(token)
        if found is not None:
            return found
        made = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
        for part in reversed(made):
            found = self.word(part)
            if found is not None:
                return found
        return None


def _bracket_owner(doc: Doc, at: int) -> Token | None:
    """The noun just before the bracket `at` is inside: "the sits (which sitter ...)"."""
    depth = 0
    for token in reversed(doc[:at]):
        depth += (token.text == ")") - (token.text == "(")
        if depth < 0:
            before = doc[token.i - 1] if token.i > 0 else None
            return before if before is not None and before.pos_ in _NOUNS else None
    return None


def _per(doc: Doc, kinds: _Kinds) -> Iterator[tuple[int, int]]:
    """ "box scores for each game", "a safety check log for every obstacle"."""
    for token in doc:
        if token.lower_ not in _EACH or token.dep_ != "det":
            continue
        noun, prep = token.head, token.head.head
        if noun.dep_ != "pobj" or prep.lower_ not in _PER_PREPS:
            continue
        said_of = _said_of_verb(prep.head) if prep.head.pos_ == "VERB" else prep.head
        if said_of is None:
            continue
        target, holder = kinds.of(noun), kinds.of(said_of)
        if target is not None and holder is not None:
            yield holder, target


def _said_of_verb(verb: Token) -> Token | None:
    """The thing a verb after it says more of: "the passengers booked on each flight", "the
    peals rung at each tower" (parsed as the peals doing the ringing), not "we ring at each"."""
    if verb.dep_ in ("acl", "relcl"):
        return verb.head
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.head.i == verb.i and before.dep_ in ("nsubj", "nsubjpass"):
        return before if before.pos_ in _NOUNS else None
    return None


def _which(doc: Doc, kinds: _Kinds) -> Iterator[tuple[int, int]]:
    """ "the sits (which sitter at which home, dates)", "the loans (which pony, which
    child)": a detail in brackets that names another kind; "(who wears it)": its person."""
    for token in doc:
        owner = None
        if token.lower_ in _WHICH or token.lower_ == "who":
            owner = _bracket_owner(doc, token.i)
        holder = kinds.of(owner) if owner is not None else None
        if holder is None:
            continue
        if token.lower_ == "who":
            target = kinds.person
        else:
            target = next(
                (
                    found
                    for t in doc[token.i + 1 : token.i + 4]
                    if (found := kinds.of(t)) is not None
                ),
                None,
            )
        if target is not None:
            yield holder, target


def _clause_of(doc: Doc, kinds: _Kinds) -> Iterator[tuple[int, int]]:
    """ "a flight log of who flew which site": the record the clause is said of names the
    thing the act is done to, and the one person kind the plan keeps."""
    for token in doc:
        if token.lower_ != "which" or token.dep_ != "det":
            continue
        verb = token.head.head if token.head.dep_ != "pobj" else token.head.head.head
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ != "pcomp":
            continue
        holder = kinds.of(verb.head.head) if verb.head.dep_ == "prep" else None
        target = kinds.of(token.head)
        if holder is None or target is None:
            continue
        yield holder, target
        doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if doer is not None and doer.lower_ == "who" and kinds.person is not None:
            yield holder, kinds.person


def _belongs(doc: Doc, kinds: _Kinds) -> Iterator[tuple[int, int]]:
    """ "each pony belongs to a member", "every job is for a customer"."""
    for token in doc:
        if token.lemma_.lower() not in _BELONG or token.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or not any(c.lower_ in _EACH for c in subject.children):
            continue
        holder = kinds.of(subject)
        for prep in (c for c in token.children if c.dep_ == "prep"):
            if prep.lower_ not in _BELONG_PREPS:
                continue
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                target = kinds.of(noun)
                if holder is not None and target is not None:
                    yield holder, target


def _compound(doc: Doc, kinds: _Kinds) -> Iterator[tuple[int, int]]:
    """ "customer orders", "class bookings", "member subs": a record said with another kind
    before it names one of that kind."""
    for token in doc:
        if token.dep_ != "compound" or token.head.i != token.i + 1:
            continue
        target, holder = kinds.heads.get(as_singular(token.lower_)), kinds.word(token.head)
        if target is None or holder is None or as_singular(token.lower_) in kinds.names[holder]:
            continue  # "sail orders" of a kind Sail orders names no sail
        yield holder, target


def named_links(doc: Doc, entities: list[Entity]) -> list[tuple[int, int]]:
    """(holder, target) indexes of `entities` for each link read."""
    kinds = _Kinds(entities)
    found = [*_per(doc, kinds), *_which(doc, kinds), *_clause_of(doc, kinds)]
    found += [*_belongs(doc, kinds), *_compound(doc, kinds)]
    return [(a, b) for a, b in dict.fromkeys(found) if a != b]


def linked_as_named(entities: list[Entity], reading: Reading) -> list[Entity]:
    """`entities` with each link the idea says between kinds it names another way."""
    if len(entities) < 2 or not reading.phrases:
        return entities
    try:
        doc = parsed(reading.fixed)
    except EnglishUnavailable:
        return entities
    out = list(entities)
    for holder, target in named_links(doc, out):
        linked_back = any(f.links_to == out[holder].slug for f in out[target].fields)
        if not linked_back:
            out[holder] = add_link(out[holder], out[target])
    return out
