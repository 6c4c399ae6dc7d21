"""Change operations as JSON, for a model to answer with: a schema bound to the plan's own
names, and a parser that turns an answer into typed operations or refuses it.

Both are derived from the operations themselves (`change_ops`), so an operation is described
once. Every string and list is bounded; a record kind is named by one of the plan's slugs and
a field by one of its keys, so an answer can only point at what the plan has. An operation
the model marks unsure becomes a suggestion whose change request the rules read back.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Annotated, Any, Literal, Union, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, create_model

from livebuild.brief.change_ops import (
    OPERATIONS,
    AddChoices,
    AddEntity,
    AddField,
    Cannot,
    ChangeKind,
    FeatureOff,
    FeatureOn,
    MoveField,
    MoveFieldTo,
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
from livebuild.brief.colour_against import too_pale
from livebuild.brief.colour_target import target_colour
from livebuild.brief.model import Brief
from livebuild.brief.schema import FIELD_KINDS

MAX_OPERATIONS = 12


def _answer_model(operation: type[Operation]) -> type[BaseModel]:
    """`operation` as a model answers it: its own fields (those it `ASKED`), its `op` name and
    whether the model is sure; nothing else is accepted."""
    hints = get_type_hints(operation, include_extras=True)
    asked = getattr(operation, "ASKED", None)
    fields: dict[str, Any] = {
        "op": (Literal[operation.OP], ...),
        "sure": (bool, True),
    }
    for item in dataclasses.fields(operation):
        if asked is not None and item.name not in asked:
            continue
        default = ... if item.default is dataclasses.MISSING else item.default
        fields[item.name] = (hints[item.name], default)
    return create_model(
        f"Answer{operation.__name__}", __config__=ConfigDict(extra="forbid"), **fields
    )


_MODELS: dict[str, type[BaseModel]] = {op.OP: _answer_model(op) for op in OPERATIONS}
_TYPES: dict[str, type[Operation]] = {op.OP: op for op in OPERATIONS}
_ONE: Any = Annotated[Union[tuple(_MODELS.values())], Field(discriminator="op")]  # noqa: UP007
_LIST: Any = Annotated[list[_ONE], Field(max_length=MAX_OPERATIONS)]
_ANSWER: TypeAdapter[list[BaseModel]] = TypeAdapter(_LIST)


def signatures() -> str:
    """Every operation in one line, as the model's prompt lists them: "add_field(entity,…)"."""
    said = []
    for operation in OPERATIONS:
        names = [n for n in _MODELS[operation.OP].model_fields if n not in ("op", "sure")]
        said.append(f"{operation.OP}({','.join(names)})")
    return ", ".join(said)


class Unreadable(ValueError):
    """An answer that isn't a list of operations on this plan."""


def schema(brief: Brief) -> dict[str, Any]:
    """The JSON schema of an answer, its record kinds and fields bound to `brief`'s own."""
    shape: dict[str, Any] = _untitled(_ANSWER.json_schema())
    slugs = [e.slug for e in brief.entities]
    keys = sorted({f.name for e in brief.entities for f in e.fields})
    for definition in shape.get("$defs", {}).values():
        properties = definition.get("properties", {})
        if "entity" in properties:
            properties["entity"] = {"enum": slugs}
        if "field" in properties:
            properties["field"] = {"enum": keys}
        if "to" in properties:
            properties["to"] = {"enum": slugs}
        if "anchor" in properties:
            properties["anchor"] = {"anyOf": [{"enum": keys}, {"type": "null"}], "default": None}
        if "kind" in properties:
            properties["kind"] = {"enum": list(FIELD_KINDS)}
        if "feature" in properties and brief.features:
            # The features one can turn off are the plan's own, named here rather than in
            # the prompt (the model reads no tokens for them).
            properties["feature"] = {"enum": list(brief.features)}
    return shape


def _untitled(shape: Any) -> Any:
    """The schema without its titles: they only lengthen the grammar the model is held to."""
    if isinstance(shape, dict):
        return {k: _untitled(v) for k, v in shape.items() if k != "title"}
    if isinstance(shape, list):
        return [_untitled(v) for v in shape]
    return shape


def read_answer(brief: Brief, answer: Any) -> Reading:
    """A model's answer as typed operations; raises `Unreadable` for one that isn't."""
    try:
        parsed = _ANSWER.validate_python(answer)
    except ValidationError as error:
        raise Unreadable(f"not a list of operations: {error.error_count()} problem(s)") from None
    reading = Reading()
    for item in parsed:
        operation = _typed(item)
        if getattr(item, "sure", True) or isinstance(operation, Cannot):
            reading.operations.append(operation)
        else:
            request = said(brief, operation)
            reading.suggestions.append(
                Suggestion(
                    f"Did you mean to {request}? Say \u201c{request}\u201d to make it.", request
                )
            )
    return reading


def _typed(item: BaseModel) -> Operation:
    values = item.model_dump(exclude={"op", "sure"})
    operation = _TYPES[str(getattr(item, "op", ""))]
    if operation is SetColour:
        return _colour(str(values["said"]), bool(values.get("accent")))
    return operation(**values)


def _colour(said_as: str, accent: bool) -> Operation:
    # The rules know colour names and shades ("a soft pastel pink"); a colour they can't
    # name is said so.
    words = " ".join(said_as.lower().split())
    if re.fullmatch(r"#[0-9a-f]{6}", words):
        return SetColour(words, words, accent)
    # A colour the model names is said where a colour goes: things ("champagne") are colours
    # here, and shade words ("a dusty pink") move it.
    colour = target_colour(words)
    if colour is None:
        return Cannot(f"We don't know the colour \u201c{said_as}\u201d; name one like dark blue.")
    pale = too_pale(colour[0], colour[1], accent)  # "ivory", "white smoke": as the rules say
    if pale is not None:
        return Cannot(pale)
    # The name said back is the colour and shade words matched, never the model's own words.
    return SetColour(colour[0], colour[1], accent)


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
    if isinstance(operation, MoveField):
        anchor = labels.get((operation.entity, operation.anchor or ""), "")
        where = f"{operation.place} {anchor}" if anchor else operation.place
        verb = "move" if operation.place in ("up", "down") else "put"
        return f"{verb} {label} {where} on {entity}"
    if isinstance(operation, MoveFieldTo):
        return f"move {label} from {entity} to {plural.get(operation.to, '')}"
    if isinstance(operation, Reorder):
        return f"put {entity} {'last' if operation.position is None else 'first'}"
    return "make that change"
