"""A new record kind said as a thing and the list of what it holds, in the founder's own
order: "I need the loans: which pony, which child, from when to when", "we do corporate days,
could I keep those? the company, the date, how many people", "Spotify numbers I type in myself
- could I keep those? the month, the streams, the release".

Two things make these hard for the phrasings the other readers know: the thing is said before
a colon with no verb of keeping ("I need the loans: …"), or said in the sentence before and
then pointed at ("those", "them"). The thing is restated as "keep track of THING: LIST" and read
as that, where THING is no record kind or field of the plan; what "those" points at is the last
plural noun said before it (by spaCy's parse) that the plan doesn't already keep.
"""

from __future__ import annotations

import re

from livebuild.brief.change_kind_said import SAID_BEFORE
from livebuild.brief.change_names import find_entity, find_field
from livebuild.brief.change_parts import details
from livebuild.brief.model import Brief
from livebuild.english.nlp import parsed

_I = re.IGNORECASE
_MAX_CHARS = 300

# "I need the loans: …", "we'd like our tastings: …", "the work parties: …"
_HEADED = re.compile(
    r"^(?:(?:i|we)(?:\s+(?:also|really))?\s+(?:need|want|'d\s+like|would\s+like|'d\s+love|"
    r"would\s+love)\s+)?(?:to\s+(?:keep|track|record|log)\s+)?(?:the|our|my|all\s+the)\s+"
    r"(?P<thing>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2})\s*:\s*(?P<fields>\S.{0,250})$",
    _I,
)

# "the tagline should read: …": a wish about something said before the colon, not a thing kept.
_WISHED = re.compile(r"\b(?:should|could|can|would|will|must|shall)\b", _I)

# "could I keep those", "can we track them too", "I'd like to record these"
_POINTED = re.compile(
    r"\b(?P<verb>keep|track|record|log|save|store)\s+(?:track\s+of\s+)?(?P<them>those|these|them)\b",
    _I,
)


def restated(brief: Brief, part: str) -> str | None:
    """`part` as "keep track of THING: LIST" when it says a new kind and its list, else None."""
    text = part.strip(" .!")
    headed = _HEADED.match(text)
    if headed is not None and _WISHED.search(headed["thing"]) is None:
        return _kept(brief, headed["thing"], headed["fields"])
    pointed = _POINTED.search(text)
    if pointed is None or ":" not in text[pointed.end() :]:
        return None
    fields = text[pointed.end() :].split(":", 1)[1]
    before = text[: pointed.start()]
    thing = _pointed_at(brief, before) or _pointed_at(brief, SAID_BEFORE.get() or "")
    return None if thing is None else _kept(brief, thing, fields)


def points_back(brief: Brief, part: str) -> bool:
    """Whether `part` keeps a new kind it points back at in the sentence before ("We do cake
    tastings. Could I keep those? …"), which then is read with it, not on its own."""
    text = part.strip(" .!")
    pointed = _POINTED.search(text)
    if pointed is None or ":" not in text[pointed.end() :]:
        return False
    return _pointed_at(brief, text[: pointed.start()]) is None


# "from when to when": a span, kept as the day it starts and the day it ends.
_SPAN = re.compile(r"\bfrom\s+when\s+(?:to|until|till)\s+when\b", _I)


# "what's in it (bottles, flowers, red carpet)": examples in brackets are no details of their own.
_ASIDE = re.compile(r"\s*\([^()]{0,120}\)")


def _kept(brief: Brief, thing: str, fields: str) -> str | None:
    fields = _SPAN.sub("start date, end date", _ASIDE.sub("", fields).strip(" .!?"))
    items = [i for i in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", fields) if i.strip()]
    if len(items) < 2 or not (details(fields) or len(items) >= 2):
        return None
    if _in_plan(brief, thing):
        return None
    return f"keep track of {thing.strip()}: {fields}"


def _in_plan(brief: Brief, said: str) -> bool:
    entity, field = find_entity(brief, said), find_field(brief, said)
    return (entity is not None and entity.sure) or (field is not None and field.sure)


def _pointed_at(brief: Brief, before: str) -> str | None:
    """The last plural noun phrase of `before` the plan doesn't keep, without its article."""
    if not before.strip():
        return None
    doc = parsed(before[:_MAX_CHARS])
    # What is sold, done or kept ("we pay members interest"), or a plural said other than
    # after a preposition: "practice sessions on Fridays" points at the sessions, not Fridays.
    chunks = [
        c
        for c in doc.noun_chunks
        if c.root.dep_ == "dobj" or (c.root.tag_ in ("NNS", "NNPS") and c.root.dep_ != "pobj")
    ]
    for chunk in reversed(chunks):
        # "members interest": a kind the plan keeps is whose it is, not what it is
        words = [
            t
            for t in chunk
            if t.pos_ not in ("DET", "PRON", "NUM")
            and (t is chunk.root or not _in_plan(brief, t.text))
        ]
        said = " ".join(t.text for t in words)
        if said and not _in_plan(brief, said):
            return said.lower() if not said.isupper() else said
    return None
