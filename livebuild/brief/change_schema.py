"""Change operations as JSON, for a model to answer with: a schema bound to the plan's own
names, and a parser that turns an answer into typed operations or refuses it.

Every string and list is bounded; a record kind is named by one of the plan's slugs and a
field by one of its keys, so an answer can only point at what the plan has. An operation
the model marks unsure becomes a suggestion whose change request the rules read back.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from livebuild.brief.change_ops import (
    AddChoices,
    AddEntity,
    AddField,
    Cannot,
    ChangeKind,
    FeatureOff,
    FeatureOn,
    Operation,
    Reading,
    RemoveEntity,
    RemoveField,
    RenameEntity,
    RenameField,
    Reorder,
    SetColour,
    SetName,
    SetTagline,
    SetTheme,
    Suggestion,
)
from livebuild.brief.colours import COLOUR_NAMES, shade
from livebuild.brief.model import Brief
from livebuild.brief.schema import (
    FEATURE_MAX,
    FIELD_KINDS,
    LABEL_MAX,
    MAX_CHOICES,
    MAX_ENTITIES,
    MAX_FIELDS,
    PRODUCT_NAME_MAX,
    TAGLINE_MAX,
)

MAX_OPERATIONS = 12
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LABEL_MAX)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Choices = Annotated[list[Name], Field(max_length=MAX_CHOICES)]


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sure: bool = True


class _AddEntity(_Op):
    op: Literal["add_entity"]
    name: Name
    fields: Annotated[list[tuple[Name, str]], Field(max_length=MAX_FIELDS - 1)] = []


class _Entity(_Op):
    op: Literal["remove_entity"]
    entity: Name


class _RenameEntity(_Op):
    op: Literal["rename_entity"]
    entity: Name
    new: Name


class _AddField(_Op):
    op: Literal["add_field"]
    entity: Name
    label: Name
    kind: str = "text"
    choices: Choices = []


class _FieldOp(_Op):
    op: Literal["remove_field"]
    entity: Name
    field: Name


class _RenameField(_Op):
    op: Literal["rename_field"]
    entity: Name
    field: Name
    new: Name


class _ChangeKind(_Op):
    op: Literal["change_kind"]
    entity: Name
    field: Name
    kind: str
    choices: Choices = []


class _AddChoices(_Op):
    op: Literal["add_choices"]
    entity: Name
    field: Name
    choices: Choices


class _Reorder(_Op):
    op: Literal["reorder"]
    entity: Name
    position: Annotated[int, Field(ge=0, le=MAX_ENTITIES)] | None = None


class _Words(_Op):
    op: Literal["set_name", "set_tagline", "feature_on", "feature_off", "cannot"]
    text: Text


class _Theme(_Op):
    op: Literal["set_theme"]
    dark: bool


class _Colour(_Op):
    op: Literal["set_colour"]
    colour: Name  # in words ("dark blue") or #rrggbb; the rules turn it into a colour
    accent: bool = False


_Any = Annotated[
    _AddEntity
    | _Entity
    | _RenameEntity
    | _AddField
    | _FieldOp
    | _RenameField
    | _ChangeKind
    | _AddChoices
    | _Reorder
    | _Words
    | _Theme
    | _Colour,
    Field(discriminator="op"),
]
_ANSWER = TypeAdapter(Annotated[list[_Any], Field(max_length=MAX_OPERATIONS)])


class Unreadable(ValueError):
    """An answer that isn't a list of operations on this plan."""


def schema(brief: Brief) -> dict[str, Any]:
    """The JSON schema of an answer, its record kinds and fields bound to `brief`'s own."""
    shape = _ANSWER.json_schema()
    slugs = [e.slug for e in brief.entities]
    keys = sorted({f.name for e in brief.entities for f in e.fields})
    for definition in shape.get("$defs", {}).values():
        properties = definition.get("properties", {})
        if "entity" in properties:
            properties["entity"] = {"enum": slugs}
        if "field" in properties:
            properties["field"] = {"enum": keys}
        if "kind" in properties:
            properties["kind"] = {"enum": list(FIELD_KINDS)}
    return shape


def read_answer(brief: Brief, answer: Any) -> Reading:
    """A model's answer as typed operations; raises `Unreadable` for one that isn't."""
    try:
        parsed = _ANSWER.validate_python(answer)
    except ValidationError as error:
        raise Unreadable(f"not a list of operations: {error.error_count()} problem(s)") from None
    reading = Reading()
    for item in parsed:
        operation = _typed(brief, item)
        if item.sure or isinstance(operation, Cannot):
            reading.operations.append(operation)
        else:
            request = said(brief, operation)
            reading.suggestions.append(
                Suggestion(
                    f"Did you mean to {request}? Say \u201c{request}\u201d to make it.", request
                )
            )
    return reading


