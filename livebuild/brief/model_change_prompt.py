"""What a model is shown to read a change request: the plan as a short outline, what the founder
pointed at, the request, and one paragraph saying how to answer.

A small local model reads every prompt token on the CPU, so the outline names only what an
answer can point at (record slugs, field keys, labels, kinds) and the app's name and theme; the
answer's shape is held by the schema, not spelt out, unless the model can't be held to it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from livebuild.brief.change_schema import schema, signatures
from livebuild.brief.model import Brief
from livebuild.brief.theme import contrast_ratio

# Bounds on what of the plan goes into the prompt: a plan is already bounded (8 kinds, 12
# fields, 12 choices), these keep the outline short however long its words are.
_LABEL = 40
_TAGLINE = 120
REQUEST_MAX = 1000

INSTRUCTION = (
    "Turn the founder's change request for their app into a JSON list of operations on the "
    "app outlined below, naming a record kind by its slug and a field by its key as the "
    f"outline gives them. Operations: {signatures()}. "
    "Calling the app something is set_name; calling a record kind something else is "
    "rename_entity; rename a field only when the request names it. A new kind of thing to "
    "record, with its own details, is add_entity. Showing a field first, last, before (above) "
    "or after (below) another, or a place up or down, is move_field. set_colour takes the "
    "colour as said (dark blue). Labels are "
    "plain words. Phone numbers, postcodes and ids are kind phone or text. The app can't take "
    "payments, send emails or texts, sync calendars, sign people in, store files or connect "
    "to other services: answer cannot with why. Do only what is asked; sure is false when it "
    "could mean something else."
)


@dataclass(frozen=True)
class Target:
    """What the founder pointed at in their app: a record kind's slug and maybe a field key,
    both checked against the plan (anything else is dropped)."""

    entity: str
    field: str = ""

    @classmethod
    def checked(cls, brief: Brief, raw: dict[str, Any] | None) -> Target | None:
        if not isinstance(raw, dict):
            return None
        said = raw.get("entity")
        named = said.strip().lower() if isinstance(said, str) else None
        # The kind's slug, as the page sends it; its name ("Walk", "walks") from other clients.
        entity = next(
            (e for e in brief.entities if named in (e.slug, e.singular.lower(), e.plural.lower())),
            None,
        )
        if entity is None:
            return None
        field = next((f.name for f in entity.fields if f.name == raw.get("field")), "")
        return cls(entity.slug, field)


def _short(text: str, most: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "\u2026"


def _field(name: str, label: str, kind: str) -> str:
    """ "starts_on date", "phone "Mobile" phone": the label only where the key doesn't say it.
    (Every kind is said, text too: left out, the model read "ok off the lead" as "ok off".)"""
    said = name if label.lower().replace(" ", "_") == name else f'{name} "{_short(label, _LABEL)}"'
    return f"{said} {kind}"


def outline(brief: Brief) -> str:
    """The plan in a few lines: one per record kind, its fields as key, label, kind: the names
    an answer points at. Each prompt token costs the CPU (an outline is read afresh whenever
    it wasn't read ahead), so what no answer names is left out: the tagline, a choice field's
    choices (an answer names the field; added choices are the request's words) and the
    features (the few a feature can be turned off by are the schema's, `change_schema`).
    Measured on round 16's bases: 127-183 tokens with choices and features, 82-132 without."""
    dark = contrast_ratio(brief.theme.background, "#ffffff") > 3
    lines = [
        f"App name: {_short(brief.product_name, 60)}; theme {'dark' if dark else 'light'}",
        "Record kinds (slug: fields):",
    ]
    for entity in brief.entities:
        fields = "; ".join(_field(f.name, f.label, f.kind) for f in entity.fields)
        plural = _short(entity.plural, _LABEL)
        named = (
            entity.slug
            if plural.lower().replace(" ", "-") == entity.slug
            else (f"{entity.slug} ({plural})")
        )
        lines.append(f"- {named}: {fields}")
    return "\n".join(lines)


def pointed(brief: Brief, target: Target | None) -> str:
    if target is None:
        return ""
    entity = next(e for e in brief.entities if e.slug == target.entity)
    if target.field:
        label = next(f.label for f in entity.fields if f.name == target.field)
        return (
            f"\nThe founder pointed at the field {target.field} ({_short(label, _LABEL)}) of "
            f"{entity.slug}: \u201cit\u201d means that field."
        )
    return f"\nThe founder pointed at the {entity.slug} page: \u201cit\u201d means those records."


def system_prompt(brief: Brief, *, constrained: bool) -> str:
    """The instruction, with the answer's JSON schema spelt out for a model not held to it."""
    if constrained:
        return INSTRUCTION
    return (
        INSTRUCTION
        + " The list matches this JSON schema:\n"
        + json.dumps(schema(brief), separators=(",", ":"))
    )


def user_prompt(brief: Brief, request: str, target: Target | None) -> str:
    said = _short(request, REQUEST_MAX)
    return f"{outline(brief)}{pointed(brief, target)}\nThe request:\n<<<\n{said}\n>>>"
