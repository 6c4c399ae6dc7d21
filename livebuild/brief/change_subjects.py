"""Two requests joined by "and", each with its own subject, are two parts: "subscribers need a
phone number and the loaves need a price", "members should have a badge and events need a
venue". spaCy's parse says where: a verb with a subject of its own (a noun, not "they") that
follows "and" and a verb before it starts the second request. Each part is then read, or said
plainly not read, so no part of a request vanishes. Only a part with "and" before a subject
and a verb of wanting is parsed at all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from livebuild.english.nlp import parsed

if TYPE_CHECKING:
    from spacy.tokens import Token

_MAX_CHARS = 300
_GATE = re.compile(
    r"\band\s+(?:the\s+|our\s+|their\s+|all\s+|each\s+|every\s+)?[\w'-]+(?:\s+[\w'-]+){0,2}\s+"
    r"(?:need|needs|should|must|want|wants|have|has|could|can|will|ought)\b",
    re.IGNORECASE,
)


def _verb(token: Token) -> bool:
    """A verb of a clause: a verb, or "be" said as one ("the status should be a choice")."""
    return token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass"))


_ASKED = frozenset({"how", "what", "which", "who", "whether", "if", "when", "where", "why"})


def _subject(verb: Token) -> Token | None:
    """The subject of `verb`; for a verb joined to the clause before ("the title should be the
    pet's name and the status should be a choice"), the parser may hang the second subject on
    the first clause's object: the noun said just before the verb's "should" is its subject."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None or verb.dep_ != "conj":
        return subject
    aux = next((c for c in verb.children if c.dep_ == "aux" and c.i < verb.i), None)
    noun = verb.doc[aux.i - 1] if aux is not None and aux.i > 0 else None
    return noun if noun is not None and noun.dep_ == "conj" else None


def own_subjects(part: str) -> list[str]:
    """`part` cut before each "and" that starts a request with a subject of its own."""
    if len(part) > _MAX_CHARS or _GATE.search(part) is None:
        return [part]
    doc = parsed(part)
    cuts: list[int] = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
            continue
        subject = _subject(token)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN") or subject.left_edge.i < 2:
            continue  # "and they need a price" says more of the first request's records
        joined = doc[subject.left_edge.i - 1]
        before = doc[: joined.i]
        asked = doc[joined.i + 1].lower_ in _ASKED  # "and how many have booked" is a detail
        if (
            joined.lower_ == "and"
            and not asked
            and len(before) >= 3
            and any(_verb(t) for t in before)
        ):
            cuts.append(joined.idx)
    if not cuts:
        return [part]
    pieces, start = [], 0
    for at in cuts:
        pieces.append(part[start:at].strip(" ,"))
        start = at + len("and")
    pieces.append(part[start:].strip(" ,"))
    return [piece for piece in pieces if piece]
