"""Details said as clauses about a thing, read from the parse: "which jobs are still unpaid" (a
yes or no on Jobs), "whether the invoice is paid", "when each van was last serviced" (a date on
Vans), "how many hours each job took" (a number on Jobs).

The clause's subject (or, with "I"/"we" doing it, its object) is the thing the detail is of; the
clause's state ("unpaid", "returned") or what was done ("last serviced") names the detail.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from livebuild.english.said_of import SaidDetail

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_STATES = frozenset({"acomp", "attr", "oprd"})
# Who does something to a thing ("when I last serviced each van"): the founder, not a thing.
_DOERS = frozenset({"i", "we", "you", "they", "he", "she"})
# Words that stand for a thing named before ("whether they passed").
_STANDS_FOR = frozenset({"it", "they", "he", "she"})
# How far back the thing "it" stands for may be named.
_BACK = 15


def _is_record(token: Token, records: frozenset[str]) -> bool:
    return bool(records & {token.lemma_.lower(), token.lower_})


def _named_before(at: Token, records: frozenset[str]) -> Token | None:
    """The record "it" or "they" stands for: the last one named before `at` in its sentence
    ("the children on it and whether they passed"); None past a list of details ("each job
    with ... and whether it was paid" is the list's own)."""
    head = at.head.head if at.head.dep_ == "conj" else None
    if head is not None and head.tag_ in ("NNS", "NN") and _is_record(head, records):
        return head  # "the pupils on each course and whether they passed": the pupils
    before = at.doc[max(at.sent.start, at.i - _BACK) : at.i]
    if any(t.lower_ == "with" or t.text in ("-", "—", "–") for t in before):
        return None
    nouns = ("NN", "NNS", "NNP", "NNPS")
    return next((t for t in reversed(before) if t.tag_ in nouns and _is_record(t, records)), None)


def _thing(verb: Token, records: frozenset[str], at: Token) -> Token | None:
    """The record a clause opened at `at` is about: its subject, its object when the founder
    does it, or the record named just before when "it" or "they" is the subject."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    for subject in subjects:
        if _is_record(subject, records):
            return subject
    if any(s.lower_ in _DOERS for s in subjects):
        for child in verb.children:
            if child.dep_ == "dobj" and _is_record(child, records):
                return child
    if any(s.lower_ in _STANDS_FOR for s in subjects):
        return _named_before(at, records)
    return None


def state_of(verb: Token) -> Token | None:
    """What a clause says its subject is: "are (still) unpaid" -> unpaid; "has been returned"
    -> returned; None when it says no state ("which jobs need parts")."""
    if verb.lemma_ == "be":
        said = (c for c in verb.children if c.dep_ in _STATES and c.tag_ in ("JJ", "VBN"))
        return next(said, None)
    if verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children):
        return verb
    return None


def _label(state: Token) -> tuple[tuple[str, ...], str]:
    """The words and label of a state, with the adverbs that time it ("last serviced")."""
    said = [c for c in state.children if c.dep_ == "advmod" and c.lower_ in ("last", "first")]
    words = tuple(t.lower_ for t in (*said, state))
    label = " ".join(words)
    return words, label[:1].upper() + label[1:]


def _which(token: Token, records: frozenset[str]) -> SaidDetail | None:
    """ "which jobs are still unpaid" -> an "Unpaid" yes or no on jobs."""
    thing = token.head
    if token.dep_ != "det" and token.i + 1 < len(token.doc):
        thing = token.nbor()  # "which books have been returned": both read as its subjects
        if thing.head != token.head:
            return None
    if thing.dep_ not in _SUBJECTS:
        return None
    if thing.lemma_.lower() not in records and thing.lower_ not in records:
        return None
    state = state_of(thing.head)
    if state is None:
        return None
    words, label = _label(state)
    return SaidDetail(thing.lower_, words, "boolean", label=label)


def _whether(token: Token, records: frozenset[str]) -> SaidDetail | None:
    """ "whether the invoice is paid" -> a "Paid" yes or no on invoices."""
    verb = _verb(token)
    thing = _thing(verb, records, token)
    state = state_of(verb)
    if state is None and verb.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in verb.children):
        state = verb  # "whether they passed"
    if thing is None or state is None:
        return None
    words, label = _label(state)
    return SaidDetail(thing.lower_, words, "boolean", label=label)


def _when(token: Token, records: frozenset[str]) -> SaidDetail | None:
    """ "when each van was last serviced" -> a "When last serviced" date on vans."""
    verb = _verb(token)
    thing = _thing(verb, records, token)
    if thing is None:
        return None
    done = state_of(verb) or (verb if verb.pos_ == "VERB" else None)
    if done is None:
        return None
    words, label = _label(done)
    return SaidDetail(thing.lower_, words, "date", label="When " + label.lower())


def _how(token: Token, records: frozenset[str]) -> SaidDetail | None:
    """ "how many hours each job took", "how long each session lasts" -> a number on it."""
    nxt = token.nbor() if token.i + 1 < len(token.doc) else None
    if nxt is None or nxt.lower_ not in ("many", "long", "much"):
        return None
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    thing = _thing(verb, records, token) if verb is not None else None
    if verb is None or thing is None:
        return None
    end = nxt.head if nxt.lower_ == "many" and nxt.head.i > nxt.i else nxt
    said = token.doc[token.i : end.i + 1]
    words = tuple(t.lower_ for t in said if t.is_alpha)
    label = said.text[:1].upper() + said.text[1:]
    return SaidDetail(thing.lower_, words, "number", label=label)


def _verb(token: Token) -> Token:
    """The verb a clause word opens: "when it was last checked or broke" -> checked (spaCy
    hangs "when" on the last verb of two)."""
    verb = token.head
    while verb.dep_ == "conj" and not any(c.dep_ in _SUBJECTS for c in verb.children):
        verb = verb.head
    return verb


def clauses_said(doc: Doc, records: frozenset[str]) -> Iterator[SaidDetail]:
    """Each detail the idea says as a clause about one of `records` (words as written)."""
    for token in doc:
        word = token.lower_
        found = None
        if word == "which":
            found = _which(token, records)
        elif word in ("whether", "if") and token.dep_ == "mark":
            found = _whether(token, records)
        elif word == "when" and token.dep_ == "advmod":
            found = _when(token, records)
        elif word == "how":
            found = _how(token, records)
        if found is not None:
            yield found
