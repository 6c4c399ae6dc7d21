"""Requests about how record kinds relate: a detail moved from one kind to another ("the phone
number should be on the owner, not the appointment") and one kind saying which record of
another each is for ("each appointment is for a dog", "I'd like to see which dog each
appointment is for", "add a dog field to appointments that links to dogs").

Every name is resolved against the plan (a record kind only when the reading is sure, a field
only among its own kind's fields), so nothing is applied as typed. Every pattern is anchored
and bounded, so reading is linear in the part.
"""

from __future__ import annotations

import re

from livebuild.brief.change_intents import offer
from livebuild.brief.change_names import FoundField, find_entity, find_field
from livebuild.brief.change_ops import AddField, ChangeKind, MoveFieldTo, Operation
from livebuild.brief.model import Brief, Entity

_I = re.IGNORECASE
_THE = r"(?:(?:the|a|an|each|every|its|their|our|one)\s+)?"
_WHAT = r"[\w' -]{1,40}?"

# "move phone from appointments to owners", "put the phone on owners instead of appointments"
_MOVES = (
    re.compile(
        rf"^(?:move|shift|transfer|put)\s+{_THE}(?P<f>{_WHAT})\s+(?:field\s+)?(?:from|off)\s+"
        rf"{_THE}(?P<a>{_WHAT})\s+(?:to|onto|on|into|over\s+to)\s+{_THE}(?P<b>{_WHAT})$",
        _I,
    ),
    re.compile(
        rf"^(?:move|shift|transfer|put)\s+{_THE}(?P<f>{_WHAT})\s+(?:field\s+)?(?:to|onto|on|into)"
        rf"\s+{_THE}(?P<b>{_WHAT}),?\s+(?:not|instead\s+of|rather\s+than|away\s+from)\s+"
        rf"(?:on\s+|in\s+)?{_THE}(?P<a>{_WHAT})$",
        _I,
    ),
    # "the phone number should be on the owner, not the appointment"
    re.compile(
        rf"^{_THE}(?P<f>{_WHAT})\s+(?:should|needs?\s+to|ought\s+to|must|has\s+to|would\s+be\s+"
        rf"better)\s+(?:be\s+|go\s+|live\s+|sit\s+|belong\s+)?(?:on|in|with|under|to)\s+"
        rf"{_THE}(?P<b>{_WHAT}),?\s+(?:not|rather\s+than|instead\s+of)\s+(?:on\s+|in\s+|with\s+)?"
        rf"{_THE}(?P<a>{_WHAT})$",
        _I,
    ),
    re.compile(
        rf"^{_THE}(?P<f>{_WHAT})\s+(?:belongs|is)\s+(?:on|to|with|in)\s+{_THE}(?P<b>{_WHAT}),?\s+"
        rf"not\s+(?:on\s+|to\s+|with\s+|in\s+)?{_THE}(?P<a>{_WHAT})$",
        _I,
    ),
    # "move phone to owners": from whichever kind alone has it
    re.compile(
        rf"^(?:move|shift|transfer)\s+{_THE}(?P<f>{_WHAT})\s+(?:field\s+)?(?:to|onto|over\s+to)\s+"
        rf"{_THE}(?P<b>{_WHAT})$",
        _I,
    ),
)


def _kind(brief: Brief, said: str | None) -> Entity | None:
    if not said:
        return None
    found = find_entity(brief, said.strip())
    return found.entity if found is not None and found.sure else None


_TAIL = re.compile(r"\s+(?:number|no|numbers|address|details|info|field|value)$", _I)


def _field_of(brief: Brief, said: str, owner: Entity) -> FoundField | None:
    """The field of `owner` `said` names, when sure: "phone number" is Phone."""
    for text in dict.fromkeys((said, _TAIL.sub("", said))):
        found = find_field(brief, text, owner)
        if found is not None and found.sure:
            return found
    return None


