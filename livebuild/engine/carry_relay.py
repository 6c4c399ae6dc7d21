"""A version's records carried from the machine that keeps them to the one building the next.

In scale-out a version's data folder is on the worker that ran its app. A change or a
restore built on another worker asks that worker (then every worker heard from lately) for
a copy, over the workers' internal route: it answers only callers with the cluster key,
and only for a build that starts from that very version (its project's latest ready
version, or the version its project was copied from), so one project's records are never
handed to another's build. The copy is a plain tar of the app's database and its
companions, bounded by the size an app may keep, and checked name by name on arrival.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import tarfile
import tempfile
from datetime import timedelta
from pathlib import Path

import httpx

from livebuild.core.clock import as_utc, utcnow
from livebuild.core.errors import NotFound
from livebuild.core.stages import Stage
from livebuild.core.urls import CLUSTER_KEY_HEADER, worker_data_path
from livebuild.engine.carry import (
    COMPANIONS,
    DATABASE,
    IMAGE,
    CarryError,
    Renames,
    carry_source,
    copy_data,
    copy_from,
    holds_data,
)
from livebuild.engine.previews import Previews
from livebuild.settings import Settings
from livebuild.store.db.models import Job
from livebuild.store.repository import Repository

log = logging.getLogger(__name__)

# When the copy was last written, so the newest of several machines' copies is carried.
MODIFIED_HEADER = "X-Livebuild-Data-Modified"
_NAMES = frozenset({DATABASE, *(DATABASE + c for c in COMPANIONS)})
# A tar header per file and the end marker, beyond the files themselves.
_OVERHEAD = 512 * (2 * len(_NAMES) + 4)
_TIMEOUT = httpx.Timeout(120.0, connect=5.0)
_PROBE_TIMEOUT = httpx.Timeout(10.0, connect=3.0)


def _modified(source: Path, live: Path | None) -> float:
    """When the version's data was last written, as this machine sees it."""
    seen = [live / DATABASE] if live is not None else []
    seen += [source / "data" / n for n in _NAMES] + [source / IMAGE]
    times = []
    for path in seen:
        try:
            times.append(os.stat(path, follow_symlinks=False).st_mtime)
        except OSError:
            continue
    return max(times, default=0.0)


def pack(source: Path, live: Path | None, limit: int) -> bytes | None:
    """A tar of the records the version in `source` keeps here, or None when it keeps none."""
    with tempfile.TemporaryDirectory(prefix="livebuild-pack-") as folder:
        target = Path(folder) / "data"
        if not copy_from(source, live, target, Renames([], []), limit):
            return None
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
            for name in sorted(os.listdir(target)):
                archive.add(target / name, arcname=name, recursive=False)
        return buffer.getvalue()


def unpack(packed: bytes, folder: Path, limit: int) -> None:
    """Write a packed copy's files into the empty `folder`; anything but the app's database
    and its companions, as plain files within `limit`, is refused whole."""
    if len(packed) > limit + _OVERHEAD:
        raise CarryError("the copy is larger than an app may keep")
    try:
        with tarfile.open(fileobj=io.BytesIO(packed), mode="r:") as archive:
            members = archive.getmembers()
            for member in members:
                if member.name not in _NAMES or not member.isreg() or member.size > limit:
                    raise CarryError(f"the copy holds what an app's data may not: {member.name!r}")
            for member in members:
                handle = archive.extractfile(member)
                assert handle is not None  # a regular member always has its bytes
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                with os.fdopen(os.open(folder / member.name, flags, 0o600), "wb") as out:
                    out.write(handle.read(limit))
    except tarfile.TarError as error:
        raise CarryError(f"the copy can't be read: {error}") from error


