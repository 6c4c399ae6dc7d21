"""The domain catalogue: the kinds of product an idea can be recognised as, and their sample data.

The data lives in `catalogue.toml` beside this module. It is read once, checked against the
schema below and turned into frozen dataclasses, so a typo in the file fails loudly at start-up
(naming the domain and entity) instead of producing a broken app for some founder later.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from livebuild.brief.model import Field
from livebuild.brief.schema import FIELD_KINDS, MAX_ENTITIES
from livebuild.brief.text import slugify

_FILE = "catalogue.toml"

# A domain has as many entities as a plan may (each with at least five sample records).
_MAX_ENTITIES = MAX_ENTITIES
_MIN_ROWS = 5
_MIN_FEATURES = 3
# The generic entity takes one sample record per adjective.
_MIN_ADJECTIVES = 6

_KEY = re.compile(r"[a-z][a-z0-9_]*")
_CELL_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "number": (re.compile(r"-?\d+(?:\.\d+)?"), "a number"),
    "money": (re.compile(r"-?\d+\.\d{2}"), "an amount with two decimals"),
    "date": (re.compile(r"\d{4}-\d{2}-\d{2}"), "a YYYY-MM-DD date"),
    "email": (re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"), "an email address"),
}


class CatalogueError(ValueError):
    """The catalogue file does not match its schema; the message says where."""


@dataclass(frozen=True)
class EntitySpec:
    singular: str
    plural: str
    slug: str
    fields: tuple[Field, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Domain:
    key: str
    keywords: tuple[str, ...]
    roots: tuple[str, ...]
    users: str
    problem: str
    taglines: tuple[str, ...]
    features: tuple[str, ...]
    entities: tuple[EntitySpec, ...]
    serif: bool = False
    # Keywords that name a place of many trades ("studio", "club", "school"): they speak of
    # this domain only unqualified or qualified by its own keywords ("a yoga studio"), never
    # as another trade's place ("a pottery studio"; see `venue_words.py`).
    places: tuple[str, ...] = ()
    # Words (or two) that make such a place this domain's own when they qualify it, besides
    # its keywords ("spin" of "a spin studio", "boarding" of "a boarding school"), and the
    # people it serves when said after "for" ("kids" of "a music school for kids").
    place_kinds: tuple[str, ...] = ()
    place_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    domains: tuple[Domain, ...]
    generic_roots: tuple[str, ...]
    suffixes: tuple[str, ...]
    people: tuple[str, ...]
    adjectives: tuple[str, ...]
    notes: tuple[str, ...]


@functools.cache
def shipped_catalogue() -> Catalogue:
    """The catalogue shipped with the package, loaded once."""
    text = resources.files("livebuild.brief").joinpath(_FILE).read_text(encoding="utf-8")
    return parse_catalogue(_parse_toml(text, _FILE), _FILE)


def load_catalogue(path: Path) -> Catalogue:
    """Read and check a catalogue file other than the shipped one."""
    return parse_catalogue(_parse_toml(path.read_text(encoding="utf-8"), str(path)), str(path))


def _parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{source}: not valid TOML: {exc}") from exc


def parse_catalogue(data: Mapping[str, Any], source: str = _FILE) -> Catalogue:
    """Check `data` (a parsed catalogue file) against the schema and build the dataclasses."""
    _keys(data, source, required={"naming", "generic", "domains"})
    naming = _table(data, "naming", source)
    _keys(naming, f"{source} [naming]", required={"generic_roots", "suffixes"})
    generic = _table(data, "generic", source)
    _keys(generic, f"{source} [generic]", required={"people", "adjectives", "notes"})

    suffixes = _strings(naming, "suffixes", f"{source} [naming]")
    # A root ending in a suffix's first letter takes a suffix starting with another letter.
    if len({s[0].lower() for s in suffixes}) < 2:
        raise CatalogueError(f"{source} [naming]: suffixes must start with at least two letters")

    domains = tuple(
        _domain(raw, _label(source, "domain", raw, "key", i))
        for i, raw in enumerate(_tables(data, "domains", source))
    )
    _unique([d.key for d in domains], "domain key", source)
    if not domains:
        raise CatalogueError(f"{source}: needs at least one domain")

    return Catalogue(
        domains=domains,
        generic_roots=_strings(naming, "generic_roots", f"{source} [naming]"),
        suffixes=suffixes,
        people=_strings(generic, "people", f"{source} [generic]"),
        adjectives=_strings(
            generic, "adjectives", f"{source} [generic]", min_items=_MIN_ADJECTIVES
        ),
        notes=_strings(generic, "notes", f"{source} [generic]"),
    )


def _domain(raw: Mapping[str, Any], where: str) -> Domain:
    _keys(
        raw,
        where,
        required={
            "key",
            "keywords",
            "roots",
            "users",
            "problem",
            "taglines",
            "features",
            "entities",
        },
        optional={"serif", "places", "place_kinds", "place_for"},
    )
    key = _string(raw, "key", where)
    if not _KEY.fullmatch(key):
        raise CatalogueError(f"{where}: key must be lowercase letters, digits and underscores")
    keywords = _strings(raw, "keywords", where)
    for keyword in keywords:
        if keyword != keyword.lower().strip():
            raise CatalogueError(f"{where}: keyword {keyword!r} must be lowercase, unpadded")
    serif = raw.get("serif", False)
    if not isinstance(serif, bool):
        raise CatalogueError(f"{where}: serif must be true or false")
    places = _strings(raw, "places", where) if "places" in raw else ()
    for place in places:
        if place not in keywords or " " in place:
            raise CatalogueError(f"{where}: place {place!r} must be a one-word keyword")
    place_kinds = _strings(raw, "place_kinds", where) if "place_kinds" in raw else ()
    place_for = _strings(raw, "place_for", where) if "place_for" in raw else ()
    if (place_kinds or place_for) and not places:
        raise CatalogueError(f"{where}: place_kinds and place_for need places")
    entities = tuple(
        _entity(e, _label(where, "entity", e, "singular", i))
        for i, e in enumerate(_tables(raw, "entities", where))
    )
    if not 1 <= len(entities) <= _MAX_ENTITIES:
        raise CatalogueError(f"{where}: needs 1 to {_MAX_ENTITIES} entities, has {len(entities)}")
    _unique([e.slug for e in entities], "entity slug", where)
    return Domain(
        key=key,
        keywords=keywords,
        roots=_strings(raw, "roots", where),
        users=_string(raw, "users", where),
        problem=_string(raw, "problem", where),
        taglines=_strings(raw, "taglines", where),
        features=_strings(raw, "features", where, min_items=_MIN_FEATURES),
        entities=entities,
        serif=serif,
        places=places,
        place_kinds=place_kinds,
        place_for=place_for,
    )


def _entity(raw: Mapping[str, Any], where: str) -> EntitySpec:
    _keys(raw, where, required={"singular", "plural", "fields", "rows"})
    singular = _string(raw, "singular", where)
    plural = _string(raw, "plural", where)
    fields = tuple(
        _field(f, _label(where, "field", f, "name", i))
        for i, f in enumerate(_tables(raw, "fields", where))
    )
    if not fields:
        raise CatalogueError(f"{where}: needs at least one field")
    _unique([f.name for f in fields], "field name", where)
    # The first field names the record in lists and links, so it is always plain text.
    if fields[0].kind != "text":
        raise CatalogueError(f"{where}: the first field must be of kind 'text'")

    raw_rows = raw["rows"]
    if not isinstance(raw_rows, list) or len(raw_rows) < _MIN_ROWS:
        raise CatalogueError(f"{where}: needs a list of at least {_MIN_ROWS} seed rows")
    rows = tuple(_row(r, fields, f"{where}, seed row {i + 1}") for i, r in enumerate(raw_rows))
    return EntitySpec(
        singular=singular,
        plural=plural,
        slug=slugify(plural, "items"),
        fields=fields,
        rows=rows,
    )


def _field(raw: Mapping[str, Any], where: str) -> Field:
    _keys(raw, where, required={"name", "label", "kind"}, optional={"choices"})
    name = _string(raw, "name", where)
    if not _KEY.fullmatch(name):
        raise CatalogueError(f"{where}: name must be lowercase letters, digits and underscores")
    kind = _string(raw, "kind", where)
    if kind not in FIELD_KINDS:
        raise CatalogueError(
            f"{where}: unknown kind {kind!r}; expected one of {', '.join(FIELD_KINDS)}"
        )
    choices: tuple[str, ...] = ()
    if kind == "choice":
        if "choices" not in raw:
            raise CatalogueError(f"{where}: a choice field needs choices")
        choices = _strings(raw, "choices", where)
        _unique(list(choices), "choice", where)
    elif "choices" in raw:
        raise CatalogueError(f"{where}: only a choice field has choices")
    return Field(name=name, label=_string(raw, "label", where), kind=kind, choices=choices)


def _row(raw: object, fields: tuple[Field, ...], where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(cell, str) for cell in raw):
        raise CatalogueError(f"{where}: must be a list of strings")
    if len(raw) != len(fields):
        raise CatalogueError(f"{where}: has {len(raw)} values for {len(fields)} fields")
    for field, cell in zip(fields, raw, strict=True):
        if cell != cell.strip():
            raise CatalogueError(f"{where}: {field.name} {cell!r} has surrounding spaces")
        if not cell:
            if field is fields[0] or field.kind == "choice":
                raise CatalogueError(f"{where}: {field.name} must not be empty")
            continue
        if field.kind == "choice" and cell not in field.choices:
            raise CatalogueError(
                f"{where}: {field.name} {cell!r} is not one of {', '.join(field.choices)}"
            )
        if field.kind in _CELL_FORMATS:
            pattern, expected = _CELL_FORMATS[field.kind]
            if not pattern.fullmatch(cell) or (field.kind == "date" and not _is_date(cell)):
                raise CatalogueError(f"{where}: {field.name} {cell!r} is not {expected}")
    return tuple(raw)


def _is_date(cell: str) -> bool:
    try:
        date.fromisoformat(cell)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- readers


def _label(parent: str, what: str, raw: Mapping[str, Any], key: str, index: int) -> str:
    """Where an item sits, by name when it has a usable one, else by position."""
    name = raw.get(key)
    return (
        f"{parent}, {what} {name!r}"
        if isinstance(name, str) and name
        else f"{parent}, {what} #{index + 1}"
    )


def _keys(
    table: Mapping[str, Any],
    where: str,
    *,
    required: AbstractSet[str],
    optional: AbstractSet[str] = frozenset(),
) -> None:
    missing = sorted(required - table.keys())
    if missing:
        raise CatalogueError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(table.keys() - required - optional)
    if unknown:
        raise CatalogueError(f"{where}: unknown key {', '.join(unknown)}")


def _table(table: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = table[key]
    if not isinstance(value, dict):
        raise CatalogueError(f"{where}: [{key}] must be a table")
    return value


def _tables(table: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise CatalogueError(f"{where}: {key} must be a list of tables")
    return value


def _string(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where}: {key} must be a non-empty string")
    return value


def _strings(
    table: Mapping[str, Any], key: str, where: str, *, min_items: int = 1
) -> tuple[str, ...]:
    value = table[key]
    if not isinstance(value, list) or not all(
        isinstance(item, str) and item.strip() for item in value
    ):
        raise CatalogueError(f"{where}: {key} must be a list of non-empty strings")
    if len(value) < min_items:
        raise CatalogueError(f"{where}: {key} needs at least {min_items} entries")
    return tuple(value)


def _unique(values: list[str], what: str, where: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise CatalogueError(f"{where}: duplicate {what} {value!r}")
        seen.add(value)
