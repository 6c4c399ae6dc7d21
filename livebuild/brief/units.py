"""Samples that fit the unit a detail is counted in: a "rate per word" is cents, not $75, and
a translation's "word count" runs to thousands, not 6 to 20. The unit is the one the founder
said ("rate per word", "nightly rate", "price per kg") or the one the label says ("Hourly
rate"); a detail with no unit said keeps the samples it had."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from decimal import Decimal

from livebuild.brief.model import Entity, Field
from livebuild.brief.seeded import digest

# Lowest, highest and the step between samples.
Span = tuple[str, str, str]
# What one of each unit believably costs: lowest, highest and the step between samples.
_PRICE: dict[str, Span] = {
    "word": ("0.06", "0.24", "0.02"),
    "hour": ("25", "150", "5"),
    "night": ("60", "240", "10"),
    "day": ("90", "350", "10"),
    "week": ("200", "900", "25"),
    "month": ("600", "2400", "50"),
    "kg": ("2.50", "18", "0.50"),
    "km": ("0.80", "3", "0.10"),
    "mile": ("1.20", "4.50", "0.10"),
    "page": ("15", "45", "2.50"),
    "person": ("12", "60", "2"),
    "session": ("25", "80", "5"),
    "item": ("2", "30", "0.50"),
}
# How many of a unit a record believably counts ("Word count" on a translation job).
_COUNT: dict[str, Span] = {
    "word": ("300", "6000", "50"),
    "hour": ("1", "9", "0.5"),
    "night": ("1", "10", "1"),
}
_SAID_UNITS = {
    "word": "word|words",
    "hour": "hour|hours|hr|hrs|hourly",
    "night": "night|nights|nightly",
    "day": "day|days|daily",
    "week": "week|weeks|weekly",
    "month": "month|months|monthly",
    "kg": "kg|kilo|kilos|kilogram|kilograms",
    "km": "km|kilometre|kilometer|kilometres|kilometers",
    "mile": "mile|miles",
    "page": "page|pages",
    "person": "person|head|guest|people",
    "session": "session|lesson|class",
    "item": "item|piece|unit",
}
_UNIT_OF = {word: unit for unit, words in _SAID_UNITS.items() for word in words.split("|")}
_ANY_UNIT = "|".join(sorted(_UNIT_OF, key=len, reverse=True))
_MOST_SAID = 40
_BY = r"(?:per|a|an|each|every|by\s+the|/)"


@dataclasses.dataclass(frozen=True)
class _Said:
    """A unit the idea says a detail is priced in ("rate per word"), and where it says so."""

    at: int
    word: str
    unit: str


def _units_said(idea: str) -> list[_Said]:
    said = [
        _Said(m.start(), m[2].lower(), _UNIT_OF[m[1].lower()])
        for m in re.finditer(r"\b(hourly|nightly|daily|weekly|monthly)\s+(\w+)", idea, re.I)
    ]
    said += [
        _Said(m.start(), m[1].lower(), _UNIT_OF[m[2].lower()])
        for m in re.finditer(
            rf"\b(\w+)\s*(?:\([^)]{{0,12}}\)\s*)?{_BY}\s*({_ANY_UNIT})\b", idea, re.I
        )
    ]
    return said


def _label_unit(field: Field) -> str | None:
    """The unit a money detail's own label says: "Hourly rate", "Price (per kg)"."""
    said = re.search(
        rf"\b(hourly|nightly|daily|weekly|monthly)\b|{_BY}\s*({_ANY_UNIT})\b", field.label.lower()
    )
    return _UNIT_OF[(said.group(1) or said.group(2)).lower()] if said else None


def _word(field: Field) -> str:
    return field.label.lower().split()[-1].rstrip("s") if field.label.split() else ""


def _said_units(entities: Sequence[Entity], idea: str) -> dict[tuple[str, str], str]:
    """(kind's slug, detail's name) -> the unit the idea prices it in. Of the kinds with a
    money detail named by the word ("rate per word"), the one the idea names last before it
    owns it: "students ... the clay stock in kg + price per kg" is the clay's price."""
    owned: dict[tuple[str, str], str] = {}
    lower = idea.lower()
    # An idea says a handful of units; thousands ("a per hour a per hour ...") are no plan.
    for one in _units_said(idea)[:_MOST_SAID]:
        best: tuple[int, tuple[str, str] | None] = (-2, None)
        for entity in entities:
            fields = [
                f
                for f in entity.fields
                if f.kind == "money" and _word(f) == one.word.rstrip("s") and not _label_unit(f)
            ]
            if not fields:
                continue
            names = {entity.singular.lower(), entity.plural.lower()}
            names.add(entity.plural.lower().split()[-1])
            at = max(lower.rfind(name, 0, one.at) for name in names)
            if at > best[0]:
                best = (at, (entity.slug, fields[0].name))
        if best[1] is not None:
            owned.setdefault(best[1], one.unit)
    return owned


def priced_each(entities: Sequence[Entity], idea: str) -> set[tuple[str, str]]:
    """(kind's slug, detail's name) of each amount the idea prices per unit ("price per kg")
    while its label says none: one of each, so a list's totals row averages it, not sums it.
    A label that says its unit ("Price per kg", "Hourly rate") says so itself."""
    return set(_said_units(entities, idea))


def _count_unit(field: Field) -> str | None:
    """The unit a number detail counts: "Word count", "Words", "Hours worked", "Nights"."""
    label = field.label.lower()
    said = re.fullmatch(
        r"(?:number of |no\.? of )?(words|hours|nights)\b.*|(word|hour) count", label
    )
    if said is None:
        return None
    return _UNIT_OF[said.group(1) or said.group(2)]


def _fits(span: Span, value: str) -> bool:
    try:
        return Decimal(span[0]) <= Decimal(value) <= Decimal(span[1])
    except ArithmeticError:
        return False


def _amount(span: Span, seed: int, money: bool) -> str:
    low, high, step = (Decimal(part) for part in span)
    steps = int((high - low) / step)
    value = low + step * (seed % (steps + 1))
    if money:
        return f"{value:.2f}"
    return f"{value.normalize():f}"


def _fitted(entity: Entity, idea: str, units: dict[str, tuple[Span, bool]]) -> Entity:
    seed = tuple(
        {
            **row,
            **{
                name: _amount(span, digest(idea, f"unit-{entity.slug}-{name}") + i * 37, money)
                for name, (span, money) in units.items()
                if row.get(name) and not _fits(span, row[name])
            },
        }
        for i, row in enumerate(entity.seed)
    )
    return dataclasses.replace(entity, seed=seed)


def fit_units(entities: Sequence[Entity], idea: str) -> list[Entity]:
    """`entities` with each money or number detail whose unit was said sampled to fit it; a
    sample that already fits (the catalogue's own "Hourly rate" of 45.00) is kept."""
    said = _said_units(entities, idea)
    out: list[Entity] = []
    for entity in entities:
        units: dict[str, tuple[Span, bool]] = {}
        for field in entity.fields:
            unit = _label_unit(field) or said.get((entity.slug, field.name))
            if field.kind == "money" and unit:
                units[field.name] = (_PRICE[unit], True)
            elif field.kind == "number" and (unit := _count_unit(field)):
                units[field.name] = (_COUNT[unit], False)
        out.append(_fitted(entity, idea, units) if units else entity)
    return out
