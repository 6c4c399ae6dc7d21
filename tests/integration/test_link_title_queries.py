"""A kind whose title is picked from another kind ("each placement is for one of our
families") costs its pages no more than a kind with a title of its own: its calendar reads
its month in one query, not one more per record shown, and its search is looked up in the
search indexes (the family's name, a name kept as text), never by reading every record.
The generated app runs its real code on its real database; the driver only listens to the
statements SQLite is given."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from livebuild.appgen import app_files
from livebuild.core.stages import Stage
from tests.integration.test_appgen import write_app
from tests.integration.test_link_title import families_and_placements

# Run in the app's folder, as its own process: the app's modules, its database, its pages.
_DRIVER = r"""
import json, sqlite3, sys
sys.path.insert(0, ".")
import app, schema, store, web

app.Handler.routes = app.load_routes()
handler = app.Handler.__new__(app.Handler)
with schema.connect() as conn:
    for n in range(400):
        family = conn.execute(
            "INSERT INTO records_families (name, phone) VALUES (?, '')", (f"Family {n:03d}",)
        ).lastrowid
        conn.execute(
            "INSERT INTO records_placements (family, starts, nights) VALUES (?, ?, '1')",
            (str(family), f"2026-05-{n % 28 + 1:02d}"),
        )
    conn.execute(
        "INSERT INTO records_placements (family, starts, nights)"
        " VALUES ('The Ruiz family', '2026-05-30', '2')"
    )

said = []
real = schema.connect
def listened():
    conn = real()
    conn.set_trace_callback(said.append)
    return conn
schema.connect = listened
store.connect = listened

def page(path, **query):
    said.clear()
    response = handler.find(web.Request("GET", path, query))
    body = response.body if isinstance(response.body, str) else response.body.decode()
    return response.status, body, [s for s in said if s.lstrip().upper().startswith("SELECT")]

out = {}
status, body, selects = page("/placements/calendar", month="2026-05")
out["calendar"] = [status, "Family 003" in body, "The Ruiz family" in body, len(selects)]
for query in ("Family 123", "Ruiz"):
    status, body, selects = page("/placements", q=query)
    found = sorted(set(__import__("re").findall(r'href="/placements/(\d+)"', body)))
    plans = []
    with real() as conn:
        for sql in selects:
            if " WHERE " in sql and "records_placements\" r" in sql:
                plans += [str(row[3]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    out[query] = [status, len(found), plans]
print(json.dumps(out))
"""


def test_a_picked_titles_calendar_is_one_query_and_its_search_reads_no_whole_table(
    tmp_path: Path,
) -> None:
    app_dir = write_app(tmp_path / "app", app_files(families_and_placements(), Stage.CHECKS))
    env = {k: v for k, v in os.environ.items() if not k.startswith("APP_")}
    env["APP_DATA_DIR"] = str(tmp_path / "data")
    ran = subprocess.run(
        [sys.executable, "-I", "-c", _DRIVER],
        cwd=app_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    out = json.loads(ran.stdout.strip().splitlines()[-1])

    status, named, kept, selects = out["calendar"]
    assert status == 200 and named and kept
    # The month's placements and their families' names: one statement, not one a placement.
    assert selects == 1, f"{selects} queries for one calendar page"

    for query, how_many in (("Family 123", 1), ("Ruiz", 1)):
        status, found, plans = out[query]
        assert status == 200 and found == how_many, (query, found)
        scans = [p for p in plans if p == "SCAN r" or p.startswith("SCAN r USING")]
        assert plans and not scans, (query, plans)