def read_move(brief: Brief, text: str) -> list[Operation] | None:
    """A field moved from one record kind to another, its values going with it."""
    for pattern in _MOVES:
        match = pattern.match(text.strip(" .!?"))
        if match is None:
            continue
        target = _kind(brief, match["b"])
        source = _kind(brief, match.groupdict().get("a"))
        if target is None or (match.groupdict().get("a") and source is None):
            continue
        owners = [source] if source is not None else [e for e in brief.entities if e is not target]
        found = [_field_of(brief, match["f"], owner) for owner in owners]
        sure = [f for f in found if f is not None and f.entity is not target]
        if len(sure) > 1:
            sure = [f for f in sure if f.field is not f.entity.fields[0]]
        if len(sure) > 1:
            # "move phone to owners" when appointments and groomers both have one: asked back.
            first = sure[0]
            request = (
                f"move {first.field.label.lower()} from {first.entity.plural.lower()} to "
                f"{target.plural.lower()}"
            )
            raise offer(request, request)
        if len(sure) != 1:
            continue
        return [MoveFieldTo(sure[0].entity.slug, sure[0].field.name, target.slug)]
    return None


_ONE = r"(?P<{}>[a-z][\w-]{{1,30}})"
_RELATIONS = (
    # "each appointment is for a dog", "every booking should be with a groomer"
    re.compile(
        rf"^(?:each|every|an?|the)\s+{_ONE.format('a')}\s+(?:is|are|should\s+be|needs?\s+to\s+be|"
        rf"has\s+to\s+be|belongs\s+to|will\s+be)\s+(?:for|with|by|about|of|at|to|in)?\s*"
        rf"(?:a|an|one|the|its|their|some)\s+{_ONE.format('b')}$",
        _I,
    ),
    # "I'd like to see which dog each appointment is for"
    re.compile(
        rf"^(?:.{{0,40}}?\b)?(?:see|show|know|pick|choose|say|record|note|track|tell)\s+which\s+"
        rf"{_ONE.format('b')}\s+(?:each|every|an?|the)\s+{_ONE.format('a')}\s+(?:is|are|was|"
        rf"belongs\s+to|goes\s+with)(?:\s+(?:for|with|by|at|in|to|about))?$",
        _I,
    ),
    # "appointments should show which groomer", "bookings need to say which room"
    re.compile(
        rf"^{_THE}{_ONE.format('a')}\s+(?:should|must|need\s+to|needs\s+to|could|to)\s+(?:show|say|"
        rf"have|record|know|pick|list)\s+which\s+{_ONE.format('b')}(?:\s+(?:it'?s|it\s+is|they'?re|"
        rf"they\s+are)\s+(?:for|with|by))?$",
        _I,
    ),
    # "add a dog field to appointments that links to dogs"
    re.compile(
        rf"^add\s+{_THE}(?P<label>{_WHAT})\s+(?:field\s+|link\s+|column\s+)?(?:to|on)\s+{_THE}"
        rf"(?P<a>{_WHAT})\s+(?:that|which)\s+(?:links?|points?|is\s+linked|connects?|refers?)\s+"
        rf"to\s+{_THE}(?P<b>{_WHAT})$",
        _I,
    ),
)


def links(brief: Brief, owner: Entity, target: Entity) -> list[Operation]:
    """`owner` saying which of `target` each record is for: its field named after `target`
    becomes a pick from them, else one is added."""
    named = re.sub(r"[^a-z0-9]+", "_", target.singular.lower()).strip("_")
    said = {target.singular.lower(), target.plural.lower()}
    has = next((f for f in owner.fields[1:] if f.name == named or f.label.lower() in said), None)
    if has is not None and has.kind in ("text", "choice"):
        return [ChangeKind(owner.slug, has.name, "link")]
    return [AddField(owner.slug, target.singular, "link")]


def read_relation(brief: Brief, text: str) -> list[Operation] | None:
    """One record kind saying which record of another each is for."""
    for pattern in _RELATIONS:
        match = pattern.match(text.strip(" .!?"))
        if match is None:
            continue
        owner, target = _kind(brief, match["a"]), _kind(brief, match["b"])
        if owner is None or target is None or owner is target:
            continue
        return links(brief, owner, target)
    return None
