"""Reading and writing records of every kind, and the links between them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

import content
import fields
import schema
from fields import badge, money, nice_date, parse_date, parse_number  # noqa: F401
from schema import connect, quote_ident, table, title_link, title_sql
from web import esc, url

Entity = dict[str, Any]
Record = dict[str, str]
PAGE_SIZE = 50
# The key a record read here holds its readable title under, where its title is a link.
TITLE = "__title"


def startup() -> None:
    schema.migrate()


def columns(entity: Entity) -> list[str]:
    return [field["name"] for field in entity["fields"]]


def entity_by_slug(slug: str) -> Entity | None:
    return next((e for e in content.ENTITIES if e["slug"] == slug), None)


def _row(row: sqlite3.Row) -> Record:
    return {key: "" if value is None else str(value) for key, value in dict(row).items()}


def _where(entity: Entity, query: str, filters: dict[str, str]) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if query:
        clause, values = _search(entity, query)
        clauses.append(clause)
        params += values
    for name, value in filters.items():
        if value and name in columns(entity):
            clauses.append(f"r.{quote_ident(name)} = ?")
            params.append(value)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _search(entity: Entity, query: str) -> tuple[str, list[object]]:
    """The records whose fields hold `query` as typed, in any case. Looked up in the trigram
    indexes without reading every record; short queries (and a Python without FTS5) read the
    table. A title picked from another kind is searched as it reads ("Smith" finds the
    placements of the Smith family), through that kind's index."""
    target = title_link(entity)
    like = "%" + _escaped(query) + "%"
    # As it reads: a picked title by its record's name (never by its number), the rest as kept.
    read = [c for c in schema.searched(entity) if target is None or c != columns(entity)[0]]
    exact = [f"r.{quote_ident(c)} LIKE ? ESCAPE '\\'" for c in read]
    if target is not None:
        exact.append(f"{title_sql(entity, 'r')} LIKE ? ESCAPE '\\'")
    scan: tuple[str, list[object]] = ("(" + (" OR ".join(exact) or "0") + ")", [like] * len(exact))
    slugs = [entity["slug"]] + ([target["slug"]] if target is not None else [])
    if len(query.strip()) < 3 or not set(slugs) <= schema.SEARCHABLE:
        return scan
    phrase = '"' + query.replace('"', '""') + '"'
    index = quote_ident(schema.search_index(entity))
    found = f"r.id IN (SELECT rowid FROM {index} WHERE {index} MATCH ?)"
    if target is None:
        return found, [phrase]
    theirs = quote_ident(schema.search_index(target))
    title = columns(entity)[0]
    picked = (
        f"r.{quote_ident(title)} IN (SELECT CAST(rowid AS TEXT) FROM {theirs}"
        f" WHERE {theirs} MATCH ?)"
    )
    # The index finds the other fields as kept, in any case of any letter. The title is kept
    # as the picked record's number: the indexes say which records may read as `query` (the
    # picked name, a name kept as text), and the title as shown decides on those only.
    others = '- {"' + title.replace('"', '""') + '"} : ' + phrase
    shown = f"{title_sql(entity, 'r')} LIKE ? ESCAPE '\\'"
    # Each of the three ORed looked up in an index (SQLite's multi-index OR): no table scan.
    sql = f"({found} OR ({found} AND {shown}) OR ({picked} AND {shown}))"
    return sql, [others, phrase, like, phrase, like]


def _order(entity: Entity, sort: str) -> str:
    name = sort.lstrip("-")
    field = next((f for f in entity["fields"] if f["name"] == name), None)
    direction = "DESC" if sort.startswith("-") else "ASC"
    if name == "id":
        return f"id {direction}"
    if field is None:
        return "id DESC"
    column = quote_ident(name)
    if field is entity["fields"][0] and title_link(entity) is not None:
        column = f"{title_sql(entity, 'r')} COLLATE NOCASE"
    if field["kind"] in fields.NUMERIC:
        column = f"CAST(NULLIF({column}, '') AS REAL)"
    return f"{column} {direction}, id DESC"


