"""A downloaded app runs over any older version's data folder: the renames between its
versions ship with it (`renames.json`), and its start-up makes each one the data has not
had yet, once, so a renamed list or field keeps its records."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from livebuild.appgen import app_files
from livebuild.brief import derive_brief
from livebuild.brief.changes import apply_change
from livebuild.core.stages import Stage
from livebuild.engine.carry_renames import rename_history
from tests.integration.test_app_records import SHOP, record_ids
from tests.integration.test_appgen import fetch, running_app, write_app


def _shipped(folder: Path, renames: str) -> Path:
    (folder / "renames.json").write_text(renames, encoding="utf-8")
    return folder


def test_a_download_runs_over_data_two_renames_old(tmp_path: Path) -> None:
    v1 = derive_brief(SHOP)
    v2 = apply_change(v1, "rename parts to components").brief
    v3 = apply_change(v2, "rename notes on components to details").brief
    history = rename_history([(1, v1), (2, v2), (3, v3)])
    assert json.loads(history) == {
        "version": 3,
        "steps": [
            {
                "version": 2,
                "tables": [["parts", "components"]],
                "columns": [["components", "part", "component"]],
            },
            {"version": 3, "tables": [], "columns": [["components", "notes", "details"]]},
        ],
    }
    data = tmp_path / "data"
    old = _shipped(
        write_app(tmp_path / "v1", app_files(v1, Stage.CHECKS)), rename_history([(1, v1)])
    )
    with running_app(old, data) as base:
        assert fetch(f"{base}/parts", {"part": "Greenfield chain", "notes": "Kept"})[0] == 303
    new = _shipped(write_app(tmp_path / "v3", app_files(v3, Stage.CHECKS)), history)
    for _ in range(2):  # starting twice changes nothing the second time
        with running_app(new, data) as base:
            page = fetch(f"{base}/components?q=Greenfield")[1]
            record = record_ids(page, "components")
            assert len(record) == 1, page
            assert "Kept" in fetch(f"{base}/components/{record[0]}")[1]
            # No sample components were added to the founder's renamed list.
            assert fetch(f"{base}/components")[1].count("Greenfield chain") == 1
    with sqlite3.connect(data / "app.sqlite3") as conn:
        assert conn.execute("SELECT version FROM upgraded").fetchone() == (3,)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "records_components" in tables and "records_parts" not in tables


def test_steps_already_made_are_not_made_again(tmp_path: Path) -> None:
    """A kind renamed away, then a new kind given the old name: the new one keeps its records."""
    v1 = derive_brief(SHOP)
    v2 = apply_change(v1, "rename parts to components").brief
    v3 = apply_change(v2, "add a Parts page with supplier").brief
    assert "parts" in [e.slug for e in v3.entities]
    history = rename_history([(1, v1), (2, v2), (3, v3)])
    data = tmp_path / "data"
    app = _shipped(write_app(tmp_path / "v3", app_files(v3, Stage.CHECKS)), history)
    with running_app(app, data) as base:
        assert fetch(f"{base}/parts", {"name": "Brand new part", "supplier": "Acme"})[0] == 303
    with running_app(app, data) as base:
        assert "Brand new part" in fetch(f"{base}/parts")[1]


def test_a_shipped_map_that_makes_no_sense_is_ignored(tmp_path: Path) -> None:
    v1 = derive_brief(SHOP)
    data = tmp_path / "data"
    for hostile in (
        "not json",
        "[1, 2]",
        '{"version": "3", "steps": "x"}',
        '{"version": 9, "steps": [{"version": 2, "tables": [["parts", "x; DROP TABLE seeded"]]}]}',
        '{"version": 9, "steps": [{"version": 2, "tables": [["../parts", "sqlite_master"]]}]}',
    ):
        app = _shipped(write_app(tmp_path / "v1", app_files(v1, Stage.CHECKS)), hostile)
        with running_app(app, data) as base:
            assert fetch(f"{base}/parts")[0] == 200
