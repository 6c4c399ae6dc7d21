"""A model's operations in the words and kinds the rules would use: "pickup_time" is the
label Pickup time, a phone number is a phone field whatever kind the model picked, and a
kind the app can't build from one label (a link, a choice without choices) is text."""

from __future__ import annotations

import dataclasses
import re

from livebuild.brief.change_ops import (
    AddChoices,
    AddEntity,
    AddField,
    ChangeKind,
    Operation,
    RenameEntity,
    RenameField,
)
from livebuild.brief.change_words import kind_of

_CODE = re.compile(r"\b(?:number|no|id|code|postcode|zip|reference|ref)$", re.I)


def plain_label(text: str, *, sentence: bool = True) -> str:
    """Words as a founder reads them: no underscores or quotes; a field's label in sentence
    case, a name (`sentence` off) as given."""
    words = re.sub(r"[_\s]+", " ", text).strip(" \"'\u201c\u201d\u2018\u2019").split()
    if sentence and len(words) > 1 and all(w[:1].isupper() for w in words):
        words = [words[0], *(w if w.isupper() else w.lower() for w in words[1:])]
    said = " ".join(words)[:60]
    return said[:1].upper() + said[1:]


def field_kind(label: str, kind: str, choices: tuple[str, ...] = ()) -> str:
    known = kind_of(label)
    if known != "text":
        return known  # the rules know a phone, an email, a date by its name
    if kind == "number" and _CODE.search(label):
        return "text"  # "room number" is written down, not counted
    if kind == "link" or (kind == "choice" and len(choices) < 2):
        return "text"
    return kind


def once(choices: tuple[str, ...]) -> tuple[str, ...]:
    """Each choice once, whatever its case, in the order first said."""
    seen: set[str] = set()
    kept: list[str] = []
    for choice in choices:
        if choice.lower() not in seen:
            seen.add(choice.lower())
            kept.append(choice)
    return tuple(kept)


def tidy(operation: Operation) -> Operation:
    if isinstance(operation, AddChoices | ChangeKind):
        return dataclasses.replace(operation, choices=once(operation.choices))
    if isinstance(operation, AddField):
        said, listed = plain_label(operation.label), once(operation.choices)
        kind = field_kind(said, operation.kind, listed)
        choices = listed if kind == "choice" else ()
        return dataclasses.replace(operation, label=said, kind=kind, choices=choices)
    if isinstance(operation, RenameField):
        return dataclasses.replace(operation, new=plain_label(operation.new))
    if isinstance(operation, RenameEntity):
        return dataclasses.replace(operation, new=plain_label(operation.new, sentence=False))
    if isinstance(operation, AddEntity):
        fields = tuple(
            (plain_label(name), field_kind(plain_label(name), kind), ())
            for name, kind, _ in operation.fields
        )
        return AddEntity(plain_label(operation.name, sentence=False), fields)
    return operation


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower())}


def said_choices(operation: Operation, request: str) -> Operation:
    """Choices added to a field, only those the request says: the model is shown a choice
    field's name, not its choices, and a 1.5B model "added" the ones it guessed were there
    ("add Waitlisted to the booking status options" added Pending, Confirmed and Cancelled
    too). Kept whole when the request says none of them (read in another way)."""
    if not isinstance(operation, AddChoices):
        return operation
    said = _words(request)
    kept = tuple(c for c in operation.choices if _words(c) and _words(c) <= said)
    return dataclasses.replace(operation, choices=kept) if kept else operation
