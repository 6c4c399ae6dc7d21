"""Spreadsheets in and out: export each record kind as CSV, import a CSV into one.

An import is all or nothing: every row is checked first, and one row that can't be
kept means no row is saved, with a plain message per row that needs fixing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from contextlib import closing
from typing import Any

import fields
import schema
import store

Entity = dict[str, Any]
MAX_ROWS = 50_000
MAX_SHOWN_ERRORS = 50


def export(entity: Entity) -> str:
    """Every record, one row each, headed by the field labels; links as the linked title."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([f["label"] for f in entity["fields"]])
    offset = 0
    while True:
        batch = store.list_records(entity, sort="id", limit=2000, offset=offset)
        if not batch:
            break
        linked = store.link_titles(entity, batch)
        for record in batch:
            writer.writerow(
                [
                    _linked(linked.get(f["name"], {}), record.get(f["name"], ""))
                    if f["kind"] == "link"
                    else _safe(record.get(f["name"], ""))
                    for f in entity["fields"]
                ]
            )
        offset += len(batch)
    return buffer.getvalue()


def _linked(titles: dict[str, str], value: str) -> str:
    """A link's cell: the linked record's title, or a name kept as text as it is."""
    if value in titles:
        return _safe(titles[value])
    return "" if value.isdigit() else _safe(schema.unmarked(value))


def _safe(value: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets; a quote keeps it text.
    if value[:1] in ("=", "+", "-", "@") and fields.parse_number(value) is None:
        return "'" + value
    return value


def parse(text: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a CSV (comma, semicolon or tab separated)."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = list(reader)
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        return [], []
    # Blank rows stay (and are skipped later), so row numbers are the spreadsheet's own.
    return [h.strip() for h in rows[0]], rows[1:]


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def guess_mapping(entity: Entity, header: list[str]) -> dict[int, str]:
    """Column index -> field name, matching headers to labels or names."""
    by_key: dict[str, str] = {}
    for field in entity["fields"]:
        by_key.setdefault(_key(field["label"]), field["name"])
        by_key.setdefault(_key(field["name"]), field["name"])
    mapping: dict[int, str] = {}
    for index, title in enumerate(header):
        name = by_key.get(_key(title))
        if name is not None and name not in mapping.values():
            mapping[index] = name
    return mapping


def _link_lookup(entity: Entity) -> dict[str, dict[str, str]]:
    """For each link field: lower-case title or id of a linkable record -> its id; the
    title's cells are names only (a family called "2" is not family 2)."""
    found: dict[str, dict[str, str]] = {}
    for index, field in enumerate(entity["fields"]):
        target = store.entity_by_slug(field.get("links_to") or "")
        if field["kind"] != "link" or target is None:
            continue
        title = schema.title_sql(target, "t")
        with closing(schema.connect()) as conn:
            rows = conn.execute(f"SELECT id, {title} FROM {schema.table(target)} t").fetchall()
        lookup = {str(r[0]): str(r[0]) for r in rows} if index else {}
        lookup.update({str(r[1]).strip().lower(): str(r[0]) for r in rows})
        found[field["name"]] = lookup
    return found


def check(
    entity: Entity, rows: list[list[str]], mapping: dict[int, str]
) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """The rows as records, and one {"row", "message"} per row that can't be kept."""
    links = _link_lookup(entity)
    by_name = {f["name"]: (i, f) for i, f in enumerate(entity["fields"])}
    records: list[dict[str, str]] = []
    problems: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        raw = {name: (row[i].strip() if i < len(row) else "") for i, name in mapping.items()}
        values: dict[str, str] = {}
        messages: list[str] = []
        for name, (index, field) in by_name.items():
            value, error = fields.check(field, raw.get(name, ""), index)
            if field["kind"] == "link" and value and not error:
                # A quote the export put before = + - @ is not part of the name.
                said = (
                    value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@") else value
                )
                value = links.get(name, {}).get(said.lower(), "")
                if not value and index == 0:
                    value = schema.kept(said)  # kept as written, as a version or a delete does
                elif not value:
                    error = f"No {field['label'].lower()} called \u201c{raw[name]}\u201d."
            values[name] = value
            if error:
                messages.append(error)
        if messages:
            problems.append({"row": number, "message": " ".join(messages)})
        records.append(values)
    return records, problems


def save_all(entity: Entity, records: list[dict[str, str]]) -> int:
    """Insert every record in one transaction: all of them, or none."""
    with closing(schema.connect()) as conn, conn:
        for values in records:
            store.insert(entity, values, conn)
    return len(records)


def import_text(entity: Entity, text: str, mapping: dict[int, str] | None = None) -> dict[str, Any]:
    """Check and import a whole CSV; {"imported": n} or {"detail", "rows"} when refused."""
    header, rows = parse(text)
    if not header:
        return {"detail": "The file is empty.", "rows": []}
    if len(rows) > MAX_ROWS:
        return {"detail": f"Please import at most {MAX_ROWS:,} rows at a time.", "rows": []}
    chosen = mapping if mapping is not None else guess_mapping(entity, header)
    title = entity["fields"][0]
    if title["name"] not in chosen.values():
        return {
            "detail": f"No column is matched to {title['label']}, which every row needs.",
            "rows": [],
        }
    records, problems = check(entity, rows, chosen)
    if problems:
        things = "row needs" if len(problems) == 1 else "rows need"
        return {
            "detail": f"Nothing was imported: {len(problems):,} {things} fixing first.",
            "rows": problems[:MAX_SHOWN_ERRORS],
        }
    return {"imported": save_all(entity, records)}


def as_json(result: dict[str, Any]) -> str:
    return json.dumps(result)
