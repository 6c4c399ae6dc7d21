"""A running app's records copied while it writes: every copy opens as a whole database (no
half-made change in it), and the copy's bytes are written once, straight where it is kept."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from livebuild.engine.carry import CarryError
from livebuild.engine.carry_pack import SQLITE_MAGIC, unpack, write_copy
from livebuild.store.blobs.private import LocalPrivateStore

LIMIT = 512 * 1024 * 1024


def _app_data(tmp_path: Path, mode: str) -> Path:
    data = tmp_path / "v1" / "data"
    data.mkdir(parents=True)
    with sqlite3.connect(data / "app.sqlite3") as conn:
        conn.execute(f"PRAGMA journal_mode={mode}")
        # Each change adds a visit and its bill together: a copy holds both or neither.
        conn.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, notes TEXT)")
        conn.execute("CREATE TABLE bills (id INTEGER PRIMARY KEY, visit INTEGER, notes TEXT)")
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
            " INSERT INTO visits (notes) SELECT hex(randomblob(300)) FROM n"
        )
        conn.execute("INSERT INTO bills (visit, notes) SELECT id, notes FROM visits")
    return data


# The app, in a process of its own as it runs (SQLite's locks are between processes): changes
# of many pages each, one after another, until the stop file appears; then it says how many.
WRITER = """
import os, sqlite3, sys
database, stop = sys.argv[1:]
made = 0
with sqlite3.connect(database, timeout=30) as conn:
    while not os.path.exists(stop):
        with conn:
            cursor = conn.execute("INSERT INTO visits (notes) VALUES (hex(randomblob(3000)))")
            conn.execute(
                "INSERT INTO bills (visit, notes) VALUES (?, hex(randomblob(3000)))",
                (cursor.lastrowid,),
            )
            conn.execute(
                "UPDATE visits SET notes = hex(randomblob(300)) WHERE id % 97 = ?", (made % 97,)
            )
        made += 1
print(made)
"""


def _opened(copy: Path, folder: Path) -> tuple[int, int]:
    folder.mkdir()
    unpack(copy, folder, LIMIT)
    with sqlite3.connect(folder / "app.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        visits = conn.execute("SELECT count(*) FROM visits").fetchone()[0]
        bills = conn.execute("SELECT count(*) FROM bills").fetchone()[0]
    return visits, bills


@pytest.mark.parametrize("mode", ["delete", "wal"])
def test_copies_made_while_the_app_writes_are_whole(tmp_path: Path, mode: str) -> None:
    data = _app_data(tmp_path, mode)
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data / "app.sqlite3"), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    whole = refused = 0
    try:
        for n in range(15):
            copy = tmp_path / f"copy-{n}"
            with open(copy, "w+b") as out:
                try:
                    assert write_copy(tmp_path / "v1", None, LIMIT, out)
                except CarryError:
                    # Write-ahead-log files that never stay still are not copied (tried again
                    # later): a copy that may not open is never kept.
                    assert mode == "wal"
                    refused += 1
                    continue
            visits, bills = _opened(copy, tmp_path / f"opened-{n}")
            assert visits == bills >= 3000
            whole += 1
    finally:
        stop.touch()
        made = int(writer.communicate(timeout=60)[0])
    assert made, "the app wrote nothing while it was copied"
    # Under SQLite's own lock every copy is made. Beside a log that never stays still for
    # the length of a copy, some are refused; once writes settle the copy is made.
    assert whole == 15 if mode == "delete" else whole + refused == 15
    settled = tmp_path / "settled"
    with open(settled, "w+b") as out:
        assert write_copy(tmp_path / "v1", None, LIMIT, out)
    assert _opened(settled, tmp_path / "opened-settled") == (3000 + made,) * 2


def _written_bytes() -> int:
    with open("/proc/self/io") as io:
        return next(int(line.split()[1]) for line in io if line.startswith("write_bytes"))


def test_a_kept_copy_is_written_once_straight_where_it_is_kept(tmp_path: Path) -> None:
    data = _app_data(tmp_path, "delete")
    with sqlite3.connect(data / "app.sqlite3") as conn:
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
            " INSERT INTO visits (notes) SELECT hex(randomblob(500)) FROM n"
        )
    size = (data / "app.sqlite3").stat().st_size
    store = LocalPrivateStore(tmp_path / "private")
    before = _written_bytes()
    kept = asyncio.run(
        store.put_written("records/p/j.tar", partial(write_copy, tmp_path / "v1", None, LIMIT), 1.0)
    )
    written = _written_bytes() - before
    assert kept
    copy = tmp_path / "private" / "records" / "p" / "j.tar"
    assert copy.read_bytes()[: len(SQLITE_MAGIC)] == SQLITE_MAGIC
    assert copy.stat().st_size == size
    # Before: a snapshot, a tar of it, then the store's own copy (three times the database).
    assert written < 1.2 * size, (written, size)
    assert [p.name for p in copy.parent.iterdir()] == ["j.tar"]  # nothing half-written left
