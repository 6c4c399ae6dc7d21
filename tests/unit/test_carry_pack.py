"""The copy of a version's records one worker hands another: only the app's database and
its companions, as plain files within the size an app may keep; anything else refused whole."""

from __future__ import annotations

import io
import os
import tarfile
from pathlib import Path

import pytest

from livebuild.engine.carry import CarryError
from livebuild.engine.carry_pack import pack, unpack


def _tar(into: Path, *members: tuple[tarfile.TarInfo, bytes]) -> Path:
    with tarfile.open(into, mode="w") as archive:
        for info, data in members:
            info.size = len(data) if info.isreg() else 0
            archive.addfile(info, io.BytesIO(data) if info.isreg() else None)
    return into


def _file(name: str) -> tarfile.TarInfo:
    return tarfile.TarInfo(name)


def _link(name: str, target: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = tarfile.SYMTYPE
    info.linkname = target
    return info


def test_a_copy_comes_back_byte_for_byte(tmp_path: Path) -> None:
    data = tmp_path / "v1" / "data"
    data.mkdir(parents=True)
    (data / "app.sqlite3").write_bytes(b"SQLite format 3\x00" + bytes(range(256)))
    (data / "app.sqlite3-wal").write_bytes(b"wal")
    (data / "notes.txt").write_bytes(b"not the app's records")
    packed = tmp_path / "records.tar"
    assert pack(tmp_path / "v1", None, 10_000, packed)
    landed = tmp_path / "landed"
    landed.mkdir()
    unpack(packed, landed, 10_000)
    assert sorted(p.name for p in landed.iterdir()) == ["app.sqlite3", "app.sqlite3-wal"]
    assert (landed / "app.sqlite3").read_bytes() == (data / "app.sqlite3").read_bytes()


def test_a_version_with_no_records_here_packs_nothing(tmp_path: Path) -> None:
    assert not pack(tmp_path / "never-ran", None, 10_000, tmp_path / "records.tar")
    assert not (tmp_path / "records.tar").exists()


@pytest.mark.parametrize(
    "members",
    [
        [(_link("app.sqlite3", "/etc/passwd"), b"")],
        [(_file("../app.sqlite3"), b"x")],
        [(_file("/tmp/app.sqlite3"), b"x")],
        [(_file("app.sqlite3"), b"x"), (_file("app.py"), b"import os")],
        [(_file("app.sqlite3"), b"x" * 2000)],
    ],
    ids=["link", "climbing", "absolute", "other-file", "oversized"],
)
def test_a_hostile_copy_is_refused_whole(
    tmp_path: Path, members: list[tuple[tarfile.TarInfo, bytes]]
) -> None:
    landed = tmp_path / "landed"
    landed.mkdir()
    with pytest.raises(CarryError):
        unpack(_tar(tmp_path / "records.tar", *members), landed, 1000)
    assert list(landed.iterdir()) == []
    assert not (tmp_path / "app.sqlite3").exists()


def test_garbage_or_an_oversized_copy_is_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.tar"
    garbage.write_bytes(b"not a tar at all" * 100)
    landed = tmp_path / "landed"
    landed.mkdir()
    with pytest.raises(CarryError):
        unpack(garbage, landed, 10_000)
    garbage.write_bytes(b"\x00" * 100_000)
    with pytest.raises(CarryError):
        unpack(garbage, landed, 1000)
    assert list(landed.iterdir()) == []


def _records(tmp_path: Path) -> Path:
    data = tmp_path / "v1" / "data"
    data.mkdir(parents=True)
    (data / "app.sqlite3").write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    return data


def test_a_database_alone_is_kept_as_itself_and_comes_back(tmp_path: Path) -> None:
    data = _records(tmp_path)
    packed = tmp_path / "records.tar"
    assert pack(tmp_path / "v1", None, 100_000, packed)
    # One plain SQLite file, written once: no archive around it.
    assert packed.read_bytes() == (data / "app.sqlite3").read_bytes()
    landed = tmp_path / "landed"
    landed.mkdir()
    unpack(packed, landed, 100_000)
    assert [p.name for p in landed.iterdir()] == ["app.sqlite3"]
    assert (landed / "app.sqlite3").read_bytes() == (data / "app.sqlite3").read_bytes()


def test_a_copy_kept_the_old_way_still_comes_back(tmp_path: Path) -> None:
    # Before copies were written in one pass, every copy was a tar, even of the database alone.
    database = b"SQLite format 3\x00" + b"rows" * 100
    landed = tmp_path / "landed"
    landed.mkdir()
    unpack(_tar(tmp_path / "old.tar", (_file("app.sqlite3"), database)), landed, 10_000)
    assert (landed / "app.sqlite3").read_bytes() == database


@pytest.mark.parametrize("planted", ["link", "journal-link", "pipe"])
def test_a_link_or_pipe_planted_by_the_app_is_refused_not_read(
    tmp_path: Path, planted: str
) -> None:
    data = _records(tmp_path)
    secret = tmp_path / "livebuild.db"
    secret.write_bytes(b"SQLite format 3\x00 every founder's account")
    if planted == "link":
        (data / "app.sqlite3").unlink()
        (data / "app.sqlite3").symlink_to(secret)
    elif planted == "journal-link":
        (data / "app.sqlite3-journal").symlink_to(secret)
    else:
        os.mkfifo(data / "app.sqlite3-journal")  # opened to be waited on forever, were it read
    packed = tmp_path / "records.tar"
    with pytest.raises(CarryError):
        pack(tmp_path / "v1", None, 100_000, packed)
    assert not packed.exists()
