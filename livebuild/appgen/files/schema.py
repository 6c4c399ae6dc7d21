"""The app's SQLite schema, upgraded on every start: any version runs over older data.

Upgrading only ever adds: a missing table or column is created, nothing is dropped.
A field or record kind the plan no longer has keeps its column or table, unseen, so a
version that still has it shows its values again. Renames waiting in `carry.json` in
the data folder (written when a new version takes over an older version's data) are
made first, once. A downloaded app also ships `renames.json`, the renames between its
versions: each step the data folder has not had yet (the database notes the version
that last upgraded it) is made, once, so these files run over any older version's data.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import content

Entity = dict[str, Any]
_NAME = re.compile(r"[a-z0-9_-]{1,80}")


def data_dir() -> Path:
    return Path(os.environ.get("APP_DATA_DIR") or Path(__file__).resolve().parent / "data")


def db_path() -> Path:
    return data_dir() / "app.sqlite3"


def connect() -> sqlite3.Connection:
    conn = sqlite3.connect(db_path(), timeout=10)
    conn.row_factory = sqlite3.Row
    return conn


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_name(slug: str) -> str:
    return "records_" + slug.replace("-", "_")


def table(entity: Entity) -> str:
    return quote_ident(table_name(entity["slug"]))


def entity_of(slug: object) -> Entity | None:
    return next((e for e in content.ENTITIES if e["slug"] == slug), None)


def title_link(entity: Entity) -> Entity | None:
    """The record kind `entity`'s title is picked from ("each placement is for one of our
    families"), or None when its title is its own text."""
    first = entity["fields"][0]
    return entity_of(first.get("links_to")) if first["kind"] == "link" else None


def title_sql(entity: Entity, alias: str) -> str:
    """SQL for a record's readable title (`alias` names its row): its first field, or, where
    that picks a record of another kind, that record's title; a name kept as text (the
    linked record deleted, or an older version's title no record matched) reads as kept."""
    column = f"{alias}.{quote_ident(entity['fields'][0]['name'])}"
    target = title_link(entity)
    if target is None:
        return column
    title = quote_ident(target["fields"][0]["name"])
    return (
        f"COALESCE((SELECT lt.{title} FROM {table(target)} lt WHERE lt.id = {column}"
        f" AND {column} <> '' AND {column} NOT GLOB '*[^0-9]*'), {column})"
    )


def existing_columns(conn: sqlite3.Connection, name: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f"PRAGMA table_info({quote_ident(name)})")]


