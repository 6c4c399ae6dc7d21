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
from dataclasses import replace
from pathlib import Path

from livebuild.appgen import app_files
from livebuild.brief import Brief, Field
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


# Notes in any case: the trigram index folds every letter's case, SQLite's LIKE only ASCII's.
_NOTES_DRIVER = r"""
import json, re, sys
sys.path.insert(0, ".")
import app, schema, web

app.Handler.routes = app.load_routes()
handler = app.Handler.__new__(app.Handler)
with schema.connect() as conn:
    family = conn.execute(
        "INSERT INTO records_families (name, phone) VALUES ('The Dupont family', '')"
    ).lastrowid
    conn.execute(
        "INSERT INTO records_placements (family, starts, nights, notes)"
        " VALUES (?, '2026-05-02', '1', 'Allergic to ÉPINARDS')",
        (str(family),),
    )
    conn.execute(
        "INSERT INTO records_placements (family, starts, nights, notes)"
        " VALUES ('The Ruiz family', '2026-05-03', '2', 'Ünsere Gäste: no Öl')",
    )
out = {}
for query in ("épinards", "Épinards", "ÉPINARDS", "ünsere gäste", "dupont", "ruiz", "family"):
    response = handler.find(web.Request("GET", "/placements", {"q": query}))
    body = response.body if isinstance(response.body, str) else response.body.decode()
    out[query] = len(set(re.findall(r'href="/placements/(\d+)"', body)))
print(json.dumps(out))
"""


def _with_notes() -> Brief:
    brief = families_and_placements()
    families, placements = brief.entities
    noted = replace(placements, fields=(*placements.fields, Field("notes", "Notes", "text")))
    return replace(brief, entities=(families, noted))


def test_a_picked_titles_kind_finds_its_other_fields_in_any_case_of_any_letter(
    tmp_path: Path,
) -> None:
    app_dir = write_app(tmp_path / "app", app_files(_with_notes(), Stage.CHECKS))
    env = {k: v for k, v in os.environ.items() if not k.startswith("APP_")}
    env["APP_DATA_DIR"] = str(tmp_path / "data")
    ran = subprocess.run(
        [sys.executable, "-I", "-c", _NOTES_DRIVER],
        cwd=app_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    found = json.loads(ran.stdout.strip().splitlines()[-1])
    # "Allergic to ÉPINARDS" is found however the founder types it, as on a kind whose title
    # is its own; the picked family's name and a name kept as text as before.
    assert found == {
        "épinards": 1,
        "Épinards": 1,
        "ÉPINARDS": 1,
        "ünsere gäste": 1,
        "dupont": 1,
        "ruiz": 1,
        "family": 4,  # the two samples too
    }, found
