"""Believable sample rows for entities and fields the founder adds or changes in the plan.

A built app opens with sample records, so a field the founder adds needs values, and
a value that no longer fits its field (a word in a field that is now a number) is
replaced. Values come, in order of preference, from the records the brief already
has (a field named after another entity lists that entity's records), from the
catalogue's sample data for a field of the same name and kind, and from the
catalogue's generic people, names and notes shaped by the field's kind.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from livebuild.brief.catalogue import shipped_catalogue
from livebuild.brief.model import Entity, Field
from livebuild.brief.seeded import digest
from livebuild.english.grammar import is_person

# An entity the founder adds starts with this many sample records.
NEW_ROWS = 6

_TIME = r"(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?|(?:0?[1-9]|1[0-2])(?:[:.][0-5]\d)?\s*[ap]\.?m\.?)"
_FORMATS: dict[str, re.Pattern[str]] = {
    "number": re.compile(r"-?\d+(?:\.\d+)?"),
    "money": re.compile(r"-?\d+(?:\.\d{1,2})?"),
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "email": re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"),
    # The shapes the generated app's own checks take (`appgen/files/fields.py`: parse_phone,
    # parse_time, parse_datetime, parse_url, parse_boolean), so a value kept from before a
    # field's kind changed ("Summit teacher" in a phone) is replaced.
    "phone": re.compile(
        r"(?=(?:\D*\d){5})\+?[0-9 ().\-/]{3,30}(?:\s*(?:x|ext\.?)\s*\d{1,6})?", re.I
    ),
    "time": re.compile(_TIME, re.I),
    "datetime": re.compile(rf"\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\s*{_TIME})?", re.I),
    "url": re.compile(
        r"(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d+)?"
        r"(?:[/?#][^\s<>\"']*)?",
        re.I,
    ),
    "boolean": re.compile("yes|y|true|1|on|x|\u2713|no|n|false|0|off", re.I),
}
_PERSON_WORDS = frozenset(
    {
        "owner",
        "client",
        "customer",
        "person",
        "contact",
        "author",
        "assignee",
        "member",
        "guest",
        "student",
        "teacher",
        "tutor",
        "coach",
        "host",
        "manager",
        "lead",
        "organiser",
        "organizer",
        "carer",
        "walker",
        "driver",
        "agent",
        "buyer",
        "seller",
        "tenant",
        "landlord",
        "patient",
        "doctor",
        "volunteer",
        "attendee",
        "speaker",
        "who",
        "by",
    }
)


def fits(field: Field, value: str) -> bool:
    """Whether `value` is something the field's kind can hold (blank always can)."""
    if not value:
        return True
    if field.kind == "choice":
        return value in field.choices
    pattern = _FORMATS.get(field.kind)
    return pattern is None or pattern.fullmatch(value) is not None


