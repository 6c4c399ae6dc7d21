"""Moving a field among its record kind's fields: the form, the list and each record's page
show fields in the plan's order, so "put the phone number first" is seen at once. A field
moved to another record kind ("the phone should be on the owner") takes its values along
where one record says which of the other it is for (`engine.carry_renames`).

The first field is each record's title (what a list shows it as), so it has to be text: a
date or a number put first ("put the date first") goes right after the title, as high as it
can, and the founder is told the title stays first; any other move that would make it the
title is not made, and the closest move that can be is offered in words the rules read back.
"""

from __future__ import annotations

import re
from dataclasses import replace

from livebuild.brief.change_intents import Refused
from livebuild.brief.change_ops import MoveField, MoveFieldTo, Suggestion
from livebuild.brief.model import MAX_FIELDS, Brief, Entity, Field

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


def _as_high(op: MoveField, owner: Entity, moving: Field) -> bool:
    """Whether the move asks `moving` up as far as it goes ("put the date first"), on a kind
    whose title (its first field, text) stays where it is."""
    title = owner.fields[0]
    return op.place in ("first", "up") and moving is not title and title.kind in _TITLES


def _after_title(brief: Brief, owner: Entity, moving: Field) -> tuple[Brief, str]:
    """`brief` with `moving` right after the title: the nearest to first it can be."""
    title = owner.fields[0]
    order = [title, moving, *(f for f in owner.fields[1:] if f is not moving)]
    if order == list(owner.fields):
        return brief, (
            f"{moving.label} is already right after {title.label} on {owner.plural}, as far up "
            "as it goes."
        )
    changed = replace(owner, fields=tuple(order))
    entities = tuple(changed if e is owner else e for e in brief.entities)
    said = (
        f"Moved {moving.label} right after {title.label} on {owner.plural}. {title.label} "
        f"stays first: it is what each of your {owner.plural.lower()} is called."
    )
    return replace(brief, entities=entities), said


def move_field(brief: Brief, op: MoveField) -> tuple[Brief, str]:
    """`brief` with the field moved, and what was done in words; raises `Refused`."""
    owner = next((e for e in brief.entities if e.slug == op.entity), None)
    if owner is None:
        raise Refused("That part of the plan has changed since; please ask again.")
    moving = _find(owner, op.field)
    order = _order(owner, op, moving)
    if order == list(owner.fields):
        return brief, f"{moving.label} is already {_where(order, moving)} on {owner.plural}."
    if order[0].kind not in _TITLES and _as_high(op, owner, moving):
        return _after_title(brief, owner, moving)
    if order[0].kind not in _TITLES:
        raise _not_first(owner, moving, order[0])
    changed = replace(owner, fields=tuple(order))
    entities = tuple(changed if e is owner else e for e in brief.entities)
    said = f"Moved {moving.label} {_where(order, moving)} on {owner.plural}."
    if order[0] is not owner.fields[0]:
        said += f" {order[0].label} is now what each of them is called."
    return replace(brief, entities=entities), said


def _pointer(entity: Entity, other: Entity) -> Field | None:
    """The field of `entity` saying which of `other` each record is for."""
    named = re.sub(r"[^a-z0-9]+", "_", other.singular.lower()).strip("_")
    return next((f for f in entity.fields[1:] if f.links_to == other.slug or f.name == named), None)


def move_to_kind(brief: Brief, op: MoveFieldTo) -> tuple[Brief, str]:
    """`brief` with the field moved to another record kind, and what was done in words,
    saying whether the values already typed go with it; raises `Refused`."""
    owner = next((e for e in brief.entities if e.slug == op.entity), None)
    target = next((e for e in brief.entities if e.slug == op.to), None)
    if owner is None or target is None:
        raise Refused("That part of the plan has changed since; please ask again.")
    moving = _find(owner, op.field)
    if target is owner:
        return brief, f"{moving.label} is already on {owner.plural}."
    if moving is owner.fields[0]:
        raise Refused(
            f"{moving.label} is what each of your {owner.plural.lower()} is called, so it "
            f"stays; say \u201cadd {moving.label.lower()} to {target.plural.lower()}\u201d to "
            "keep one there too."
        )
    if moving.links_to == target.slug:
        raise Refused(f"{moving.label} picks one of your {target.plural.lower()}, so it stays.")
    has = next((f for f in target.fields if f.name == moving.name), None)
    if has is None and len(target.fields) >= MAX_FIELDS:
        raise Refused(
            f"There are already {MAX_FIELDS} fields on {target.plural}, the most we build."
        )
    fields = list(target.fields)
    if has is None:
        at = len(fields) - 1 if fields[-1].kind == "longtext" and len(fields) > 1 else len(fields)
        fields.insert(at, moving)
    seed = tuple({k: v for k, v in row.items() if k != moving.name} for row in owner.seed)
    kept = replace(owner, fields=tuple(f for f in owner.fields if f is not moving), seed=seed)
    gained = replace(target, fields=tuple(fields))
    entities = tuple(kept if e is owner else gained if e is target else e for e in brief.entities)
    said = f"Moved {moving.label} from {owner.plural} to {target.plural}."
    if _pointer(owner, target) is None and _pointer(target, owner) is None:
        said += (
            f" {owner.plural} don't say which of your {target.plural.lower()} each is for, so "
            f"the {moving.label.lower()} values already typed stay with {owner.plural.lower()}"
            " (kept aside, not deleted)."
        )
    return replace(brief, entities=entities), said
