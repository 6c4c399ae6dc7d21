"""Samples that fit the unit a detail is counted in: a "rate per word" is cents, not $75, and
a translation's "word count" runs to thousands, not 6 to 20. The unit is the one the founder
said ("rate per word", "nightly rate", "price per kg") or the one the label says ("Hourly
rate"); a detail with no unit said keeps the samples it had."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from livebuild.brief.model import Entity, Field
from livebuild.brief.seeded import digest

# What one of each unit believably costs: lowest, highest and the step between samples.
_PRICE: dict[str, tuple[str, str, str]] = {
    "word": ("0.06", "0.24", "0.02"),
    "hour": ("25", "95", "5"),
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
_COUNT: dict[str, tuple[str, str, str]] = {
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
_BY = r"(?:per|a|an|each|every|by\s+the|/)"


def _money_unit(field: Field, idea: str) -> str | None:
    """The unit a money detail is priced in: "Hourly rate", or the idea's "rate per word"."""
    label = field.label.lower()
    said = re.search(rf"\b(hourly|nightly|daily|weekly|monthly)\b|{_BY}\s*({_ANY_UNIT})\b", label)
    if said is None and label.split():
        word = re.escape(label.split()[-1])
        said = re.search(
            rf"\b(hourly|nightly|daily|weekly|monthly)\s+{word}s?\b"
            rf"|\b{word}s?\s*(?:\([^)]{{0,12}})?{_BY}\s*({_ANY_UNIT})\b",
            idea,
            re.I,
        )
    if not said:
        return None
    return _UNIT_OF[(said.group(1) or said.group(2)).lower()]


def _count_unit(field: Field) -> str | None:
    """The unit a number detail counts: "Word count", "Words", "Hours worked", "Nights"."""
    label = field.label.lower()
    said = re.fullmatch(
        r"(?:number of |no\.? of )?(words|hours|nights)\b.*|(word|hour) count", label
    )
    if said is None:
        return None
    return _UNIT_OF[said.group(1) or said.group(2)]


def _fits(span: tuple[str, str, str], value: str) -> bool:
    try:
        return Decimal(span[0]) <= Decimal(value) <= Decimal(span[1])
    except ArithmeticError:
        return False


def _amount(span: tuple[str, str, str], seed: int, money: bool) -> str:
    low, high, step = (Decimal(part) for part in span)
    steps = int((high - low) / step)
    value = low + step * (seed % (steps + 1))
    if money:
        return f"{value:.2f}"
    return f"{value.normalize():f}"


def fit_units(entity: Entity, idea: str) -> Entity:
    """`entity` with each money or number detail whose unit was said sampled to fit it; a
    sample that already fits (the catalogue's own "Hourly rate" of 45.00) is kept."""
    fitted: dict[str, tuple[tuple[str, str, str], bool]] = {}
    for field in entity.fields:
        if field.kind == "money" and (unit := _money_unit(field, idea)) in _PRICE:
            fitted[field.name] = (_PRICE[unit], True)
        elif field.kind == "number" and (unit := _count_unit(field)) in _COUNT:
            fitted[field.name] = (_COUNT[unit], False)
    if not fitted:
        return entity
    seed = tuple(
        {
            **row,
            **{
                name: _amount(span, digest(idea, f"unit-{entity.slug}-{name}") + i * 37, money)
                for name, (span, money) in fitted.items()
                if row.get(name) and not _fits(span, row[name])
            },
        }
        for i, row in enumerate(entity.seed)
    )
    return dataclasses.replace(entity, seed=seed)
