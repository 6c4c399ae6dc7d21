"""What a change request asks for, as typed operations on the plan: described once, here.

A reader (the rules, or a model) turns the founder's words into these; only the applier
turns them into a new plan, after checking each against the plan as it stands. Entities
are named by slug and fields by their key, both taken from the plan itself, so nothing the
founder typed is applied as text without being read first.

Each operation's `OP` and field types (with their bounds) are the only description of it:
the model's JSON schema, its parser and the one-line list of operations in its prompt are
all derived from these classes (`change_schema`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints

from livebuild.brief.schema import (
    CHOICE_MAX,
    COLUMN_MAX,
    FEATURE_MAX,
    LABEL_MAX,
    MAX_CHOICES,
    MAX_ENTITIES,
    MAX_FIELDS,
    PRODUCT_NAME_MAX,
    SLUG_MAX,
    TAGLINE_MAX,
)

# Bounds on every string and list an operation holds (a model's answer is held to them).
Slug = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SLUG_MAX)]
Key = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=COLUMN_MAX)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LABEL_MAX)]
Kind = Annotated[str, StringConstraints(min_length=1, max_length=20)]
Choice = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=CHOICE_MAX)
]
Choices = Annotated[tuple[Choice, ...], Field(max_length=MAX_CHOICES)]
NewField = tuple[Name, Kind, Choices]  # (label, kind, choices)
Why = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Place = Literal["first", "last", "before", "after", "up", "down"]


@dataclass(frozen=True)
class AddEntity:
    OP: ClassVar[str] = "add_entity"
    name: Name
    fields: Annotated[tuple[NewField, ...], Field(max_length=MAX_FIELDS - 1)] = ()


@dataclass(frozen=True)
class RemoveEntity:
    OP: ClassVar[str] = "remove_entity"
    entity: Slug


@dataclass(frozen=True)
class RenameEntity:
    OP: ClassVar[str] = "rename_entity"
    entity: Slug
    new: Name


@dataclass(frozen=True)
class AddField:
    OP: ClassVar[str] = "add_field"
    entity: Slug
    label: Name
    kind: Kind = "text"
    choices: Choices = ()


@dataclass(frozen=True)
class RemoveField:
    OP: ClassVar[str] = "remove_field"
    entity: Slug
    field: Key


@dataclass(frozen=True)
class RenameField:
    OP: ClassVar[str] = "rename_field"
    entity: Slug
    field: Key
    new: Name


@dataclass(frozen=True)
class ChangeKind:
    OP: ClassVar[str] = "change_kind"
    # `to` is the rules' own: the kind a link picks from when the field's name doesn't say it.
    ASKED: ClassVar[tuple[str, ...]] = ("entity", "field", "kind", "choices")
    entity: Slug
    field: Key
    kind: Kind
    choices: Choices = ()
    to: Slug | None = None


@dataclass(frozen=True)
class AddChoices:
    OP: ClassVar[str] = "add_choices"
    entity: Slug
    field: Key
    choices: Annotated[tuple[Choice, ...], Field(min_length=1, max_length=MAX_CHOICES)]


@dataclass(frozen=True)
class MoveField:
    """A field moved among its record kind's fields: `first`, `last`, `before`/`after` the
    field `anchor`, or one place `up`/`down`. The form, the list and the record page show
    fields in this order."""

    OP: ClassVar[str] = "move_field"
    entity: Slug
    field: Key
    place: Place = "first"
    anchor: Key | None = None


@dataclass(frozen=True)
class MoveFieldTo:
    """A field moved to another record kind (`to`, a slug): "the phone should be on the
    owner, not the appointment". The values already typed go with it where one record says
    which of the other it is for (a link, or a field holding its name)."""

    OP: ClassVar[str] = "move_field_to"
    entity: Slug
    field: Key
    to: Slug


@dataclass(frozen=True)
class Reorder:
    """A record kind moved in the navigation: 0 is first; None is last."""

    OP: ClassVar[str] = "reorder"
    entity: Slug
    position: Annotated[int, Field(ge=0, le=MAX_ENTITIES)] | None = None


@dataclass(frozen=True)
class SetName:
    OP: ClassVar[str] = "set_name"
    name: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PRODUCT_NAME_MAX)
    ]


@dataclass(frozen=True)
class SetTagline:
    OP: ClassVar[str] = "set_tagline"
    text: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TAGLINE_MAX)
    ]


@dataclass(frozen=True)
class SetColour:
    """`said` is how the founder named it ("dark blue"); `colour` is it as #rrggbb, shaded
    by the rules (a model gives only `said`)."""

    OP: ClassVar[str] = "set_colour"
    ASKED: ClassVar[tuple[str, ...]] = ("said", "accent")
    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9a-f]{6}$")]
    said: Name
    accent: bool = False


@dataclass(frozen=True)
class SetTheme:
    OP: ClassVar[str] = "set_theme"
    dark: bool


@dataclass(frozen=True)
class FeatureOn:
    OP: ClassVar[str] = "feature_on"
    text: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=FEATURE_MAX)
    ]


@dataclass(frozen=True)
class FeatureOff:
    OP: ClassVar[str] = "feature_off"
    feature: Why


@dataclass(frozen=True)
class Cannot:
    """A part of the request no app we build can do; `why` says so and names the closest."""

    OP: ClassVar[str] = "cannot"
    why: Why


Operation = (
    AddEntity
    | RemoveEntity
    | RenameEntity
    | AddField
    | RemoveField
    | RenameField
    | ChangeKind
    | AddChoices
    | MoveField
    | MoveFieldTo
    | Reorder
    | SetName
    | SetTagline
    | SetColour
    | SetTheme
    | FeatureOn
    | FeatureOff
    | Cannot
)
OPERATIONS: tuple[type[Operation], ...] = (
    AddField,
    RemoveField,
    RenameField,
    ChangeKind,
    AddChoices,
    MoveField,
    MoveFieldTo,
    AddEntity,
    RemoveEntity,
    RenameEntity,
    Reorder,
    SetName,
    SetTagline,
    SetColour,
    SetTheme,
    FeatureOn,
    FeatureOff,
    Cannot,
)


@dataclass(frozen=True)
class Suggestion:
    """A reading we are not sure of: `text` asks, `change_request` is what to send to confirm."""

    text: str
    change_request: str

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "change_request": self.change_request}


@dataclass
class Reading:
    """What one request was read as: operations to make, and parts not understood or unsure."""

    operations: list[Operation] = field(default_factory=list)
    not_understood: list[str] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    # Of `not_understood`, the parts asking for what the plan already has.
    already: list[str] = field(default_factory=list)

    def refused(self, line: str, *, already: bool = False) -> None:
        """A part not made, saying why; `already`: because the plan has it already."""
        self.not_understood.append(line)
        if already:
            self.already.append(line)
