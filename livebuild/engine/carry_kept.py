"""A durable copy of each finished version's records, in the private area.

A version's records live on the machine that runs its app; lose that machine and its disk
and they would be gone. So each ready version's records are also kept in the private area
(`store/blobs/private.py`, never served): when the version becomes ready (the records it
carried), when its app stops (asleep, or the service shutting down), when a newer
version supersedes it, and while it runs, soon after each burst of writes settles
(`carry_pace.py` says when). The next build reads the copy when the machine that kept them
can't be reached, and a worker waking the app where its records aren't brings them back.

The copy is keyed by project and version, and only ever read for the version a build
starts from (`carry_source`), so one project's build never gets another's records.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import tempfile
import time
from contextvars import Context
from functools import partial
from pathlib import Path

from livebuild.core.errors import NotFound
from livebuild.core.stages import Stage
from livebuild.engine.carry import (
    DATABASE,
    CarryError,
    copy_data,
    data_modified,
    holds_data,
)
from livebuild.engine.carry_pace import Pacer, data_signature
from livebuild.engine.carry_pack import OVERHEAD, unpack, write_copy
from livebuild.engine.carry_renames import Renames
from livebuild.engine.carry_watch import Watcher
from livebuild.engine.previews import Previews
from livebuild.settings import Settings
from livebuild.store.blobs.base import BlobStoreError
from livebuild.store.blobs.private import PrivateStore
from livebuild.store.db.models import Job
from livebuild.store.repository import Repository

log = logging.getLogger(__name__)

# Copies written within this many seconds of the data's last change are up to date.
_SAME = 0.001


def kept_key(job: Job) -> str:
    # Named .tar as before; a copy of the database alone is that file itself (carry_pack.py).
    return f"records/{job.project_id}/{job.id}.tar"


class KeptRecords:
    def __init__(
        self, settings: Settings, repository: Repository, previews: Previews, store: PrivateStore
    ) -> None:
        self._settings = settings
        self._repository = repository
        self._previews = previews
        self._store = store
        self.limit = settings.sandbox_disk_mb * 1024 * 1024
        self._tasks: set[asyncio.Task[bool]] = set()
        self._locks: dict[str, asyncio.Lock] = {}
        self._every: asyncio.Task[None] | None = None

    def here(self, job_id: str) -> tuple[Path, Path | None]:
        """The version's workspace folder, and where the host reads its running app's data."""
        sandbox = self._previews.get(job_id)
        live = None if sandbox is None else sandbox.data_view()
        return self._settings.workspaces_dir / job_id, live

    # ---------------------------------------------------------------- writing

    async def keep(self, job_id: str) -> bool:
        """Copy the ready version's records kept here into the private area, unless the copy
        there is as new; answer whether a copy was written."""
        try:
            job = await self._repository.get_job(job_id)
        except NotFound:
            return False
        if job.status != Stage.READY.value:
            return False  # a failed or unfinished build's records are nobody's
        lock = self._locks.setdefault(job_id, asyncio.Lock())
        async with lock:
            source, live = self.here(job_id)
            modified = data_modified(source, live)
            if modified == 0.0:
                return False
            kept = await self._store.modified(kept_key(job))
            if kept is not None and kept + _SAME >= modified:
                return False
            # Read once, straight into where the copy is kept (`carry_pack.py`).
            return await self._store.put_written(
                kept_key(job), partial(write_copy, source, live, self.limit), modified
            )

    def keep_soon(self, job: Job, *, superseding: bool = False) -> None:
        """Keep the version's records in the background (`drain` waits for it), and those
        of the version before it when it supersedes one. Not part of the build that asked
        (its own context): the build has ended."""
        task = asyncio.create_task(self._keep_both(job, superseding), context=Context())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _keep_both(self, job: Job, superseding: bool) -> bool:
        kept = await self._keep_quietly(job.id)
        if superseding:
            previous = await self._repository.previous_build(job.project_id, job.version)
            if previous is not None:
                await self._keep_quietly(previous.id)
        return kept

    async def _keep_quietly(self, job_id: str) -> bool:
        try:
            return await self.keep(job_id)
        except (CarryError, BlobStoreError, OSError) as error:
            # The records are still on this machine; only their spare copy is missing.
            log.warning("keeping a copy of build %s's records failed: %s", job_id, error)
            return False

    async def stopped(self, job_id: str) -> None:
        """An app here stopped: keep its records as they were left."""
        await self._keep_quietly(job_id)

    async def drain(self) -> None:
        """Wait for the copies being written in the background."""
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def close(self) -> None:
        if self._every is not None:
            self._every.cancel()
            await asyncio.gather(self._every, return_exceptions=True)
        await self.drain()

    def start(self) -> None:
        """Copy running apps' records soon after their writes settle (`carry_pace.py`), so
        a machine lost mid-week loses seconds of a founder's work, not minutes."""
        if self._settings.records_copy_s > 0 and self._every is None:
            pacer = Pacer(self._settings.records_settle_s, self._settings.records_copy_s)
            self._every = asyncio.create_task(self._watch(pacer), context=Context())

    async def _watch(self, pacer: Pacer) -> None:
        # Writes wake the loop where inotify is had (`carry_watch.py`): an app heard
        # writing, new here or waiting for its copy is looked at; one whose writes can't be
        # heard is looked at every `look_s`, as every app was before.
        watcher = Watcher.open()
        try:
            while True:
                looked = time.monotonic()
                running = self._previews.running_ids()
                pacer.running(running)
                for job_id in self._to_look_at(pacer, watcher, running):
                    await self._look(pacer, job_id)
                if watcher is None:
                    await asyncio.sleep(pacer.look_s)
                    continue
                # Not `wait_for`: cancelled as a write is heard, it returns, losing the stop.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(pacer.look_s):
                        await watcher.woken.wait()
                # An app at work (being built, an import) writes many times a second:
                # its writes are heard as they come and looked at together, every `gap_s`.
                await asyncio.sleep(looked + pacer.gap_s - time.monotonic())
        finally:
            if watcher is not None:
                watcher.close()

    def _to_look_at(self, pacer: Pacer, watcher: Watcher | None, running: list[str]) -> set[str]:
        if watcher is None:
            return set(running)
        for gone in watcher.watching() - set(running):
            watcher.forget(gone)
        look, heard = watcher.written() | pacer.waiting(), watcher.watching()
        for job_id in running:
            source, live = self.here(job_id)
            if not watcher.watch(job_id, live if live is not None else source / "data"):
                look.add(job_id)  # not heard: looked at every time
            elif job_id not in heard:
                look.add(job_id)  # new here: asked once whether its copy is as new
        return look & set(running)

    async def _look(self, pacer: Pacer, job_id: str) -> None:
        # An app looked at costs a look at the size and time of its files.
        if not pacer.due(job_id, data_signature(*self.here(job_id)), time.monotonic()):
            return
        started = time.monotonic()
        try:
            await self.keep(job_id)
        except (CarryError, BlobStoreError, OSError) as error:
            log.warning("keeping a copy of build %s's records failed: %s", job_id, error)
            pacer.failed(job_id, time.monotonic() - started, time.monotonic())
        except Exception:  # the database may be away a moment: tried again
            log.exception("keeping a copy of build %s's records failed", job_id)
            pacer.failed(job_id, time.monotonic() - started, time.monotonic())
        else:
            pacer.copied(job_id, time.monotonic() - started, time.monotonic())

    # ---------------------------------------------------------------- reading

    async def kept_at(self, job: Job) -> float | None:
        """When the copy of `job`'s records was last written, or None when there is none."""
        try:
            return await self._store.modified(kept_key(job))
        except BlobStoreError as error:
            log.warning("the copy of build %s's records can't be looked up: %s", job.id, error)
            return None

    async def fetch(self, job: Job, into: Path) -> float | None:
        """Download the copy of `job`'s records into the new file `into`; answer when it was
        written, or None when there is none."""
        return await self._store.get_file(kept_key(job), into, self.limit + OVERHEAD)

    async def bring_back(self, job: Job) -> int:
        """Before `job`'s app starts on a machine that keeps none of its records, land the
        kept copy in its data folder; answer the bytes landed."""
        source, live = self.here(job.id)
        if holds_data(source, live):
            return 0
        try:
            with tempfile.TemporaryDirectory(prefix="livebuild-back-") as folder:
                packed = Path(folder) / "records.tar"
                if await self.fetch(job, packed) is None:
                    return 0
                return await asyncio.to_thread(self._land, packed, source / "data")
        except (CarryError, BlobStoreError, OSError) as error:
            log.warning(
                "the copy of build %s's records could not be brought back: %s", job.id, error
            )
            return 0

    def _land(self, packed: Path, target: Path) -> int:
        with tempfile.TemporaryDirectory(prefix="livebuild-landed-") as folder:
            unpack(packed, Path(folder), self.limit)
            if not (Path(folder) / DATABASE).is_file():
                return 0
            return copy_data(Path(folder), target, Renames([], []), self.limit)