def _typed(brief: Brief, item: _Op) -> Operation:
    if isinstance(item, _Words):
        if item.op == "set_name":
            return SetName(item.text[:PRODUCT_NAME_MAX])
        if item.op == "set_tagline":
            return SetTagline(item.text[:TAGLINE_MAX])
        if item.op == "feature_on":
            return FeatureOn(item.text[:FEATURE_MAX])
        if item.op == "feature_off":
            return FeatureOff(item.text)
        return Cannot(item.text)
    if isinstance(item, _Theme):
        return SetTheme(item.dark)
    if isinstance(item, _Colour):
        return _colour(item)
    if isinstance(item, _AddEntity):
        return AddEntity(item.name, tuple((label, kind, ()) for label, kind in item.fields))
    if isinstance(item, _Entity):
        return RemoveEntity(item.entity)
    if isinstance(item, _RenameEntity):
        return RenameEntity(item.entity, item.new)
    if isinstance(item, _AddField):
        return AddField(item.entity, item.label, item.kind, tuple(item.choices))
    if isinstance(item, _FieldOp):
        return RemoveField(item.entity, item.field)
    if isinstance(item, _RenameField):
        return RenameField(item.entity, item.field, item.new)
    if isinstance(item, _ChangeKind):
        return ChangeKind(item.entity, item.field, item.kind, tuple(item.choices))
    if isinstance(item, _AddChoices):
        return AddChoices(item.entity, item.field, tuple(item.choices))
    assert isinstance(item, _Reorder)
    return Reorder(item.entity, item.position)


def _colour(item: _Colour) -> Operation:
    # The rules know colour names and shades ("a soft pastel pink"); a colour they can't
    # name is said so.
    words = " ".join(item.colour.lower().split())
    if re.fullmatch(r"#[0-9a-f]{6}", words):
        return SetColour(words, words, item.accent)
    colour = _NAMED.search(words)
    if colour is None:
        return Cannot(
            f"We don't know the colour \u201c{item.colour}\u201d; name one like dark blue."
        )
    shaded = _SHADES.search(words)
    value = shade(COLOUR_NAMES[colour.group(0)], shaded.group(0) if shaded else None)
    return SetColour(value, words, item.accent)


_NAMED = re.compile(r"\b(?:" + "|".join(sorted(COLOUR_NAMES, key=len, reverse=True)) + r")\b")
_SHADES = re.compile(r"\b(?:dark|deep|light|pale|bright|pastel|soft)\b")


def said(brief: Brief, operation: Operation) -> str:
    """`operation` as a change request the rules read back as the same operation."""
    plural = {e.slug: e.plural for e in brief.entities}
    labels = {(e.slug, f.name): f.label.lower() for e in brief.entities for f in e.fields}
    entity = plural.get(getattr(operation, "entity", ""), "")
    label = labels.get((getattr(operation, "entity", ""), getattr(operation, "field", "")), "")
    if isinstance(operation, AddField):
        return f"add {operation.label.lower()} to {entity}"
    if isinstance(operation, RemoveField):
        return f"remove {label} from {entity}"
    if isinstance(operation, RenameField):
        return f"rename the {label} field of {entity} to {operation.new}"
    if isinstance(operation, ChangeKind):
        options = f" of {', '.join(operation.choices)}" if operation.choices else ""
        return f"make {label} on {entity} a {operation.kind}{options}"
    if isinstance(operation, AddChoices):
        return f"add {', '.join(operation.choices)} to {entity}'s {label}"
    if isinstance(operation, RenameEntity):
        return f"rename {entity} to {operation.new}"
    if isinstance(operation, RemoveEntity):
        return f"remove the {entity} page"
    if isinstance(operation, AddEntity):
        fields = ", ".join(f[0].lower() for f in operation.fields)
        return f"add a {operation.name} page" + (f" with {fields}" if fields else "")
    if isinstance(operation, SetName):
        return f"call it {operation.name}"
    if isinstance(operation, SetTagline):
        return f"change the tagline to {operation.text}"
    if isinstance(operation, SetTheme):
        return "use a dark theme" if operation.dark else "use a light theme"
    if isinstance(operation, SetColour):
        return f"make the {'accent' if operation.accent else 'main'} colour {operation.said}"
    if isinstance(operation, FeatureOn):
        return f"turn on {operation.text}"
    if isinstance(operation, FeatureOff):
        return f"turn off {operation.feature}"
    if isinstance(operation, Reorder):
        return f"put {entity} {'last' if operation.position is None else 'first'}"
    return "make that change"
