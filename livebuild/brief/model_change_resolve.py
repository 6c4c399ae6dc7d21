"""A model's operations resolved against the plan before anything is made.

A small model names the plan's record kinds and fields by their keys, and slips: a field key
of another record kind ("email" on classes), a label for a key ("Date of birth"), a singular
for a slug ("member"). Each name is resolved against the plan as the rules resolve a
founder's words (`change_names`): a sure match is used; a field that only another record
kind has is offered back to confirm, never made (but a rename of a field only another kind
has, where the request names the model's kind and not that field, is the kind's rename:
"Classes \u2192 'Workshops'"); a name that matches nothing drops that operation. Nothing the
model names is applied literally.
"""

from __future__ import annotations

import dataclasses

from livebuild.brief.change_names import find_entity, find_field
from livebuild.brief.change_ops import (
    AddEntity,
    MoveField,
    Operation,
    Reading,
    RemoveEntity,
    RenameEntity,
    RenameField,
    Suggestion,
)
from livebuild.brief.change_schema import Unreadable, said
from livebuild.brief.model import Brief, Entity
from livebuild.brief.model_change_reconcile import named_kind, shares_a_word

__all__ = ["resolved"]


def _entity(brief: Brief, slug: str) -> Entity | None:
    exact = next((e for e in brief.entities if e.slug == slug), None)
    if exact is not None:
        return exact
    found = find_entity(brief, slug.replace("-", " ").replace("_", " "))
    return found.entity if found is not None and found.sure else None


def _key(brief: Brief, entity: Entity, name: str) -> str | None:
    if any(f.name == name for f in entity.fields):
        return name
    found = find_field(brief, name.replace("_", " "), entity)
    return found.field.name if found is not None and found.sure else None


def _kind_renamed(
    brief: Brief, entity: Entity, operation: Operation, request: str
) -> RenameEntity | None:
    """A rename of a field `entity` hasn't but one other kind has (a key the model borrowed
    from the plan it was shown), where the request names `entity` and says nothing of that
    field: the founder's rename of the kind. A key no kind has is the model's word for a field
    the founder named ("mobile no."), never the kind's rename."""
    if not isinstance(operation, RenameField) or not request:
        return None
    owners = [
        (e, f)
        for e in brief.entities
        if e is not entity
        for f in e.fields
        if f.name == operation.field
    ]
    if len(owners) != 1 or not named_kind(brief, request, None, RemoveEntity(entity.slug)):
        return None
    _, borrowed = owners[0]
    if shares_a_word(request, f"{borrowed.label} {borrowed.name.replace('_', ' ')}"):
        return None
    return RenameEntity(entity.slug, operation.new)


def _one(brief: Brief, operation: Operation, request: str) -> Operation | Suggestion | None:
    slug = getattr(operation, "entity", None)
    if not isinstance(slug, str) or isinstance(operation, AddEntity):
        return operation
    entity = _entity(brief, slug)
    if entity is None:
        return None
    changes: dict[str, str] = {"entity": entity.slug}
    for part in ("field", "anchor") if isinstance(operation, MoveField) else ("field",):
        name = getattr(operation, part, None)
        if not isinstance(name, str):
            continue
        key = _key(brief, entity, name)
        if key is None:
            return _kind_renamed(brief, entity, operation, request) or _elsewhere(
                brief, operation, name
            )
        changes[part] = key
    return dataclasses.replace(operation, **changes)  # type: ignore[arg-type]


def _elsewhere(brief: Brief, operation: Operation, name: str) -> Suggestion | None:
    """A field only another record kind has: that reading, offered to confirm."""
    owners = [e for e in brief.entities if any(f.name == name for f in e.fields)]
    if len(owners) != 1 or isinstance(operation, MoveField):
        return None
    moved = dataclasses.replace(operation, entity=owners[0].slug)  # type: ignore[arg-type]
    request = said(brief, moved)
    return Suggestion(f"Did you mean to {request}? Say \u201c{request}\u201d to make it.", request)


def resolved(brief: Brief, reading: Reading, request: str = "") -> Reading:
    """`reading` of `request` with every record kind and field it names resolved against
    `brief`; raises `Unreadable` when nothing of it is left."""
    out = Reading(
        not_understood=list(reading.not_understood), suggestions=list(reading.suggestions)
    )
    for operation in reading.operations:
        one = _one(brief, operation, request)
        if isinstance(one, Suggestion):
            out.suggestions.append(one)
        elif one is not None:
            out.operations.append(one)
    if reading.operations and not out.operations and not out.suggestions:
        raise Unreadable("no operation names a record kind or field of this plan")
    return out
