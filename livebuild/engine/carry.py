"""A new version starts from the records of the version before it.

The previous version's SQLite file is copied, byte for byte, into the new version's data
folder before its app first starts; the app upgrades the copy itself (it adds what the
new plan has and drops nothing). Renames the plans imply (a record kind or a field
called something else) are left for the app in `carry.json`, which it makes once.

livebuild never opens the app's database: the file was written by code that runs in a
sandbox, so it is copied as plain bytes, refusing links and anything but a regular file.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from livebuild.appgen.spec import build_spec
from livebuild.brief import Brief
from livebuild.brief.model import KIND_PHRASES
from livebuild.core.errors import NotFound
from livebuild.core.safe_copy import CopyRefused, copy_regular
from livebuild.core.stages import Stage
from livebuild.core.urls import version_label
from livebuild.engine.carry_renames import Renames, renames_between
from livebuild.settings import Settings
from livebuild.store.db.models import Job
from livebuild.store.repository import Repository

DATABASE = "app.sqlite3"
# A journal left by a write in flight: SQLite rolls it back when the copy is opened.
COMPANIONS = ("-journal", "-wal", "-shm")
NAMES = (DATABASE, *(DATABASE + c for c in COMPANIONS))
RENAMES = "carry.json"
# Where a bwrap sandbox could mount one, the app's data folder is a disk image of its own,
# mounted only in the sandbox's namespace: the folder of that name on the host stays empty.
IMAGE = "data.img"
_ATTEMPTS = 3
# Two copies written within this many seconds of each other are the same copy.
_SAME = 0.001


class CarryError(Exception):
    """The previous version's data could not be copied."""


def _copy_regular(folder_fd: int, name: str, target: Path, limit: int) -> int | None:
    """Copy the file into `target` in chunks; answer its size, or None when it is missing.
    Links and anything but a regular file are refused, and so is one over `limit` bytes."""
    try:
        # Made as `open` makes a file (not owner-only): the app's own database, as before.
        copied = copy_regular(name, target, limit, dir_fd=folder_fd, mode=0o666)
    except CopyRefused as error:
        raise CarryError(f"{name} {error}") from error
    return None if copied is None else copied.size


def files_state(folder_fd: int) -> list[tuple[str, int, int, int]]:
    """What each of the database's files is now: a write in flight changes one of these."""
    seen = []
    for name in NAMES:
        try:
            info = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
        except FileNotFoundError:
            continue
        seen.append((name, info.st_ino, info.st_size, info.st_mtime_ns))
    return seen


