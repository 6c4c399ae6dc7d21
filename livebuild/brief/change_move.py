"""Moving a field among its record kind's fields: the form, the list and each record's page
show fields in the plan's order, so "put the phone number first" is seen at once.

The first field is each record's title (what a list shows it as), so it has to be text: a
move that would make a date or a number the title is not made, and the closest move that can
be (right after the title) is offered in words the rules read back.
"""

from __future__ import annotations

from dataclasses import replace

from livebuild.brief.change_intents import Refused
from livebuild.brief.change_ops import MoveField, Suggestion
from livebuild.brief.model import Brief, Entity, Field

_TITLES = ("text", "longtext")


def _find(entity: Entity, key: str) -> Field:
    found = next((f for f in entity.fields if f.name == key), None)
    if found is None:
        raise Refused(f"{entity.plural} no longer have that field; please ask again.")
    return found


def _order(entity: Entity, op: MoveField, moving: Field) -> list[Field]:
    rest = [f for f in entity.fields if f is not moving]
    if op.place in ("before", "after"):
        if op.anchor is None:
            raise Refused(f"Say which field of {entity.plural} to put {moving.label} next to.")
        anchor = _find(entity, op.anchor)
        if anchor is moving:
            raise Refused(f"{moving.label} can't go next to itself.")
        at = rest.index(anchor) + (1 if op.place == "after" else 0)
    elif op.place in ("up", "down"):
        now = list(entity.fields).index(moving)
        at = max(now - 1, 0) if op.place == "up" else min(now + 1, len(rest))
    else:
        at = 0 if op.place == "first" else len(rest)
    rest.insert(at, moving)
    return rest


def _where(order: list[Field], moving: Field) -> str:
    at = order.index(moving)
    if at == 0:
        return "first"
    if at == len(order) - 1:
        return "last"
    return f"after {order[at - 1].label}"


def _not_first(owner: Entity, moving: Field, first: Field) -> Refused:
    why = (
        f"{first.label} can't come first on {owner.plural}: the first field is what each "
        "record is called, so it has to be text."
    )
    title = owner.fields[0]
    if moving is title:
        return Refused(why)
    request = f"put {moving.label.lower()} after {title.label.lower()} on {owner.plural.lower()}"
    return Refused(
        f"{why} The closest is right after {title.label}: say \u201c{request}\u201d.",
        Suggestion(
            f"Put {moving.label} right after {title.label}? Say \u201c{request}\u201d.", request
        ),
    )


def move_field(brief: Brief, op: MoveField) -> tuple[Brief, str]:
    """`brief` with the field moved, and what was done in words; raises `Refused`."""
    owner = next((e for e in brief.entities if e.slug == op.entity), None)
    if owner is None:
        raise Refused("That part of the plan has changed since; please ask again.")
    moving = _find(owner, op.field)
    order = _order(owner, op, moving)
    if order == list(owner.fields):
        return brief, f"{moving.label} is already {_where(order, moving)} on {owner.plural}."
    if order[0].kind not in _TITLES:
        raise _not_first(owner, moving, order[0])
    changed = replace(owner, fields=tuple(order))
    entities = tuple(changed if e is owner else e for e in brief.entities)
    said = f"Moved {moving.label} {_where(order, moving)} on {owner.plural}."
    if order[0] is not owner.fields[0]:
        said += f" {order[0].label} is now what each of them is called."
    return replace(brief, entities=entities), said