def has_rows(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {quote_ident(name)} LIMIT 1").fetchone() is not None


def _rename_table(conn: sqlite3.Connection, old: str, new: str) -> None:
    if not existing_columns(conn, old):
        return
    if existing_columns(conn, new):
        if has_rows(conn, new):
            return  # both hold records: neither is touched
        conn.execute(f"DROP TABLE {quote_ident(new)}")
    conn.execute(f"ALTER TABLE {quote_ident(old)} RENAME TO {quote_ident(new)}")


def _rename_column(conn: sqlite3.Connection, slug: str, old: str, new: str) -> None:
    columns = existing_columns(conn, table_name(slug))
    if old in columns and new not in columns:
        conn.execute(
            f"ALTER TABLE {quote_ident(table_name(slug))} RENAME COLUMN"
            f" {quote_ident(old)} TO {quote_ident(new)}"
        )


def apply_carried_renames(conn: sqlite3.Connection) -> None:
    """Make the renames a newer plan asked for, once; a file that makes no sense is ignored."""
    path = data_dir() / "carry.json"
    try:
        plan = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    _apply(conn, plan)
    path.unlink(missing_ok=True)


def _renames(plan: object) -> tuple[list[list[str]], list[list[str]]] | None:
    """A step's table and column renames, or None when it makes no sense."""
    if not isinstance(plan, dict):
        return None
    tables = [p for p in plan.get("tables", []) if isinstance(p, list) and len(p) == 2]
    columns = [c for c in plan.get("columns", []) if isinstance(c, list) and len(c) == 3]
    if not all(_ok(n) for pair in tables + columns for n in pair):
        return None
    return tables, columns


def _apply(conn: sqlite3.Connection, plan: object) -> None:
    found = _renames(plan)
    if found is None:
        return
    tables, columns = found
    for old, new in tables:
        _rename_table(conn, table_name(old), table_name(new))
        conn.execute("INSERT OR IGNORE INTO seeded (slug) VALUES (?)", (new,))
        conn.execute("UPDATE OR IGNORE field_links SET slug = ? WHERE slug = ?", (new, old))
        conn.execute("UPDATE field_links SET links_to = ? WHERE links_to = ?", (new, old))
    for slug, old, new in columns:
        _rename_column(conn, slug, old, new)
        conn.execute(
            "UPDATE OR IGNORE field_links SET field = ? WHERE slug = ? AND field = ?",
            (new, slug, old),
        )
    moves = plan.get("moves", []) if isinstance(plan, dict) else []
    for move in moves if isinstance(moves, list) else []:
        if isinstance(move, list) and len(move) == 5 and all(_ok(n) for n in move):
            _move_values(conn, *move)


def _move_values(
    conn: sqlite3.Connection, source: str, column: str, target: str, via: str, way: str
) -> None:
    """A field moved to another record kind takes the values typed on the old one: `up`,
    each record of `target` the latest value of those of `source` whose `via` names it (by
    id or title); `down`, each of `target` the value of the one of `source` its `via`
    names. Only empty values are filled, once; the old column stays, unseen."""
    old, new = table_name(source), table_name(target)
    have, into = existing_columns(conn, old), existing_columns(conn, new)
    checked = via in (have if way == "up" else into) and way in ("up", "down")
    if column not in have or not into or not checked:
        return
    if column not in into:
        conn.execute(
            f"ALTER TABLE {quote_ident(new)} ADD COLUMN {quote_ident(column)}"
            " TEXT NOT NULL DEFAULT ''"
        )
    s, t, c, v = quote_ident(old), quote_ident(new), quote_ident(column), quote_ident(via)
    # The title is a table's first column after its id.
    title = quote_ident(next(n for n in (into if way == "up" else have) if n != "id"))
    if way == "up":
        names = f"(s.{v} = CAST({t}.id AS TEXT) OR lower(trim(s.{v})) = lower(trim({t}.{title})))"
        order = "s.id DESC"
    else:
        names = f"(CAST(s.id AS TEXT) = {t}.{v} OR lower(trim(s.{title})) = lower(trim({t}.{v})))"
        order = "s.id"
    found = f"SELECT s.{c} FROM {s} s WHERE {names} AND s.{c} <> '' ORDER BY {order} LIMIT 1"
    conn.execute(f"UPDATE {t} SET {c} = ({found}) WHERE {c} = '' AND EXISTS ({found})")


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def apply_shipped_renames(conn: sqlite3.Connection) -> None:
    """Make the renames of each version after the one that last upgraded this data, once."""
    try:
        shipped = json.loads((Path(__file__).resolve().parent / "renames.json").read_text("utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(shipped, dict):
        return
    conn.execute("CREATE TABLE IF NOT EXISTS upgraded (id INTEGER PRIMARY KEY, version INTEGER)")
    row = conn.execute("SELECT version FROM upgraded WHERE id = 1").fetchone()
    done = _int(row[0]) if row is not None else 0
    steps = shipped.get("steps")
    for step in steps if isinstance(steps, list) else []:
        if isinstance(step, dict) and _int(step.get("version")) > done:
            _apply(conn, step)
    conn.execute(
        "INSERT OR REPLACE INTO upgraded (id, version) VALUES (1, ?)",
        (max(done, _int(shipped.get("version"))),),
    )


def _ok(value: object) -> bool:
    return isinstance(value, str) and _NAME.fullmatch(value) is not None


# The column a sample row carries 1 in: set when the samples are written, never by a form
# (no field's column starts with "_"), so a founder's record called like a sample is theirs.
SAMPLE = "__sample"
_FLAG = "INTEGER NOT NULL DEFAULT 0"


def mark_old_samples(conn: sqlite3.Connection, entity: Entity) -> None:
    """Data written before samples carried their mark: the rows the first start wrote (the
    first numbers of a list that had none) called as this version's samples are marked, once;
    a founder's record, written after them, is not, whatever it is called."""
    first = entity["fields"][0]["name"]
    names = sorted({str(row.get(first, "")) for row in entity.get("seed", [])} - {""})
    if not names:
        return
    name = table(entity)
    conn.execute(
        f"UPDATE {name} SET {SAMPLE} = 1 WHERE id IN (SELECT r.id FROM {name} r WHERE r.id <= ?"
        f" AND {title_sql(entity, 'r')} IN ({', '.join('?' for _ in names)}))",
        (len(entity.get("seed", [])), *names),
    )


def ensure_table(conn: sqlite3.Connection, entity: Entity) -> None:
    name = table_name(entity["slug"])
    columns = [f["name"] for f in entity["fields"]]
    definitions = ", ".join(f"{quote_ident(c)} TEXT NOT NULL DEFAULT ''" for c in columns)
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {quote_ident(name)} (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        f" {definitions}, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, {SAMPLE} {_FLAG})"
    )
    have = set(existing_columns(conn, name))
    for column in columns:
        if column not in have:
            conn.execute(
                f"ALTER TABLE {quote_ident(name)} ADD COLUMN {quote_ident(column)}"
                " TEXT NOT NULL DEFAULT ''"
            )
    if "created_at" not in have and have:
        conn.execute(
            f"ALTER TABLE {quote_ident(name)} ADD COLUMN created_at TEXT NOT NULL DEFAULT ''"
        )
    if SAMPLE not in have:
        conn.execute(f"ALTER TABLE {quote_ident(name)} ADD COLUMN {SAMPLE} {_FLAG}")
        if have:
            mark_old_samples(conn, entity)
    for position, field in enumerate(entity["fields"]):
        # Links, dates and the title are looked up and sorted on; money and numbers sort as
        # numbers, so their index is on the number (the expression the lists sort by).
        column = quote_ident(field["name"])
        if field["kind"] in ("money", "number"):
            column = f"CAST(NULLIF({column}, '') AS REAL)"
        elif position and field["kind"] not in ("link", "date", "datetime"):
            continue
        index = quote_ident(f"ix_{name}_{field['name']}")
        conn.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {quote_ident(name)} ({column})")


def search_index(entity: Entity) -> str:
    return table_name(entity["slug"]) + "__search"


def searched(entity: Entity) -> list[str]:
    """The fields a search looks in: a title picked from another kind too, for the names it
    keeps as text (its picked records' names are found through their own kind's index)."""
    first = entity["fields"][0]
    return [f["name"] for f in entity["fields"] if f["kind"] != "link" or f is first]


# The record kinds with a search index this start made sure of (store.py asks).
SEARCHABLE: set[str] = set()


def _readable(conn: sqlite3.Connection, index: str) -> bool:
    try:
        conn.execute(f"SELECT rowid FROM {quote_ident(index)} LIMIT 0").fetchall()
    except sqlite3.OperationalError:
        return False
    return True


def ensure_search(conn: sqlite3.Connection, entity: Entity) -> None:
    """A trigram index of the fields a search looks in, kept up to date by triggers (so any
    version's code writing here keeps it), made again when the fields change. Where this
    Python's SQLite has no FTS5, searches read the table instead."""
    name, index = table_name(entity["slug"]), search_index(entity)
    columns = [quote_ident(c) for c in searched(entity)]
    want = (
        f"CREATE VIRTUAL TABLE {quote_ident(index)} USING fts5({', '.join(columns)},"
        f" content='{name}', content_rowid='id', tokenize='trigram')"
    )
    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (index,)).fetchone()
    if row is None or row[0] != want or not _readable(conn, index):
        # Its triggers go first: on a Python without FTS5 they would stop every write.
        try:
            for stale in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
                " AND name LIKE '%\\_\\_search\\_a_' ESCAPE '\\'",
                (name,),
            ).fetchall():
                conn.execute(f"DROP TRIGGER IF EXISTS {quote_ident(stale[0])}")
            conn.execute(f"DROP TABLE IF EXISTS {quote_ident(index)}")
            conn.execute(want)
        except sqlite3.OperationalError:
            return  # no FTS5 with trigrams here
        fts, names = quote_ident(index), ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        add = f"INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new});"
        drop = f"INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
        for suffix, event, body in (
            ("ai", "AFTER INSERT", add),
            ("ad", "AFTER DELETE", drop),
            ("au", "AFTER UPDATE", drop + " " + add),
        ):
            conn.execute(
                f"CREATE TRIGGER {quote_ident(index + '_' + suffix)} {event} ON"
                f" {quote_ident(name)} BEGIN {body} END"
            )
        conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")
    SEARCHABLE.add(entity["slug"])


def seeding_order() -> list[Entity]:
    """Entities whose samples others link to come first."""
    ordered: list[Entity] = []
    pending = list(content.ENTITIES)
    while pending:
        ready = [
            e
            for e in pending
            if all(
                f.get("links_to") in {o["slug"] for o in ordered} | {e["slug"]}
                or f["kind"] != "link"
                for f in e["fields"]
            )
        ] or pending[:1]
        ordered += ready
        pending = [e for e in pending if e not in ready]
    return ordered


def _linked_id(conn: sqlite3.Connection, field: dict[str, Any], value: str, index: int) -> str:
    """A sample's link: the record of the other kind titled `value`, else the index-th one."""
    target = entity_of(field.get("links_to"))
    if target is None:
        return ""
    name = table(target)
    title = title_sql(target, "t")
    row = conn.execute(f"SELECT id FROM {name} t WHERE {title} = ? LIMIT 1", (value,)).fetchone()
    if row is None:
        ids = [r[0] for r in conn.execute(f"SELECT id FROM {name} ORDER BY id LIMIT 20")]
        return str(ids[index % len(ids)]) if ids else ""
    return str(row[0])


def seed(conn: sqlite3.Connection, entity: Entity) -> None:
    columns = [f["name"] for f in entity["fields"]]
    rows = list(reversed(entity["seed"]))
    for index, sample in enumerate(rows):
        values = dict(sample)
        for field in entity["fields"]:
            if field["kind"] == "link":
                values[field["name"]] = _linked_id(
                    conn, field, sample.get(field["name"], ""), index
                )
        conn.execute(
            f"INSERT INTO {table(entity)} ({', '.join(quote_ident(c) for c in columns)}, {SAMPLE})"
            f" VALUES ({', '.join('?' for _ in columns)}, 1)",
            [str(values.get(c, "")) for c in columns],
        )


# A name kept as text in a link field that is all digits starts with this invisible mark,
# so it never reads as a record's number ("2" the family called "2", not family 2).
MARK = "\u2060"


def kept(name: str) -> str:
    """`name` as it is kept as text in a link field: never read as a record's number."""
    return MARK + name if name.isdigit() else name


def unmarked(value: str) -> str:
    return value[1:] if value.startswith(MARK) and value[1:].isdigit() else value


def _track(conn: sqlite3.Connection) -> bool:
    """Make sure of the table of what each field picked from at the last start ('' for
    typed); False when this data had none yet (an older version's, or new)."""
    had = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'field_links'").fetchone()
    conn.execute(
        "CREATE TABLE IF NOT EXISTS field_links (slug TEXT NOT NULL, field TEXT NOT NULL,"
        " links_to TEXT NOT NULL DEFAULT '', PRIMARY KEY (slug, field))"
    )
    return had is not None


def _title_of_table(conn: sqlite3.Connection, slug: str, alias: str) -> str | None:
    """SQL for the title of a record of `slug` (a kind this version may no longer have)."""
    target = entity_of(slug)
    if target is not None:
        return title_sql(target, alias)
    names = [n for n in existing_columns(conn, table_name(slug)) if n != "id"]
    return f"{alias}.{quote_ident(names[0])}" if names else None


def unlink(conn: sqlite3.Connection, entity: Entity, field: dict[str, Any], was: str) -> None:
    """A field that picked records of `was` and no longer does: each record's number is
    written back as the picked record's name ("Smith family", never "2")."""
    column, name = quote_ident(field["name"]), table(entity)
    title = _title_of_table(conn, was, "o")
    if title is not None:
        conn.execute(
            f"UPDATE {name} SET {column} = COALESCE((SELECT {title} FROM"
            f" {quote_ident(table_name(was))} o WHERE o.id = {name}.{column}), {column})"
            f" WHERE {column} <> '' AND {column} NOT GLOB '*[^0-9]*'"
        )
    conn.execute(
        f"UPDATE {name} SET {column} = substr({column}, 2) WHERE {column} GLOB ?"
        f" AND substr({column}, 2) <> '' AND substr({column}, 2) NOT GLOB '*[^0-9]*'",
        (MARK + "*",),
    )


def relink(
    conn: sqlite3.Connection, entity: Entity, field: dict[str, Any], digits: bool = True
) -> None:
    """A field that was text and now picks a record keeps what was written in it: a value
    that is one linked record's title, and no other's, becomes that record ("Sam Lee" the
    walker Sam Lee; plot "3" the plot numbered 3). With `digits`, a number typed is a name
    too, and one no record is called is kept marked as text, never read as a number."""
    target = entity_of(field.get("links_to"))
    if target is None:
        return
    column, name = quote_ident(field["name"]), table(entity)
    title = title_sql(target, "t")
    same = f"FROM {table(target)} t WHERE lower(trim({title})) = lower(trim({name}.{column}))"
    number = f"{column} <> '' AND {column} NOT GLOB '*[^0-9]*'"
    if digits:
        conn.execute(
            f"UPDATE {name} SET {column} = ? || {column} WHERE {number}"
            f" AND (SELECT COUNT(*) {same}) <> 1",
            (MARK,),
        )
    which = f"{column} <> ''" if digits else f"{column} GLOB '*[^0-9]*'"
    conn.execute(
        f"UPDATE {name} SET {column} = (SELECT CAST(t.id AS TEXT) {same})"
        f" WHERE {which} AND (SELECT COUNT(*) {same}) = 1"
    )


def relink_all(conn: sqlite3.Connection, tracked: bool) -> None:
    """Each field that became a link since the last start takes the names written in it;
    each that stopped being one gets its names back. Data of a version that kept no note
    of its links is relinked as those versions did: names, never numbers."""
    before = {
        (str(r[0]), str(r[1])): str(r[2])
        for r in conn.execute("SELECT slug, field, links_to FROM field_links")
    }
    for entity in content.ENTITIES:
        for field in entity["fields"]:
            link = field["kind"] == "link" and entity_of(field.get("links_to")) is not None
            now = str(field["links_to"]) if link else ""
            was = before.get((entity["slug"], field["name"]))
            if not tracked and now:
                relink(conn, entity, field, digits=False)
            elif was is not None and was != now:
                if was:
                    unlink(conn, entity, field, was)
                if now:
                    relink(conn, entity, field)
            conn.execute(
                "INSERT OR REPLACE INTO field_links (slug, field, links_to) VALUES (?, ?, ?)",
                (entity["slug"], field["name"], now),
            )


def migrate() -> None:
    """Bring the data folder up to this version's plan; running it again changes nothing."""
    data_dir().mkdir(parents=True, exist_ok=True)
    with closing(connect()) as conn, conn:
        conn.execute("CREATE TABLE IF NOT EXISTS seeded (slug TEXT PRIMARY KEY)")
        tracked = _track(conn)
        apply_carried_renames(conn)
        apply_shipped_renames(conn)
        for entity in content.ENTITIES:
            ensure_table(conn, entity)
        for entity in seeding_order():
            slug = entity["slug"]
            done = conn.execute("SELECT 1 FROM seeded WHERE slug = ?", (slug,)).fetchone()
            # Samples go only to a record kind that has never had any: a founder's own
            # records, or an emptied list, are never topped up with made-up ones.
            if done is None and not has_rows(conn, table_name(slug)):
                seed(conn, entity)
            conn.execute("INSERT OR IGNORE INTO seeded (slug) VALUES (?)", (slug,))
        relink_all(conn, tracked)
        for entity in content.ENTITIES:
            ensure_search(conn, entity)
