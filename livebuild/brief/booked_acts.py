"""Bookings, rentals and attendance an idea says as a verb done to what it keeps.

"which course they're booked on", "the children booked on which days", "the sessions they
attended": the idea keeps the act (bookings, attendance) without naming it. The verbs whose
act is a record of its own, and that record, come from the shape reader's `implied` table
(`shape_words.toml`); a verb of selling or buying is left to the reading of what is sold.
"""

from __future__ import annotations

from livebuild.brief.things import kind_of
from livebuild.english.forms import as_singular
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Phrase, Reading
from livebuild.english.shape_words import shape_words

# What a booked thing plays in the clause: "book a court", "booked on a course", "children
# are booked".
_DONE_TO = frozenset({"dobj", "pobj", "nsubjpass"})
# What the booked thing itself plays: "book *appointments*", "the *jobs* booked in" (which the
# parser may read as the subject), "the *speakers* we've booked".
_ITSELF = frozenset({"dobj", "nsubjpass"})
# Verbs whose act is a sale, read from what is sold instead.
_TRADING = frozenset({"sell", "buy"})


def booked_acts(english: Reading) -> list[str]:
    """The records of the acts the idea says are done to its things, first said first; not
    where what is booked is itself the record ("the jobs booked in", "book appointments") or
    a person ("the speakers we've booked")."""
    acts = shape_words().table("implied")
    itself = {p.verb for p in english.phrases if _booked_itself(p)}
    times = lexicon().times | shape_words()["spans"]
    found = [
        acts[p.verb]
        for p in english.phrases
        if p.verb in acts
        and p.verb not in _TRADING | itself
        and p.role in _DONE_TO
        and not p.proper
        and p.head not in times  # "booked for the year"
    ]
    return list(dict.fromkeys(found))


def _booked_itself(phrase: Phrase) -> bool:
    """Whether `phrase` is a record booked itself: an event booked, or a person (not one who
    books: "people rent it")."""
    kind = kind_of(as_singular(phrase.head))
    if kind == "event":
        return phrase.role in _ITSELF or phrase.role == "nsubj"
    return kind == "person" and phrase.role in _ITSELF