def _snapshot(source: Path, staging: Path, limit: int) -> dict[str, int]:
    """Copy the database and its companions into `staging`, file by file in chunks, until
    they are the same before and after a copy (a write may race); answer each one's size."""
    folder_fd = os.open(source, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        copied: dict[str, int] = {}
        for _ in range(_ATTEMPTS):
            before = files_state(folder_fd)
            for stale in staging.iterdir():
                stale.unlink()
            copied = {}
            for name in NAMES:
                size = _copy_regular(folder_fd, name, staging / name, limit)
                if size is not None:
                    copied[name] = size
            if files_state(folder_fd) == before:
                break
        return copied
    finally:
        os.close(folder_fd)


def _image_stat(image: Path, name: str) -> tuple[str, int] | None:
    """The type and size of `name` at the top of the ext4 `image`, or None when missing."""
    found = subprocess.run(
        ["debugfs", "-R", f"stat /{name}", str(image)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    kind = re.search(r"Type:\s*(\w+)", found.stdout)
    size = re.search(r"Size:\s*(\d+)", found.stdout)
    if kind is None or size is None:
        if "not found" in found.stderr:
            return None
        raise CarryError(f"{name} can't be read from the app's disk: {found.stderr.strip()}")
    return kind.group(1), int(size.group(1))


def dump_image(image: Path, folder: Path, limit: int) -> Path:
    """Copy the database and its companions out of a stopped app's disk `image` into
    `folder`, read in user space (the image is never mounted on the host); answer `folder`."""
    for name in NAMES:
        found = _image_stat(image, name)
        if found is None:
            continue
        kind, size = found
        if kind != "regular":
            raise CarryError(f"{name} is not a regular file")
        if size > limit:
            raise CarryError(f"{name} is larger than the {limit} bytes an app may keep")
        try:
            subprocess.run(
                ["debugfs", "-R", f"dump /{name} {folder / name}", str(image)],
                capture_output=True,
                timeout=120,
                check=True,
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise CarryError(f"{name} can't be read from the app's disk: {error}") from error
    return folder


def copy_from(previous: Path, live: Path | None, target: Path, renames: Renames, limit: int) -> int:
    """Copy the records of the version in the workspace folder `previous` into `target`.

    Its data is read from its folder; where it was kept on a disk image, from `live` (the
    running app's mounted disk, as the host sees it) or, with the app stopped, the image.
    """
    if (target.parent / IMAGE).exists():
        return 0  # this version's app has a disk, so data, of its own already
    image = previous / IMAGE
    if not image.exists():
        return copy_data(previous / "data", target, renames, limit)
    if live is not None:
        return copy_data(live, target, renames, limit)
    with tempfile.TemporaryDirectory(prefix="livebuild-carry-") as folder:
        return copy_data(dump_image(image, Path(folder), limit), target, renames, limit)


def copy_data(source: Path, target: Path, renames: Renames, limit: int) -> int:
    """Copy the previous version's database into `target`; answer the bytes copied."""
    if (target / DATABASE).exists():
        return 0  # this version's app has data of its own already
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".carry-") as folder:
        staging = Path(folder)
        try:
            files = _snapshot(source, staging, limit)
        except FileNotFoundError:
            return 0
        if DATABASE not in files:
            return 0  # nothing to carry
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            os.replace(staging / name, target / name)
    if renames.needed():
        (target / RENAMES).write_text(renames.as_json(), encoding="utf-8")
    return sum(files.values())


def data_modified(source: Path, live: Path | None) -> float:
    """When the records of the version in the workspace folder `source` were last written,
    as this machine sees them (0 when it keeps none)."""
    # A write in WAL mode changes only the journal until SQLite folds it in.
    seen = [live / n for n in NAMES] if live is not None else []
    seen += [source / "data" / n for n in NAMES] + [source / IMAGE]
    times = []
    for path in seen:
        try:
            times.append(os.stat(path, follow_symlinks=False).st_mtime)
        except OSError:
            continue
    return max(times, default=0.0)


async def _copied_from(repository: Repository, job_id: str) -> Job | None:
    """The ready version of another project this one was copied from, if it still is."""
    try:
        base_id = (await repository.get_job(job_id)).base_job_id
        base = None if base_id is None else await repository.get_job(base_id)
    except NotFound:
        return None
    return base if base is not None and base.status == Stage.READY.value else None


async def carry_source(repository: Repository, job_id: str, project_id: str) -> Job | None:
    """The version whose records the build `job_id` starts from: its project's latest ready
    version, else the version of another project it was copied from (a duplicate)."""
    previous = await repository.latest_ready(project_id)
    if previous is None:
        previous = await _copied_from(repository, job_id)
    if previous is None or previous.id == job_id:
        return None
    return previous


def holds_data(source: Path, live: Path | None) -> bool:
    """Whether the version in the workspace folder `source` left records on this machine."""
    return live is not None or (source / "data" / DATABASE).is_file() or (source / IMAGE).is_file()


class RemoteData(Protocol):
    """The records of a version kept on another machine of the installation."""

    def elsewhere(self, previous: Job) -> bool:
        """Whether another machine runs `previous`'s app now (so holds its latest records)."""

    async def fetch(self, previous: Job, job_id: str, target: Path, renames: Renames) -> int:
        """Copy `previous`'s records into `target` for the build `job_id`; answer the bytes."""

    async def kept_at(self, previous: Job) -> float | None:
        """When the records of `previous` kept in the private area were last written."""


async def carry_previous(
    repository: Repository,
    settings: Settings,
    job_id: str,
    project_id: str,
    brief: Brief,
    live: Callable[[str], Path | None] = lambda job_id: None,
    remote: RemoteData | None = None,
) -> str:
    """Copy the latest ready version's records into this build's data folder; say what it did.

    `live` answers where the host reads a version's running app's data, when that differs
    from its data folder (a disk image mounted in the app's sandbox). `remote` reaches the
    records another machine keeps: asked first when that machine runs the app, else when
    this one has none.
    """
    previous = await carry_source(repository, job_id, project_id)
    if previous is None:
        return "no earlier version's records to carry"
    old = Brief.from_dict(previous.brief) if previous.brief is not None else brief
    renames = renames_between(old, brief)
    source = settings.workspaces_dir / previous.id
    target = settings.workspaces_dir / job_id / "data"
    limit = settings.sandbox_disk_mb * 1024 * 1024
    label = version_label(previous.version)

    async def here() -> int:
        view = live(previous.id)
        if view is None and remote is not None:
            # Not running here: a copy kept since (the app woke elsewhere) is newer.
            kept = await remote.kept_at(previous)
            if kept is not None and kept > data_modified(source, None) + _SAME:
                return 0
        return await asyncio.to_thread(copy_from, source, view, target, renames, limit)

    async def there() -> int:
        return 0 if remote is None else await remote.fetch(previous, job_id, target, renames)

    order = [there, here] if remote is not None and remote.elsewhere(previous) else [here, there]
    failures: list[str] = []
    for way in order:
        try:
            copied = await way()
        except (CarryError, OSError) as error:
            failures.append(str(error))
            continue
        if copied:
            return f"carried the records of {label} ({copied:,} bytes)"
    if failures:
        return f"the records of {label} could not be carried: {'; '.join(failures)}"
    return f"{label} left no records to carry"


def data_notes(old: Brief, new: Brief, label: str) -> list[str]:
    """What a change from `old` to `new` does to the records already kept, said before it runs."""
    renames = renames_between(old, new)
    before = {e["slug"]: e for e in build_spec(old).entities}
    after = {e["slug"]: e for e in build_spec(new).entities}
    moved = dict(renames.tables)
    notes: list[str] = []
    for slug, entity in before.items():
        now = after.get(moved.get(slug, slug))
        if now is None:
            notes.append(
                f"Your {entity['plural'].lower()} are kept aside, not deleted: restoring"
                f" {label} brings them back."
            )
            continue
        renamed = {o for s, o, _ in renames.columns if s == now["slug"]}
        names = {f["name"]: f for f in now["fields"]}
        for field in entity["fields"]:
            if field["name"] in renamed:
                continue
            move = next(
                (m for m in renames.moves if (m.source, m.column) == (slug, field["name"])), None
            )
            if move is not None and move.via:
                notes.append(_moved_note(field["label"], entity, after[move.target], move.way))
                continue
            kept = names.get(field["name"])
            if kept is None:
                notes.append(
                    f"The {field['label'].lower()} field of your {entity['plural'].lower()} is kept"
                    f" aside, not deleted: restoring {label} brings it back."
                )
            elif kept["kind"] != field["kind"] and kept["kind"] not in ("text", "longtext"):
                notes.append(
                    f"{kept['label']} values already typed stay as they are; any that aren't"
                    f" {KIND_PHRASES.get(kept['kind'], kept['kind'])} show as typed until edited."
                )
    return notes


def _moved_note(label: str, source: dict[str, Any], target: dict[str, Any], way: str) -> str:
    """What happens to the values of a field moved to another record kind."""
    one, many = str(target["singular"]).lower(), str(source["plural"]).lower()
    was, what = str(source["singular"]).lower(), label.lower()
    if way == "up":
        how = f"each {one} takes the {what} of its latest {was} that has one"
    else:
        how = f"each {one} takes the {what} of the {was} it is for"
    return (
        f"{label} values typed on your {many} go with it: {how}; a {one} with its own is left"
        f" as it is, and the {many}' copies are kept aside, not deleted."
    )
