"""The records a brief's app keeps: a catalogue domain's entities, or one generic entity."""

from __future__ import annotations

from livebuild.brief.catalogue import EntitySpec, shipped_catalogue
from livebuild.brief.model import Entity, Field
from livebuild.brief.seeded import digest
from livebuild.brief.text import plural, slugify

# The most sample records an entity starts with.
_MAX_SEED = 8


def build_entity(spec: EntitySpec, idea: str) -> Entity:
    """The catalogue entity, its sample rows rotated so different ideas lead with different ones."""
    rows = spec.rows
    start = digest(idea, "seed-" + spec.singular) % len(rows)
    rotated = rows[start:] + rows[:start]
    seed = tuple(
        {f.name: value for f, value in zip(spec.fields, row, strict=True)}
        for row in rotated[:_MAX_SEED]
    )
    return Entity(
        singular=spec.singular,
        plural=spec.plural,
        slug=spec.slug,
        fields=spec.fields,
        seed=seed,
    )


def generic_entity(noun: str | None, idea: str) -> Entity:
    """An entity named after the idea's main noun, for ideas outside every domain."""
    samples = shipped_catalogue()
    if not noun or not noun.isascii():
        noun = "item"
    singular = noun.capitalize()
    plural_name = plural(singular)
    fields = (
        Field("name", "Name", "text"),
        Field("category", "Category", "choice", ("Core", "Premium", "Community", "Experimental")),
        Field("status", "Status", "choice", ("Active", "Draft", "Archived")),
        Field("owner", "Owner", "text"),
        Field("updated", "Last updated", "date"),
        Field("notes", "Notes", "longtext"),
    )
    people, notes = samples.people, samples.notes
    offset = digest(idea, "generic") % len(people)
    seed: list[dict[str, str]] = []
    for i, adjective in enumerate(samples.adjectives[:6]):
        seed.append(
            {
                "name": f"{adjective} {noun}",
                "category": fields[1].choices[(i + offset) % 4],
                "status": fields[2].choices[(i * 2 + offset) % 3],
                "owner": people[(i + offset) % len(people)],
                "updated": f"2026-{1 + (i + offset) % 4:02d}-{3 + (i * 5 + offset) % 25:02d}",
                "notes": notes[(i + offset) % len(notes)],
            }
        )
    return Entity(singular, plural_name, slugify(plural_name, "items"), fields, tuple(seed))
