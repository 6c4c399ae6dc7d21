"""What a change request asks for, as typed operations on the plan.

A reader (the rules, or a model) turns the founder's words into these; only the applier
turns them into a new plan, after checking each against the plan as it stands. Entities
are named by slug and fields by their key, both taken from the plan itself, so nothing the
founder typed is applied as text without being read first.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AddEntity:
    name: str
    fields: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (label, kind, choices)


@dataclass(frozen=True)
class RemoveEntity:
    entity: str


@dataclass(frozen=True)
class RenameEntity:
    entity: str
    new: str


@dataclass(frozen=True)
class AddField:
    entity: str
    label: str
    kind: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemoveField:
    entity: str
    field: str


@dataclass(frozen=True)
class RenameField:
    entity: str
    field: str
    new: str


@dataclass(frozen=True)
class ChangeKind:
    entity: str
    field: str
    kind: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddChoices:
    entity: str
    field: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class Reorder:
    entity: str
    # Where it goes among the others: 0 is first; None is last.
    position: int | None


@dataclass(frozen=True)
class SetName:
    name: str


@dataclass(frozen=True)
class SetTagline:
    text: str


@dataclass(frozen=True)
class SetColour:
    colour: str  # #rrggbb, already shaded
    said: str  # how the founder named it ("dark blue")
    accent: bool = False


@dataclass(frozen=True)
class SetTheme:
    dark: bool


@dataclass(frozen=True)
class FeatureOn:
    text: str


@dataclass(frozen=True)
class FeatureOff:
    feature: str


@dataclass(frozen=True)
class Cannot:
    """A part of the request no app we build can do; `why` says so and names the closest."""

    why: str


Operation = (
    AddEntity
    | RemoveEntity
    | RenameEntity
    | AddField
    | RemoveField
    | RenameField
    | ChangeKind
    | AddChoices
    | Reorder
    | SetName
    | SetTagline
    | SetColour
    | SetTheme
    | FeatureOn
    | FeatureOff
    | Cannot
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
