"""What keeping a running app's records safe costs, and how much a lost machine loses.

A 100 MB app database (`BENCH_RECORDS_MB`), copied into the private area (local folder) as
a running app's records are (`engine/carry_kept.py`, paced by `engine/carry_pace.py`):

- one copy: its time, the growth of peak memory and the bytes it wrote to disk (a fresh
  process; `/proc/self/io` write_bytes);
- one edit, then quiet: seconds from the edit until its copy is written (the loss window
  after an edit settles);
- steady writes (a row every `BENCH_WRITE_EVERY_S`, default 0.5 s, for `BENCH_STEADY_S`,
  default 60 s): copies per minute, the share of time spent copying, and the worst loss
  window (a write just after a copy began is safe only when the next copy ends).
"""

from __future__ import annotations

import asyncio
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

from livebuild.engine.carry_pace import Pacer, data_signature
from livebuild.engine.carry_pack import pack
from livebuild.store.blobs.private import LocalPrivateStore

SIZE_MB = int(os.environ.get("BENCH_RECORDS_MB", "100"))
STEADY_S = float(os.environ.get("BENCH_STEADY_S", "60"))
WRITE_EVERY_S = float(os.environ.get("BENCH_WRITE_EVERY_S", "0.5"))
SETTLE_S, LONGEST_S = 2.0, 30.0
LIMIT = 1024 * 1024 * 1024


def _database(folder: Path) -> Path:
    """A version's workspace whose app database holds SIZE_MB of records."""
    data = folder / "v1" / "data"
    data.mkdir(parents=True)
    with sqlite3.connect(data / "app.sqlite3") as conn:
        conn.execute("CREATE TABLE records_parts (id INTEGER PRIMARY KEY, part TEXT, notes TEXT)")
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " INSERT INTO records_parts (part, notes) SELECT 'Spoke ' || i, hex(randomblob(500))"
            " FROM n",
            (SIZE_MB * 1024,),
        )
    return folder / "v1"


def _copy(source: Path, store: LocalPrivateStore, folder: Path) -> float:
    """One copy as a running app's records are kept; answer the seconds it took."""
    started = time.perf_counter()
    if hasattr(store, "put_written"):  # read once, straight where it is kept
        from livebuild.engine.carry_pack import write_copy

        copy = partial(write_copy, source, None, LIMIT)
        assert asyncio.run(store.put_written("records/p/j.tar", copy, time.time()))
    else:  # before: a snapshot folder, a tar of it, then the store's copy of the tar
        packed = folder / "records.tar"
        assert pack(source, None, LIMIT, packed)
        asyncio.run(store.put_file("records/p/j.tar", packed, time.time()))
        packed.unlink()
    return time.perf_counter() - started


def _written() -> int:
    """Bytes this process has caused to be written to disk so far."""
    with open("/proc/self/io") as io:
        return next(int(line.split()[1]) for line in io if line.startswith("write_bytes"))


def one_copy() -> None:
    """In a fresh process: a copy's seconds and the growth of peak memory, in MB."""
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as folder:
        source = _database(Path(folder))
        store = LocalPrivateStore(Path(folder) / "private")
        before, written = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, _written()
        took = _copy(source, store, Path(folder))
        written = _written() - written
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        print(f"{took} {grown} {written / 2**20}")


def _write(source: Path, stop: threading.Event, writes: list[float]) -> None:
    with sqlite3.connect(source / "data" / "app.sqlite3") as conn:
        while not stop.wait(WRITE_EVERY_S):
            conn.execute("INSERT INTO records_parts (part, notes) VALUES ('Spoke', 'new')")
            conn.commit()
            writes.append(time.monotonic())


def _paced(
    source: Path, store: LocalPrivateStore, folder: Path, until: float
) -> list[tuple[float, float]]:
    """Run the pacer over `source` until `until`; each copy as (began, ended)."""
    pacer = Pacer(SETTLE_S, LONGEST_S)
    copies: list[tuple[float, float]] = []
    pacer.due("app", data_signature(source, None), time.monotonic())
    pacer.copied("app", 0.0, time.monotonic())  # the copy made when it became ready
    while time.monotonic() < until:
        time.sleep(pacer.look_s)
        now = time.monotonic()
        if pacer.due("app", data_signature(source, None), now):
            took = _copy(source, store, folder)
            copies.append((now, now + took))
            pacer.copied("app", took, time.monotonic())
    return copies


def settled_edit() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as folder:
        source = _database(Path(folder))
        store = LocalPrivateStore(Path(folder) / "private")
        edited: list[float] = []

        def edit() -> None:
            with sqlite3.connect(source / "data" / "app.sqlite3") as conn:
                conn.execute("INSERT INTO records_parts (part, notes) VALUES ('Edit', 'one')")
            edited.append(time.monotonic())

        timer = threading.Timer(1.0, edit)
        timer.start()
        copies = _paced(source, store, Path(folder), time.monotonic() + 20)
        timer.join()
        return {"edit_to_copy_s": copies[0][1] - edited[0], "copy_s": copies[0][1] - copies[0][0]}


def steady_writes() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as folder:
        source = _database(Path(folder))
        store = LocalPrivateStore(Path(folder) / "private")
        stop, writes = threading.Event(), list[float]()
        writer = threading.Thread(target=_write, args=(source, stop, writes))
        started = time.monotonic()
        writer.start()
        try:
            copies = _paced(source, store, Path(folder), started + STEADY_S)
        finally:
            stop.set()
            writer.join()
        busy = sum(end - begin for begin, end in copies)
        # A write just after copy k-1 began is kept only once copy k ends.
        begins = [started] + [begin for begin, _ in copies]
        worst = max(end - begins[n] for n, (_, end) in enumerate(copies))
        return {
            "steady_writes": float(len(writes)),
            "steady_copies_per_min": len(copies) * 60 / STEADY_S,
            "steady_copying_share": busy / STEADY_S,
            "steady_worst_loss_s": worst,
        }


def run() -> dict[str, float]:
    answer = subprocess.run(
        [sys.executable, "-m", "bench.records_copy", "one"],
        capture_output=True,
        text=True,
        check=True,
    )
    took, grown, written = (float(x) for x in answer.stdout.split())
    result = {
        "size_mb": float(SIZE_MB),
        "one_copy_s": took,
        "one_copy_peak_growth_mb": grown,
        "one_copy_written_mb": written,
    }
    result.update(settled_edit())
    result.update(steady_writes())
    result["load_average"] = os.getloadavg()[0]
    return result


if __name__ == "__main__":
    if sys.argv[1:] == ["one"]:
        one_copy()
    else:
        for key, value in run().items():
            print(f"{key:>26}: {value:,.3f}")
