"""A version's records carried from the machine that keeps them to the one building the next.

In scale-out a version's data folder is on the worker that ran its app. A change or a
restore built on another worker asks that worker (then every worker heard from lately) for
a copy, over the workers' internal route: it answers only callers with the cluster key,
and only for a build that starts from that very version (its project's latest ready
version, or the version its project was copied from), so one project's records are never
handed to another's build (see engine/carry_pack.py for the copy itself).

Which copy wins: the worker running the app answers with the newest records there are;
else the newest of what other workers keep and the copy in the private area
(engine/carry_kept.py), by when each was last written. So a machine that was lost, or an
old copy left on a worker the app since moved from, never wins over newer records.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from pathlib import Path

import httpx

from livebuild.core.errors import NotFound
from livebuild.core.stages import Stage
from livebuild.core.urls import CLUSTER_KEY_HEADER, worker_data_path
from livebuild.engine.carry import (
    IMAGE,
    CarryError,
    carry_source,
    copy_data,
    data_modified,
    holds_data,
)
from livebuild.engine.carry_kept import KeptRecords
from livebuild.engine.carry_pack import OVERHEAD, pack, unpack
from livebuild.engine.carry_renames import Renames
from livebuild.engine.previews import Previews
from livebuild.settings import Settings
from livebuild.store.blobs.base import BlobStoreError
from livebuild.store.db.models import Job
from livebuild.store.repository import Repository

log = logging.getLogger(__name__)

# When the copy was last written, so the newest of several machines' copies is carried.
MODIFIED_HEADER = "X-Livebuild-Data-Modified"
_TIMEOUT = httpx.Timeout(120.0, connect=5.0)
_PROBE_TIMEOUT = httpx.Timeout(10.0, connect=3.0)
_CHUNK = 1024 * 1024


class Packed:
    """A packed copy in a folder of its own, removed with `discard` once it was sent."""

    def __init__(self, folder: Path, modified: float) -> None:
        self.folder = folder
        self.path = folder / "records.tar"
        self.modified = modified

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class DataRelay:
    """Both ends of carrying records between machines: asking for them, and answering."""

    def __init__(
        self,
        settings: Settings,
        repository: Repository,
        previews: Previews,
        cluster_key: str,
        kept: KeptRecords,
    ) -> None:
        self._settings = settings
        self._repository = repository
        self._previews = previews
        self._key = cluster_key
        self._kept = kept
        self._limit = kept.limit

    # ---------------------------------------------------------------- answering

    async def answer(self, previous_id: str, for_job: str) -> Packed | None:
        """`previous_id`'s records as kept here, for the build `for_job` only if that build
        starts from them; None otherwise, or when none are kept here. The caller discards
        the copy once sent."""
        try:
            wanting = await self._repository.get_job(for_job)
        except NotFound:
            return None
        if wanting.status in (Stage.READY.value, Stage.FAILED.value):
            return None  # a finished build carries nothing any more
        source_job = await carry_source(self._repository, wanting.id, wanting.project_id)
        if source_job is None or source_job.id != previous_id:
            return None
        source, live = self._kept.here(previous_id)
        packed = Packed(Path(tempfile.mkdtemp(prefix="livebuild-answer-")), 0.0)
        try:
            if not await asyncio.to_thread(pack, source, live, self._limit, packed.path):
                packed.discard()
                return None
        except BaseException:
            packed.discard()
            raise
        packed.modified = data_modified(source, live)
        return packed

    async def holds(self, previous_id: str) -> bool:
        """Whether this machine keeps records of the version `previous_id` (says nothing more)."""
        return holds_data(*self._kept.here(previous_id))

    # ---------------------------------------------------------------- asking

    def elsewhere(self, previous: Job) -> bool:
        return self._previews.elsewhere(previous.worker_address) is not None

    async def kept_at(self, previous: Job) -> float | None:
        return await self._kept.kept_at(previous)

    async def _workers(self, previous: Job) -> list[str]:
        """The worker running `previous`'s app first, then every other worker heard from lately."""
        recorded = self._previews.elsewhere(previous.worker_address)
        live = await self._repository.leases.addresses(
            self._settings.worker_stall_s, besides=self._previews.own_address
        )
        ordered = [recorded] if recorded is not None else []
        return ordered + [a for a in live if a not in ordered]

    async def _ask(self, client: httpx.AsyncClient, worker: str, url: str, into: Path) -> float:
        """Write the worker's copy into `into`, no further than an app may keep; answer when
        it was last written, or None (and no file) when it has none."""
        headers = {CLUSTER_KEY_HEADER: self._key}
        async with client.stream("GET", worker + url, headers=headers) as answer:
            if answer.status_code != 200:
                return -1.0
            size = 0
            out = await asyncio.to_thread(open, into, "wb")
            try:
                # Written as it arrives: memory holds a chunk, never the whole copy.
                async for chunk in answer.aiter_bytes(_CHUNK):
                    size += len(chunk)
                    if size > self._limit + OVERHEAD:
                        raise CarryError("the copy is larger than an app may keep")
                    await asyncio.to_thread(out.write, chunk)
            finally:
                await asyncio.to_thread(out.close)
            try:
                return float(answer.headers.get(MODIFIED_HEADER, "0"))
            except ValueError:
                return 0.0

    async def _newest(self, previous: Job, job_id: str, folder: Path) -> Path | None:
        """The copy of the machine running the app, else the newest of those other machines
        keep and the one in the private area; written into `folder`."""
        recorded = self._previews.elsewhere(previous.worker_address)
        url = f"{worker_data_path(previous.id)}?for={job_id}"
        best: Path | None = None
        best_at = -1.0
        async with httpx.AsyncClient(timeout=_TIMEOUT) as client:
            for n, worker in enumerate(await self._workers(previous)):
                into = folder / f"worker-{n}.tar"
                try:
                    modified = await self._ask(client, worker, url, into)
                except httpx.HTTPError as error:
                    log.info("worker %s could not hand over %s: %r", worker, previous.id, error)
                    continue
                if modified < 0:
                    continue
                if worker == recorded:
                    return into  # the live app's records are the newest there are
                if modified > best_at:
                    best, best_at = into, modified
        kept = await self.kept_at(previous)
        if kept is not None and kept > best_at:
            into = folder / "kept.tar"
            try:
                if await self._kept.fetch(previous, into) is not None:
                    return into
            except BlobStoreError as error:
                log.warning("the kept copy of %s can't be read: %s", previous.id, error)
        return best

    async def fetch(self, previous: Job, job_id: str, target: Path, renames: Renames) -> int:
        if (target.parent / IMAGE).exists():
            return 0  # this version's app has a disk, so data, of its own already
        with tempfile.TemporaryDirectory(prefix="livebuild-carried-") as folder:
            packed = await self._newest(previous, job_id, Path(folder))
            if packed is None:
                return 0
            return await asyncio.to_thread(self._land, packed, target, renames)

    def _land(self, packed: Path, target: Path, renames: Renames) -> int:
        with tempfile.TemporaryDirectory(prefix="livebuild-landed-") as folder:
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

    async def reachable(self, previous: Job) -> bool | float:
        """Whether `previous`'s records can be carried now: True when kept here or by a
        worker that answers; else when the private area's copy was written (a timestamp),
        or False when there is none. Asked before a change runs, so it can say so."""
        if not self.elsewhere(previous) and await self.holds(previous.id):
            return True
        if await self.keepers(previous.id, await self._workers(previous)):
            return True
        if await self.holds(previous.id):
            return True
        kept = await self.kept_at(previous)
        return False if kept is None else max(kept, 1.0)

    async def drain(self) -> None:
        """Wait for the copies of records being kept in the background."""
        await self._kept.drain()

    async def close(self) -> None:
        """Stop copying running apps' records, once those under way are written."""
        await self._kept.close()