def list_records(
    entity: Entity,
    query: str = "",
    filters: dict[str, str] | None = None,
    *,
    sort: str = "",
    limit: int = 500,
    offset: int = 0,
) -> list[Record]:
    where, params = _where(entity, query, filters or {})
    with closing(connect()) as conn:
        order = _order(entity, sort)
        rows = conn.execute(
            f"SELECT {selected(entity)} FROM {table(entity)} r{where} ORDER BY {order}"
            " LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_row(row) for row in rows]


def count(entity: Entity, query: str = "", filters: dict[str, str] | None = None) -> int:
    where, params = _where(entity, query, filters or {})
    with closing(connect()) as conn:
        return int(
            conn.execute(f"SELECT COUNT(*) FROM {table(entity)} r{where}", params).fetchone()[0]
        )


def summary(
    entity: Entity, query: str = "", filters: dict[str, str] | None = None
) -> tuple[int, dict[str, float]]:
    """How many records a list shows, and the sum (or the average) of each field that adds up
    (or averages) over them; an average is over the records that have a value."""
    wanted = [(f["name"], fields.totalled(f)) for f in entity["fields"] if fields.totalled(f)]
    where, params = _where(entity, query, filters or {})
    columns = "".join(
        f", {'TOTAL' if how == 'sum' else 'AVG'}(CAST(NULLIF({quote_ident(n)}, '') AS REAL))"
        for n, how in wanted
    )
    with closing(connect()) as conn:
        sql = f"SELECT COUNT(*){columns} FROM {table(entity)} r{where}"
        row = conn.execute(sql, params).fetchone()
    found = {name: row[i + 1] for i, (name, how) in enumerate(wanted)}
    return int(row[0]), {n: float(v) for n, v in found.items() if v is not None}


def sums_of(entity: Entity, records: list[Record]) -> dict[str, float]:
    """The sum (or the average) of each field that adds up (or averages) over `records`."""
    out: dict[str, float] = {}
    for field in entity["fields"]:
        how = fields.totalled(field)
        values = [fields.parse_number(r.get(field["name"], "")) for r in records]
        numbers = [v for v in values if v is not None]
        if how == "sum":
            out[field["name"]] = sum(numbers)
        elif how == "average" and numbers:
            out[field["name"]] = sum(numbers) / len(numbers)
    return out


def selected(entity: Entity) -> str:
    """Every column, and where the title is picked from another kind, the title it reads."""
    if title_link(entity) is None:
        return "r.*"
    return f"r.*, {title_sql(entity, 'r')} AS {quote_ident(TITLE)}"


def get(entity: Entity, record_id: int) -> Record | None:
    if not 0 < record_id < 2**63:
        return None  # no record has that number (and the database can't be asked it)
    with closing(connect()) as conn:
        row = conn.execute(
            f"SELECT {selected(entity)} FROM {table(entity)} r WHERE id = ?", (record_id,)
        ).fetchone()
        return None if row is None else _row(row)


def _assignments(entity: Entity, values: Record) -> tuple[list[str], list[str]]:
    cols = columns(entity)
    return [quote_ident(c) for c in cols], [values.get(c, "") for c in cols]


def insert(entity: Entity, values: Record, conn: sqlite3.Connection | None = None) -> int:
    names, params = _assignments(entity, values)
    sql = (
        f"INSERT INTO {table(entity)} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    )
    if conn is not None:
        return int(conn.execute(sql, params).lastrowid or 0)
    with closing(connect()) as own, own:
        return int(own.execute(sql, params).lastrowid or 0)


def update(entity: Entity, record_id: int, values: Record) -> bool:
    names, params = _assignments(entity, values)
    # A sample saved over by the founder is theirs from then on: no longer marked "Example".
    sets = ", ".join([f"{name} = ?" for name in names] + [f"{schema.SAMPLE} = 0"])
    with closing(connect()) as conn, conn:
        cursor = conn.execute(
            f"UPDATE {table(entity)} SET {sets} WHERE id = ?", (*params, record_id)
        )
        return cursor.rowcount > 0


def linking_fields(entity: Entity) -> list[tuple[Entity, dict[str, Any]]]:
    """Every (record kind, field) that links to `entity`."""
    return [
        (other, field)
        for other in content.ENTITIES
        for field in other["fields"]
        if field["kind"] == "link" and field.get("links_to") == entity["slug"]
    ]


def backlinks(
    entity: Entity, record_id: int, limit: int = 50
) -> list[tuple[Entity, Any, list[Record]]]:
    found = []
    for other, field in linking_fields(entity):
        records = list_records(other, filters={field["name"]: str(record_id)}, limit=limit)
        if records:
            found.append((other, field, records))
    return found


def delete(entity: Entity, record_id: int, linked: str = "unlink") -> None:
    """Delete a record; records linking to it lose the link, or go too when `linked` is delete."""
    record = get(entity, record_id)
    name = title_of(entity, record) if record is not None else ""
    with closing(connect()) as conn, conn:
        for other, field in linking_fields(entity):
            column = quote_ident(field["name"])
            if linked == "delete" and other is not entity:
                conn.execute(f"DELETE FROM {table(other)} WHERE {column} = ?", (str(record_id),))
            elif field is other["fields"][0]:
                # A record named by the one deleted keeps its name, as text: never untitled.
                conn.execute(
                    f"UPDATE {table(other)} SET {column} = ? WHERE {column} = ?",
                    (schema.kept(name), str(record_id)),
                )
            else:
                conn.execute(
                    f"UPDATE {table(other)} SET {column} = '' WHERE {column} = ?", (str(record_id),)
                )
        conn.execute(f"DELETE FROM {table(entity)} WHERE id = ?", (record_id,))


def title_of(entity: Entity, record: Record) -> str:
    value = record.get(entity["fields"][0]["name"], "")
    target = title_link(entity)
    if target is not None:
        if TITLE in record:
            value = record[TITLE]
        elif value.isdigit():
            value = titles(target, {value}).get(value, "")
        value = schema.unmarked(value)
    return value or "Untitled"


def is_sample(record: Record) -> bool:
    """Whether `record` is one of the samples the app came with (the mark its row carries,
    read with the row): marked "Example" wherever it is listed, so an invented person never
    passes for a customer, and a founder's record called like a sample is never marked."""
    return record.get(schema.SAMPLE) == "1"


def titles(target: Entity, ids: set[str]) -> dict[str, str]:
    wanted = sorted(i for i in ids if i.isdigit())[:1000]
    if not wanted:
        return {}
    title = title_sql(target, "t")
    with closing(connect()) as conn:
        rows = conn.execute(
            f"SELECT id, {title} FROM {table(target)} t"
            f" WHERE id IN ({','.join('?' * len(wanted))})",
            wanted,
        )
        return {str(row[0]): str(row[1] or "Untitled") for row in rows}


def link_titles(entity: Entity, records: list[Record]) -> dict[str, dict[str, str]]:
    """For each link field of `entity`: linked id -> the linked record's title."""
    found: dict[str, dict[str, str]] = {}
    for field in entity["fields"]:
        target = entity_by_slug(field.get("links_to") or "") if field["kind"] == "link" else None
        if target is not None:
            found[field["name"]] = titles(target, {r.get(field["name"], "") for r in records})
    return found


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matches(target: Entity, text: str, limit: int = 20) -> list[tuple[str, str]]:
    """Records of `target` whose title holds `text` (any case), those it starts first;
    one more than `limit` at most, so a caller can tell there are more."""
    title = title_sql(target, "t")
    held, starts = "%" + _escaped(text) + "%", _escaped(text) + "%"
    with closing(connect()) as conn:
        rows = conn.execute(
            f"SELECT id, {title} FROM {table(target)} t WHERE {title} LIKE ? ESCAPE '\\'"
            f" ORDER BY {title} LIKE ? ESCAPE '\\' DESC, {title} COLLATE NOCASE, id LIMIT ?",
            (held, starts, limit + 1),
        )
        return [(str(row[0]), str(row[1] or "Untitled")) for row in rows]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def find_link(field: dict[str, Any], form: dict[str, str]) -> tuple[str, str]:
    """The id a link field's form holds, and a plain message when it holds none that can
    be kept. With the picker's script the id comes chosen; without it the name typed is
    looked up, and a name several records share asks to pick one of them."""
    target = entity_by_slug(field.get("links_to") or "")
    name, label = field["name"], field["label"].lower()
    if target is None:
        return "", ""
    picked = form.get(name + "__pick", "").strip()
    chosen = form.get(name, "").strip()
    typed = form.get(name + "__find")
    for candidate in (picked, chosen):
        record = get(target, int(candidate)) if candidate.isdigit() else None
        if record is not None and (
            candidate == picked or typed is None or _same(typed, title_of(target, record))
        ):
            return candidate, ""
    text = (typed or "").strip()[:200]
    if typed is None and chosen:
        return chosen, f"Please pick one of the listed {label} options."
    if not text:
        return "", ""
    found = matches(target, text)
    exact = [(i, t) for i, t in found if _same(t, text)]
    if chosen and not chosen.isdigit() and _same(text, schema.unmarked(chosen)):
        # A name kept as text, left as it was: kept, unless one record is called exactly it.
        return (exact[0][0] if len(exact) == 1 else chosen), ""
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0][0], ""
    noun = target["singular"].lower()
    if not found:
        return "", f"No {noun} is called \u201c{text}\u201d: check the spelling, or add it first."
    return "", f"More than one {noun} matches \u201c{text}\u201d: pick one of those listed."


def display(
    field: dict[str, Any], value: str, full: bool = False, linked: dict[str, str] | None = None
) -> str:
    if field["kind"] != "link":
        return fields.display(field, value, full)
    target = entity_by_slug(field.get("links_to") or "")
    if not value or target is None:
        return '<span class="muted">&mdash;</span>'
    names = linked if linked is not None else titles(target, {value})
    if value not in names and not value.isdigit():
        # A name kept as text: no record of the other kind is called it (yet).
        return f'{esc(schema.unmarked(value))} <span class="muted">(not linked)</span>'
    if value not in names:
        return '<span class="muted">(deleted)</span>'
    href = url(f"/{target['slug']}/{value}")
    return f'<a href="{esc(href)}">{esc(names[value])}</a>'


def validate(entity: Entity, form: dict[str, str]) -> tuple[Record, dict[str, str]]:
    """Clean submitted values; return them with a plain message per field that can't be kept."""
    values: Record = {}
    errors: dict[str, str] = {}
    for index, field in enumerate(entity["fields"]):
        raw = form.get(field["name"], "").strip()
        if field["kind"] == "link":
            value, error = find_link(field, form)
            if not value and not error and index == 0:
                error = f"{field['label']} is required."
            if field["name"] + "__find" in form:  # shown again as typed, if not saved
                values[field["name"] + "__find"] = form[field["name"] + "__find"]
        else:
            value, error = fields.check(field, raw, index)
        values[field["name"]] = value
        if error:
            errors[field["name"]] = error
    return values, errors
