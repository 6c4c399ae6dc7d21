"""Searching a generated app's list: looked up in a trigram index (no read of every record),
finding what the scan found, kept up to date by every add, edit and delete, and made on
start over data an app without the index left."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote_plus

from livebuild.appgen import app_files
from livebuild.brief import derive_brief
from livebuild.core.stages import Stage
from tests.integration.test_app_records import SHOP, record_ids
from tests.integration.test_appgen import fetch, running_app, write_app


def _found(base: str, query: str) -> list[str]:
    status, page, _ = fetch(f"{base}/parts?q={quote_plus(query)}")
    assert status == 200, page[-300:]
    return record_ids(page, "parts")


def _as_left_before_the_index(data: Path) -> None:
    """The data folder as an app from before the search index left it: no index, no
    triggers, and a record its code wrote."""
    with sqlite3.connect(data / "app.sqlite3") as conn:
        for (trigger,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            conn.execute(f'DROP TRIGGER "{trigger}"')
        conn.execute("DROP TABLE records_parts__search")
        conn.execute("INSERT INTO records_parts (part, notes) VALUES ('Greenfield chain', 'Kept')")


def test_search_finds_what_the_scan_found_and_follows_every_change(tmp_path: Path) -> None:
    data = tmp_path / "data"
    new = write_app(tmp_path / "new", app_files(derive_brief(SHOP), Stage.CHECKS))
    with running_app(new, data) as base:
        assert _found(base, "Greenfield") == []
    _as_left_before_the_index(data)
    for _ in range(2):  # the index is made on the first start, then left as it is
        with running_app(new, data) as base:
            (kept,) = _found(base, "Greenfield")
            assert _found(base, "eenfield CH") == [kept]  # any case, inside a word
            assert _found(base, "kept") == [kept]  # another field
            assert _found(base, "Gr") == _found(base, "Greenfield chain")  # short: read
            for hostile in ('"', 'a"b"', "chain OR x", "NEAR(a b)", "*", "%", "_", "'--"):
                _found(base, hostile)  # a page, never an error
            assert _found(base, "Greenfield%") == []  # a per cent sign is only itself
    with running_app(new, data) as base:
        assert fetch(f"{base}/parts", {"part": "Tubeless valve", "notes": ""})[0] == 303
        (valve,) = _found(base, "tubeless")
        edited = {"part": "Presta valve", "notes": "Swapped"}
        assert fetch(f"{base}/parts/{valve}/edit", edited)[0] == 303
        assert _found(base, "tubeless") == [] and _found(base, "presta") == [valve]
        fetch(f"{base}/parts/{valve}/delete", {})
        assert _found(base, "presta") == []
    with sqlite3.connect(data / "app.sqlite3") as conn:
        plan = " ".join(
            str(row[3])
            for row in conn.execute(
                "EXPLAIN QUERY PLAN SELECT * FROM records_parts WHERE id IN"
                " (SELECT rowid FROM records_parts__search WHERE records_parts__search"
                " MATCH '\"valve\"')"
            )
        )
    assert "VIRTUAL TABLE INDEX" in plan, plan
