"""Carrying a version's records into the next: renames the plans imply, and a data folder
planted by a hostile app (links, pipes, huge files) copied as nothing but its own bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from livebuild.brief import derive_brief
from livebuild.brief.changes import apply_change
from livebuild.engine.carry import CarryError, copy_data, data_notes
from livebuild.engine.carry_renames import Renames, renames_between

GARDEN = "A garden planner for allotment growers: beds, plantings and harvests to plan the season."
NONE = Renames([], [])


def test_renamed_record_kinds_and_fields_are_carried_both_ways() -> None:
    v1 = derive_brief(GARDEN)
    v2 = apply_change(v1, "rename beds to plots").brief
    # The title field named after the record kind follows it ("Bed" becomes "Plot").
    assert renames_between(v1, v2) == Renames([("beds", "plots")], [("plots", "bed", "plot")])
    # A restore of the older plan renames them back.
    assert renames_between(v2, v1) == Renames([("plots", "beds")], [("beds", "plot", "bed")])
    v3 = apply_change(v2, "rename notes on plots to details").brief
    assert renames_between(v2, v3).columns == [("plots", "notes", "details")]
    # An added field is no rename, and neither is a kind that went away with another added.
    v4 = apply_change(v3, "add a supplier to plots").brief
    assert renames_between(v3, v4) == NONE


def test_a_linked_database_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("livebuild's own secrets")
    source = tmp_path / "old"
    source.mkdir()
    (source / "app.sqlite3").symlink_to(secret)
    with pytest.raises(CarryError):
        copy_data(source, tmp_path / "new", NONE, 1_000_000)
    assert not (tmp_path / "new" / "app.sqlite3").exists()


def test_a_linked_data_folder_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir()
    (real / "app.sqlite3").write_bytes(b"SQLite format 3\x00")
    (tmp_path / "old").symlink_to(real)
    with pytest.raises(OSError):
        copy_data(tmp_path / "old", tmp_path / "new", NONE, 1_000_000)


def test_a_pipe_or_an_oversized_file_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "old"
    source.mkdir()
    os.mkfifo(source / "app.sqlite3")
    with pytest.raises(CarryError):
        copy_data(source, tmp_path / "new", NONE, 1_000_000)
    (source / "app.sqlite3").unlink()
    (source / "app.sqlite3").write_bytes(b"x" * 2000)
    with pytest.raises(CarryError):
        copy_data(source, tmp_path / "new", NONE, 1000)


def test_the_database_and_its_journal_are_copied_with_the_renames(tmp_path: Path) -> None:
    source = tmp_path / "old"
    source.mkdir()
    (source / "app.sqlite3").write_bytes(b"db")
    (source / "app.sqlite3-journal").write_bytes(b"journal")
    (source / "other.txt").write_bytes(b"not carried")
    renames = Renames([("beds", "plots")], [])
    assert copy_data(source, tmp_path / "new", renames, 1000) == 9
    new = tmp_path / "new"
    assert sorted(p.name for p in new.iterdir()) == [
        "app.sqlite3",
        "app.sqlite3-journal",
        "carry.json",
    ]
    # A version whose app already keeps data of its own is never overwritten.
    (source / "app.sqlite3").write_bytes(b"newer")
    assert copy_data(source, new, renames, 1000) == 0
    assert (new / "app.sqlite3").read_bytes() == b"db"
    assert copy_data(tmp_path / "missing", tmp_path / "newer", NONE, 1000) == 0


def test_a_change_says_what_it_does_to_the_records_kept() -> None:
    v1 = derive_brief(GARDEN)
    removed = apply_change(v1, "remove the notes field from beds").brief
    assert data_notes(v1, removed, "v0.1") == [
        "The notes field of your beds is kept aside, not deleted: restoring v0.1 brings it back."
    ]
    gone = apply_change(v1, "remove harvests").brief
    assert data_notes(v1, gone, "v0.1") == [
        "Your harvests are kept aside, not deleted: restoring v0.1 brings them back."
    ]
    # Renames and additions carry every record: nothing to say.
    assert data_notes(v1, apply_change(v1, "rename beds to plots").brief, "v0.1") == []
    assert data_notes(v1, apply_change(v1, "add a supplier to beds").brief, "v0.1") == []
