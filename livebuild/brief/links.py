"""Links between a plan's records: a field on one naming a record of another, with samples.

The model's decisions say what belongs to what (`from_decisions`); for the work a trade implies
(`implied`), the rules link it to what the idea says the work is done to and for: a walk to its
dog, its walker and its owner, a tuning to its piano and its client.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from livebuild.brief.model import MAX_FIELDS, Entity, Field
from livebuild.brief.things import kind_of
from livebuild.english.forms import as_singular

# The most links the rules give one implied record.
_MOST_LINKS = 3


def column(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40]


def with_field(entity: Entity, field: Field, values: list[str]) -> Entity:
    """`entity` with `field` added before its notes, each sample row given its value."""
    fields = list(entity.fields)
    at = len(fields) - 1 if fields and fields[-1].kind == "longtext" else len(fields)
    fields.insert(at, field)
    seed = tuple({**row, field.name: values[i]} for i, row in enumerate(entity.seed))
    return dataclasses.replace(entity, fields=tuple(fields), seed=seed)


def add_link(entity: Entity, target: Entity) -> Entity:
    """A link from `entity` to `target`, replacing a text field that named it."""
    name = column(target.singular)
    titles = [str(row.get(target.fields[0].name, "")) for row in target.seed] or [""]
    values = [titles[i % len(titles)] for i in range(len(entity.seed))]
    link = Field(name, target.singular, "link", links_to=target.slug)
    if name == entity.fields[0].name:
        return entity  # the title names the record itself: it stays text
    existing = next((f for f in entity.fields if f.name == name), None)
    if existing is not None:
        if existing.kind not in ("text", "choice"):
            return entity
        fields = tuple(link if f.name == name else f for f in entity.fields)
        seed = tuple({**row, name: values[i]} for i, row in enumerate(entity.seed))
        return dataclasses.replace(entity, fields=fields, seed=seed)
    if len(entity.fields) >= MAX_FIELDS:
        return entity
    return with_field(entity, link, values)


def _head(entity: Entity) -> str:
    return as_singular(entity.singular.lower().split()[-1])


def linked_work(entities: list[Entity], work: str, heads: Sequence[str]) -> list[Entity]:
    """`entities` with the record of `work` ("walk") linked to those whose head is one of
    `heads` (the dog it is done to, the walker who does it, the owner it is for), in that
    order; a record that already links to one of them keeps its own link."""
    at = next((n for n, e in enumerate(entities) if _head(e) == work), None)
    if at is None:
        return entities
    linked = {f.links_to for f in entities[at].fields if f.kind == "link"}
    # One way only: a record that links to the work already is not linked back.
    back = {e.slug for e in entities for f in e.fields if f.links_to == entities[at].slug}
    added = 0
    for head in dict.fromkeys(heads):
        target = next((e for e in entities if _head(e) == head and e is not entities[at]), None)
        if target is None or target.slug in linked | back or added >= _MOST_LINKS:
            continue
        entities[at] = add_link(entities[at], target)
        linked.add(target.slug)
        added += 1
    return entities


def one_way(entities: list[Entity]) -> list[Entity]:
    """`entities` with each pair linked both ways linked one way only: a pair linked both
    ways has no order to make its samples in, and one side's column would show none. The
    record of work or money keeps its link (an order names its product, a class its
    teacher); otherwise the record said first does."""
    out = list(entities)
    slugs = [e.slug for e in out]
    for n in range(len(out)):
        for field in out[n].fields:
            other = slugs.index(field.links_to) if field.links_to in slugs else n
            if field.kind != "link" or other == n or slugs[n] not in _links_of(out[other]):
                continue
            work = [kind_of(_head(out[at])) in ("event", "money") for at in (n, other)]
            keeps = (n if work[0] else other) if work[0] != work[1] else min(n, other)
            lose = other if keeps == n else n
            drop = {f.name for f in out[lose].fields if f.links_to == out[keeps].slug}
            out[lose] = out[lose].without(drop)
    return out


def _links_of(entity: Entity) -> set[str]:
    return {f.links_to for f in entity.fields if f.kind == "link"}