class DataRelay:
    """Both ends of carrying records between machines: asking for them, and answering."""

    def __init__(
        self, settings: Settings, repository: Repository, previews: Previews, cluster_key: str
    ) -> None:
        self._settings = settings
        self._repository = repository
        self._previews = previews
        self._key = cluster_key
        self._limit = settings.sandbox_disk_mb * 1024 * 1024

    def _here(self, job_id: str) -> tuple[Path, Path | None]:
        sandbox = self._previews.get(job_id)
        live = None if sandbox is None else sandbox.data_view()
        return self._settings.workspaces_dir / job_id, live

    # ---------------------------------------------------------------- answering

    async def answer(self, previous_id: str, for_job: str) -> tuple[bytes, float] | None:
        """`previous_id`'s records as kept here, for the build `for_job` only if that build
        starts from them; None otherwise, or when none are kept here."""
        try:
            wanting = await self._repository.get_job(for_job)
        except NotFound:
            return None
        if wanting.status in (Stage.READY.value, Stage.FAILED.value):
            return None  # a finished build carries nothing any more
        source_job = await carry_source(self._repository, wanting.id, wanting.project_id)
        if source_job is None or source_job.id != previous_id:
            return None
        source, live = self._here(previous_id)
        packed = await asyncio.to_thread(pack, source, live, self._limit)
        return None if packed is None else (packed, _modified(source, live))

    async def holds(self, previous_id: str) -> bool:
        """Whether this machine keeps records of the version `previous_id` (says nothing more)."""
        source, live = self._here(previous_id)
        return holds_data(source, live)

    # ---------------------------------------------------------------- asking

    def elsewhere(self, previous: Job) -> bool:
        return self._previews.elsewhere(previous.worker_address) is not None

    async def _workers(self, previous: Job) -> list[str]:
        """The worker running `previous`'s app first, then every other worker heard from lately."""
        recorded = self._previews.elsewhere(previous.worker_address)
        since = utcnow() - timedelta(seconds=self._settings.worker_stall_s)
        live = [
            w.address
            for w in await self._repository.leases.workers()
            if w.address is not None
            and w.address != self._previews.own_address
            and as_utc(w.last_seen_at) >= since
        ]
        ordered = [recorded] if recorded is not None else []
        return ordered + [a for a in live if a not in ordered]

    async def _ask(self, client: httpx.AsyncClient, worker: str, url: str) -> tuple[bytes, float]:
        """The worker's copy, read no further than an app may keep; empty when it has none."""
        headers = {CLUSTER_KEY_HEADER: self._key}
        async with client.stream("GET", worker + url, headers=headers) as answer:
            if answer.status_code != 200:
                return b"", 0.0
            chunks, size = [], 0
            async for chunk in answer.aiter_bytes():
                size += len(chunk)
                if size > self._limit + _OVERHEAD:
                    raise CarryError("the copy is larger than an app may keep")
                chunks.append(chunk)
            try:
                modified = float(answer.headers.get(MODIFIED_HEADER, "0"))
            except ValueError:
                modified = 0.0
            return b"".join(chunks), modified

    async def _newest(self, previous: Job, job_id: str) -> bytes:
        """The copy of the machine running the app, else the newest any machine keeps."""
        recorded = self._previews.elsewhere(previous.worker_address)
        url = f"{worker_data_path(previous.id)}?for={job_id}"
        best, best_at = b"", -1.0
        async with httpx.AsyncClient(timeout=_TIMEOUT) as client:
            for worker in await self._workers(previous):
                try:
                    packed, modified = await self._ask(client, worker, url)
                except httpx.HTTPError as error:
                    log.info("worker %s could not hand over %s: %r", worker, previous.id, error)
                    continue
                if packed and worker == recorded:
                    return packed
                if packed and modified > best_at:
                    best, best_at = packed, modified
        return best

    async def fetch(self, previous: Job, job_id: str, target: Path, renames: Renames) -> int:
        if (target.parent / IMAGE).exists():
            return 0  # this version's app has a disk, so data, of its own already
        packed = await self._newest(previous, job_id)
        if not packed:
            return 0
        return await asyncio.to_thread(self._land, packed, target, renames)

    def _land(self, packed: bytes, target: Path, renames: Renames) -> int:
        with tempfile.TemporaryDirectory(prefix="livebuild-carried-") as folder:
            unpack(packed, Path(folder), self._limit)
            return copy_data(Path(folder), target, renames, self._limit)

    async def keepers(self, job_id: str, workers: list[str]) -> list[str]:
        """Those of `workers` that keep records of the version `job_id`, in the same order."""
        found = []
        async with httpx.AsyncClient(timeout=_PROBE_TIMEOUT) as client:
            for worker in workers:
                try:
                    answer = await client.head(
                        worker + worker_data_path(job_id), headers={CLUSTER_KEY_HEADER: self._key}
                    )
                except httpx.HTTPError:
                    continue
                if answer.status_code == 204:
                    found.append(worker)
        return found

    async def reachable(self, previous: Job) -> bool:
        """Whether `previous`'s records can be carried now: kept here, or by a worker that
        answers. Asked before a change runs, so a change that can't keep them says so."""
        if not self.elsewhere(previous) and await self.holds(previous.id):
            return True
        if await self.keepers(previous.id, await self._workers(previous)):
            return True
        return await self.holds(previous.id)
