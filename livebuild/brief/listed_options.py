"""The kinds of one record, listed after its "of", as a choice on that record.

"stock of cones, flakes and lollies" keeps one record, Stock, whose Type is Cones, Flakes or
Lollies: the kinds are what a founder picks from, not records of their own (`english.records`
keeps them out of the plan's record kinds).
"""

from __future__ import annotations

import dataclasses

from livebuild.brief.model import Entity, Field
from livebuild.brief.schema import MAX_CHOICES, MAX_FIELDS
from livebuild.english.forms import singular
from livebuild.english.reading import Reading
from livebuild.english.records import options_of

# Fewer than this are no choice ("my stock of balloons" is what the stock is).
_FEWEST = 2


def _with_type(entity: Entity, options: tuple[str, ...]) -> Entity:
    choices = tuple(o[:1].upper() + o[1:] for o in options[:MAX_CHOICES])
    field = Field("type", "Type", "choice", choices)
    fields = (entity.fields[0], field, *entity.fields[1:])
    seed = tuple({**row, "type": choices[n % len(choices)]} for n, row in enumerate(entity.seed))
    return dataclasses.replace(entity, fields=fields, seed=seed)


def _not_had(options: tuple[str, ...], entity: Entity, entities: list[Entity]) -> tuple[str, ...]:
    """`options`, but not a detail `entity` already has ("orders (date, cake, price and
    customer)": its Date, Cake, Price and Customer) nor a record of its own ("Customers")."""
    had = {w for f in entity.fields for w in (f.name, f.label.lower())}
    had |= {e.singular.lower() for e in entities} | {e.plural.lower() for e in entities}
    return tuple(o for o in options if o.lower() not in had and singular(o.lower()) not in had)


def with_listed_options(entities: list[Entity], reading: Reading) -> list[Entity]:
    """`entities`, each with a Type choice of the kinds the idea lists after its "of"."""
    placed: list[Entity] = []
    for entity in entities:
        head = entity.singular.lower().split()[-1]
        options = _not_had(options_of(reading, head), entity, entities)
        taken = {f.name for f in entity.fields} & {"type", "category"}
        if len(options) >= _FEWEST and not taken and len(entity.fields) < MAX_FIELDS:
            entity = _with_type(entity, options)
        placed.append(entity)
    return placed
