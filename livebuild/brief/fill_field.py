"""The arguments of new fields a founder asks for by saying a record kind and what it lacks.

"players - an emergency contact number please", "members: are they over 18?", "for each
species, what the caterpillars eat (the host plant)", "each bike's serial number", "cars: what
colour it's painted and what engine it's got". The kind comes first: before a colon or a dash,
after "for each" or "on each", or as a possessive; what follows, to the end of its sentence, is
the list of details (`fill_details`). A detail the kind already keeps is not added again.
"""

from __future__ import annotations

import re

from livebuild.brief.change_names import already_kept, find_entity
from livebuild.brief.change_ops import AddField, Operation
from livebuild.brief.fill_details import specs
from livebuild.brief.model import Brief, Entity

_OWNER_FIRST = (
    # "members: are they over 18?", "players - an emergency contact"
    re.compile(r"^\s*(?P<kind>[\w' -]{2,40}?)\s*(?::|\s[-\u2013\u2014]\s)\s*(?P<rest>.+)$"),
    # "for each species, what ...", "on each inspection, was there ..."
    re.compile(
        r"^\s*(?:for|on|with|in)\s+(?:each|every|all|the|our|a|an)\s+(?P<kind>[\w' -]{2,40}?)"
        r"\s*,\s*(?P<rest>.+)$",
        re.I,
    ),
    # "for each course I want to know where we meet", "on bookings we need the deposit"
    re.compile(
        r"^\s*(?:for|on|with|in)\s+(?:each|every|all|the|our|a|an)?\s*(?P<kind>[\w' -]{2,40}?)\s+"
        r"(?:i|we)\s*(?:'d|\s+would)?\s+(?:want|need|like|have)\s+(?:to\s+(?:know|keep|have|see|"
        r"record|note)\s+)?(?P<rest>.+)$",
        re.I,
    ),
    # "each bike's serial number", "the members' shoe sizes"
    re.compile(
        r"^\s*(?:(?:each|every|the|a|an|our|all)\s+)?(?P<kind>[\w -]{2,40}?)"
        r"(?:'s|s'|\u2019s|s\u2019)\s+(?P<rest>.+)$",
        re.I,
    ),
    # "drivers need a date of birth", "hives should have their queen's year"
    re.compile(
        r"^\s*(?:(?:each|every|the|our|all)\s+)?(?P<kind>[\w -]{2,30}?)\s+(?:need|needs|should\s+"
        r"(?:have|keep|say|show|record)|must\s+have|want)\s+(?P<rest>.+)$",
        re.I,
    ),
)
_SENTENCE_END = re.compile(r"[.?!](?:\s|$)")


def filled(brief: Brief, text: str) -> list[Operation] | None:
    """The fields `text` asks its kind to keep; None when it names no kind first or no detail."""
    for pattern in _OWNER_FIRST:
        match = pattern.match(text)
        if match is None:
            continue
        found = find_entity(brief, match["kind"])
        if found is None or not found.sure:
            continue
        rest = _first_sentence(match["rest"])
        made = _fields(brief, found.entity, rest)
        if made:
            return made
    return None


def _first_sentence(text: str) -> str:
    end = _SENTENCE_END.search(text)
    return text[: end.start() + 1] if end is not None else text


def _fields(brief: Brief, owner: Entity, rest: str) -> list[Operation]:
    made: list[Operation] = []
    for label, kind, choices in specs(brief, rest, owner.slug):
        if already_kept(owner, label) is None:
            made.append(AddField(owner.slug, label, kind, choices))
    return made
