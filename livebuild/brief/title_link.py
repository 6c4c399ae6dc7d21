"""A plan's kind whose records are each one of another kind's, said plainly in the idea:
"Each visit is for one of our patients", "A placement is for one of our families".

Where the plan has no title of its own for that kind (its first field is only the kind's
own name, "Placement" on Placements, with "Placement 1" samples), the record is called by
the record it is for: its first field becomes a pick of the other kind (the link the plan
already has to it, or a new one), each sample naming one of that kind's samples. A kind with
a title of its own, a sentence of any other shape, or a kind that is not the plan's keeps
the plan as it was: never a guess.
"""

from __future__ import annotations

import dataclasses
import re

from livebuild.brief.change_names import key
from livebuild.brief.change_one_of import one_of_said
from livebuild.brief.links import column
from livebuild.brief.model import Entity, Field

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


def titled_by_link(entities: list[Entity], idea: str) -> list[Entity]:
    """`entities`, each kind the idea says is for one of another's called by that record."""
    for sentence in _SENTENCE.split(idea[:4000]):
        said = one_of_said(sentence.strip())
        if said is None:
            continue
        owner, target = _named(entities, said[0]), _named(entities, said[1])
        if owner is None or target is None or not _untitled(entities, owner, target):
            continue
        entities = [_titled(owner, target) if e is owner else e for e in entities]
    return entities


def _named(entities: list[Entity], words: str) -> Entity | None:
    said = key(words)
    found = [e for e in entities if said in (key(e.singular), key(e.plural))]
    return found[0] if len(found) == 1 else None


def _untitled(entities: list[Entity], owner: Entity, target: Entity) -> bool:
    """Whether `owner` has no title but its own name, and may be called by a `target`."""
    first = owner.fields[0]
    return (
        owner is not target
        and first.kind == "text"
        and key(first.label) == key(owner.singular)
        and target.fields[0].kind == "text"
        and not any(e.fields[0].links_to == owner.slug for e in entities)
    )


def _titled(owner: Entity, target: Entity) -> Entity:
    names = (key(target.singular), key(target.plural))
    had = next(
        (
            f
            for f in owner.fields[1:]
            if f.links_to == target.slug or (f.kind == "text" and key(f.label) in names)
        ),
        None,
    )
    name = had.name if had is not None else column(target.singular)
    link = Field(name, target.singular, "link", links_to=target.slug)
    titles = [str(row.get(target.fields[0].name, "")) for row in target.seed] or [""]
    dropped = owner.fields[0].name
    fields = (link, *(f for f in owner.fields[1:] if f is not had and f.name != name))
    seed = tuple(
        {**{k: v for k, v in row.items() if k != dropped}, name: titles[i % len(titles)]}
        for i, row in enumerate(owner.seed)
    )
    return dataclasses.replace(owner, fields=fields, seed=seed)
