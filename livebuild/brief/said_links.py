"""Links the founder says between the things kept, put on the plan's records.

"customers, their bikes (make, model, colour)" gives Bikes a Customer link; "members ...,
classes ..., and who booked which class" keeps Bookings naming a member and a class (the one
who booked is the first of the people the idea names). Each link's sample values are the
target's sample records (`links.add_link`), so a built app's pick-list points at real rows.
"""

from __future__ import annotations

import re

from livebuild.brief.links import add_link
from livebuild.brief.model import Entity
from livebuild.brief.things import kind_of
from livebuild.english.grammar import is_person
from livebuild.english.nlp import EnglishUnavailable, parsed
from livebuild.english.reading import Reading
from livebuild.english.said_links import Joined, joined_acts, said_links
from livebuild.english.said_of import as_singular


def _head(entity: Entity) -> str:
    return as_singular(entity.singular.lower().split()[-1])


def _joins(reading: Reading) -> list[Joined]:
    if not reading.phrases:
        return []  # read without the English pipeline
    try:
        return joined_acts(parsed(reading.fixed))
    except EnglishUnavailable:
        return []


def joined_work(reading: Reading, heads: set[str]) -> list[str]:
    """The records of acts said as "who booked which class" of a thing the plan keeps, which
    the plan keeps too (a booking naming the member and the class). Only a record of work
    ("booking", "loan", "attendance"), never a word the verb merely makes ("who lives in which
    room" is no "living")."""
    return [
        j.act
        for j in _joins(reading)
        if j.thing in heads and j.act not in heads and kind_of(j.act) == "event"
    ]


def _said_at(entity: Entity, text: str) -> int | None:
    """Where the idea first names `entity` (its singular or plural), if it does."""
    names = {entity.singular.lower(), entity.plural.lower(), _head(entity)}
    found = [m.start() for n in names if (m := re.search(rf"\b{re.escape(n)}", text))]
    return min(found) if found else None


def _person(entities: list[Entity], text: str, but: set[int]) -> int | None:
    """The people the idea names first ("members ..., classes with the teacher")."""
    people = [
        (at, n)
        for n, e in enumerate(entities)
        if n not in but
        and (kind_of(_head(e)) == "person" or is_person(_head(e)))
        and (at := _said_at(e, text)) is not None
    ]
    return min(people)[1] if people else None


def linked_as_said(entities: list[Entity], reading: Reading) -> list[Entity]:
    """`entities` with each link the idea says between them."""
    if len(entities) < 2 or not reading.phrases:
        return entities
    try:
        doc = parsed(reading.fixed)
    except EnglishUnavailable:
        return entities
    heads = [_head(e) for e in entities]
    out = list(entities)
    for holder, target in said_links(doc, heads):
        at, to = heads.index(holder), heads.index(target)
        out[at] = add_link(out[at], out[to])
    text = reading.fixed.lower()
    for joined in joined_acts(doc):
        if joined.act not in heads or joined.thing not in heads:
            continue
        at, thing = heads.index(joined.act), heads.index(joined.thing)
        person = heads.index(joined.by) if joined.by in heads else _person(out, text, {at, thing})
        for linked in (person, thing):
            if linked is not None:
                out[at] = add_link(out[at], out[linked])
    return out