@functools.lru_cache(maxsize=1 << 12)
def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@functools.cache
def _catalogue_values() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Sample values of every catalogue field, by (entity, field, kind) and by (field, kind).

    A field is known by its name and by its label; an entity by its singular and plural.
    """
    values: dict[tuple[str, ...], list[str]] = {}
    for domain in shipped_catalogue().domains:
        for spec in domain.entities:
            for index, field in enumerate(spec.fields):
                column = [row[index] for row in spec.rows if row[index]]
                for key in {_key(field.name), _key(field.label)}:
                    for owner in {_key(spec.singular), _key(spec.plural)}:
                        values.setdefault((owner, key, field.kind), []).extend(column)
                    # A title ("Name") only makes sense for the entity it names.
                    if index:
                        values.setdefault((key, field.kind), []).extend(column)
    return {key: tuple(dict.fromkeys(column)) for key, column in values.items()}


_TIMES = ("09:00", "09:30", "11:15", "13:45", "16:00", "18:30")


def _shaped(kind: str, singular: str, n: int) -> str:
    """A value of a kind with a shape of its own (a phone, a web address, a time, yes or no),
    or "" for any other kind. Phones are in 555-0100 to 555-0199, kept for made-up numbers."""
    if kind == "phone":
        return f"555-01{(n * 23 + 11) % 100:02d}"
    if kind == "url":
        return f"https://example.com/{re.sub(r'[^a-z0-9]+', '-', singular.lower()).strip('-')}"
    if kind == "boolean":
        return ("yes", "no")[n % 2]
    if kind == "time":
        return _TIMES[n % len(_TIMES)]
    if kind == "datetime":
        return f"2026-{1 + n % 6:02d}-{1 + (n * 9) % 28:02d} {_TIMES[n % len(_TIMES)]}"
    return ""


def _generic(field: Field, singular: str, salt: int, i: int, title: bool) -> str:
    names = shipped_catalogue()
    words = set(_key(field.label).split()) | set(_key(field.name).split())
    if field.kind == "choice":
        return field.choices[(i + salt) % len(field.choices)]
    if field.kind == "number":
        return str(1 + (i * 7 + salt) % 24)
    if field.kind == "money":
        return f"{10 + (i * 37 + salt) % 190}.{(i + salt) % 4 * 25:02d}"
    if field.kind == "date":
        return f"2026-{1 + (i + salt) % 6:02d}-{1 + (i * 9 + salt) % 28:02d}"
    shaped = _shaped(field.kind, singular, salt + i)
    if shaped:
        return shaped
    person = names.people[(i + salt) % len(names.people)]
    if field.kind == "email":
        return person.lower().replace(" ", ".") + "@example.com"
    if field.kind == "longtext":
        return names.notes[(i + salt) % len(names.notes)]
    if title:
        return f"{names.adjectives[(i + salt) % len(names.adjectives)]} {singular.lower()}"
    if words & _PERSON_WORDS or ("name" in words and is_person(singular)):
        return person  # an order's "Customer"; a "Name" only on a record of people
    return f"{names.adjectives[(i * 3 + salt) % len(names.adjectives)]} {field.label.lower()}"


def _pool(entity: Entity, index: int, titles: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Known values for a field like this one, if the brief or the catalogue has some."""
    field = entity.fields[index]
    keys = tuple(dict.fromkeys((_key(field.name), _key(field.label))))
    if index and field.kind in ("text", "choice"):
        for key in keys:
            fitting = tuple(v for v in titles.get(key, ()) if fits(field, v))
            if fitting:
                return fitting
    catalogue = _catalogue_values()
    owners = (_key(entity.singular), _key(entity.plural))
    lookups: list[tuple[str, ...]] = [(owner, key, field.kind) for owner in owners for key in keys]
    if index:
        lookups += [(key, field.kind) for key in keys]
    for lookup in lookups:
        fitting = tuple(v for v in catalogue.get(lookup, ()) if fits(field, v))
        if fitting:
            return fitting
    return ()


def sample_rows(
    entity: Entity,
    rows: Sequence[Mapping[str, str]],
    idea: str,
    titles: Mapping[str, tuple[str, ...]],
) -> tuple[dict[str, str], ...]:
    """`rows` kept where they still fit `entity`'s fields, completed with made-up values.

    `titles` maps another entity's singular and plural (lower case) to its records' titles,
    so a field that refers to it ("Pet" on a visit) names real records.
    """
    count = len(rows) or NEW_ROWS
    result: list[dict[str, str]] = [{} for _ in range(count)]
    for index, field in enumerate(entity.fields):
        salt = digest(idea, f"sample-{entity.slug}-{field.name}") % 997
        pool = _pool(entity, index, titles)
        for i in range(count):
            given = rows[i].get(field.name, "") if i < len(rows) else ""
            if given and fits(field, given):
                value = given
            elif i < len(rows) and field.name in rows[i] and not given:
                value = ""
            elif pool:
                value = pool[(i + salt) % len(pool)]
            else:
                value = _generic(field, entity.singular, salt, i, title=index == 0)
            result[i][field.name] = value
    return tuple(result)
