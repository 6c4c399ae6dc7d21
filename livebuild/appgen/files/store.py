"""SQLite storage for every entity: schema, seeds, queries, validation."""

from __future__ import annotations

import math
import os
import re
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import content
from web import esc

Entity = dict[str, Any]
Record = dict[str, str]

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_LENGTH = {"longtext": 5000}
DEFAULT_MAX_LENGTH = 200


def db_path() -> Path:
    folder = os.environ.get("APP_DATA_DIR") or str(Path(__file__).resolve().parent / "data")
    return Path(folder) / "app.sqlite3"


def connect() -> sqlite3.Connection:
    conn = sqlite3.connect(db_path(), timeout=10)
    conn.row_factory = sqlite3.Row
    return conn


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table(entity: Entity) -> str:
    return quote_ident("records_" + entity["slug"].replace("-", "_"))


def columns(entity: Entity) -> list[str]:
    return [field["name"] for field in entity["fields"]]


def startup() -> None:
    """Create tables and seed each entity once (a later empty table stays empty)."""
    db_path().parent.mkdir(parents=True, exist_ok=True)
    with closing(connect()) as conn, conn:
        conn.execute("CREATE TABLE IF NOT EXISTS seeded (slug TEXT PRIMARY KEY)")
        for entity in content.ENTITIES:
            cols = ", ".join(f"{quote_ident(c)} TEXT NOT NULL DEFAULT ''" for c in columns(entity))
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {table(entity)} (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                " "
                f"{cols}, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
            )
            if (
                conn.execute("SELECT 1 FROM seeded WHERE slug = ?", (entity["slug"],)).fetchone()
                is None
            ):
                for row in reversed(entity["seed"]):
                    _insert(conn, entity, row)
                conn.execute("INSERT INTO seeded (slug) VALUES (?)", (entity["slug"],))


def _row(row: sqlite3.Row) -> Record:
    return {key: "" if value is None else str(value) for key, value in dict(row).items()}


def list_records(
    entity: Entity,
    query: str = "",
    filter_field: str = "",
    filter_value: str = "",
    limit: int = 500,
) -> list[Record]:
    clauses: list[str] = []
    params: list[object] = []
    if query:
        like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(
            "(" + " OR ".join(f"{quote_ident(c)} LIKE ? ESCAPE '\\'" for c in columns(entity)) + ")"
        )
        params += [like] * len(columns(entity))
    if filter_value and filter_field in columns(entity):
        clauses.append(f"{quote_ident(filter_field)} = ?")
        params.append(filter_value)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    with closing(connect()) as conn:
        rows = conn.execute(
            f"SELECT * FROM {table(entity)}{where} ORDER BY id DESC LIMIT ?", (*params, limit)
        )
        return [_row(row) for row in rows]


def count(entity: Entity) -> int:
    with closing(connect()) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table(entity)}").fetchone()[0])


def get(entity: Entity, record_id: int) -> Record | None:
    with closing(connect()) as conn:
        row = conn.execute(f"SELECT * FROM {table(entity)} WHERE id = ?", (record_id,)).fetchone()
        return None if row is None else _row(row)


def _insert(conn: sqlite3.Connection, entity: Entity, values: Record) -> int:
    cols = columns(entity)
    sql = (
        f"INSERT INTO {table(entity)} ({', '.join(quote_ident(c) for c in cols)}) "
        f"VALUES ({', '.join('?' for _ in cols)})"
    )
    cursor = conn.execute(sql, [values.get(c, "") for c in cols])
    return int(cursor.lastrowid or 0)


def insert(entity: Entity, values: Record) -> int:
    with closing(connect()) as conn, conn:
        return _insert(conn, entity, values)


def delete(entity: Entity, record_id: int) -> None:
    with closing(connect()) as conn, conn:
        conn.execute(f"DELETE FROM {table(entity)} WHERE id = ?", (record_id,))


def parse_number(raw: str) -> float | None:
    cleaned = re.sub(r"[\s,]", "", raw)
    for symbol in ("$", "£", "€", content.CURRENCY):
        cleaned = cleaned.replace(symbol, "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_date(raw: str) -> date | None:
    if not ISO_DATE.fullmatch(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def validate(entity: Entity, form: dict[str, str]) -> tuple[Record, dict[str, str]]:
    """Clean submitted values; return them with a friendly message per invalid field."""
    values: Record = {}
    errors: dict[str, str] = {}
    for index, field in enumerate(entity["fields"]):
        name, label, kind = field["name"], field["label"], field["kind"]
        raw = form.get(name, "").strip()
        values[name] = raw
        if not raw:
            if index == 0:
                errors[name] = f"{label} is required."
            continue
        limit = MAX_LENGTH.get(kind, DEFAULT_MAX_LENGTH)
        if len(raw) > limit:
            errors[name] = f"{label} is too long (at most {limit} characters)."
        elif kind == "number":
            number = parse_number(raw)
            if number is None:
                errors[name] = f"{label} must be a number, like 12 or 3.5."
            else:
                values[name] = (
                    str(int(number)) if number.is_integer() and abs(number) < 1e15 else str(number)
                )
        elif kind == "money":
            amount = parse_number(raw)
            if amount is None or amount < 0:
                errors[name] = f"{label} must be an amount, like 49.99."
            else:
                values[name] = f"{amount:.2f}"
        elif kind == "date":
            day = parse_date(raw)
            if day is None:
                errors[name] = f"{label} must be a real date, like 2026-05-14."
            else:
                values[name] = day.isoformat()
        elif kind == "email" and not EMAIL.fullmatch(raw):
            errors[name] = f"{label} must be an email address, like name@example.com."
        elif kind == "choice" and raw not in field["choices"]:
            errors[name] = f"Please pick one of the listed options for {label.lower()}."
    return values, errors


def badge(field: dict[str, Any], value: str) -> str:
    if not value:
        return ""
    choices = field.get("choices") or []
    tone = choices.index(value) % 6 if value in choices else 5
    return f'<span class="badge tone-{tone}">{esc(value)}</span>'


def money(value: float) -> str:
    return f"{content.CURRENCY}{value:,.2f}"


def nice_date(day: date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


def display(field: dict[str, Any], value: str, full: bool = False) -> str:
    """HTML for one value, formatted for its kind."""
    if not value:
        return '<span class="muted">&mdash;</span>'
    kind = field["kind"]
    if kind == "money":
        amount = parse_number(value)
        return esc(money(amount)) if amount is not None else esc(value)
    if kind == "date":
        day = parse_date(value)
        return esc(nice_date(day)) if day is not None else esc(value)
    if kind == "choice":
        return badge(field, value)
    if kind == "email":
        return f'<a href="mailto:{esc(value)}">{esc(value)}</a>'
    if kind == "longtext" and not full and len(value) > 90:
        return esc(value[:88].rstrip() + "\u2026")
    return esc(value).replace("\n", "<br>")
