"""Waking a finished build's app: in this process, or on a worker that can run it.

An API process that runs no builds never starts apps itself: a preview it started
would be reachable through it alone, and the other API processes route previews to
the worker recorded with the build. So it asks that worker, or any live worker when
that one is gone; the version's files are in the shared blob store, so any worker
can bring the app back.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from livebuild.core.errors import Conflict, Unavailable
from livebuild.core.preview_address import PreviewAddress
from livebuild.core.stages import Stage
from livebuild.core.urls import CLUSTER_KEY_HEADER, worker_wake_path
from livebuild.engine.previews import Previews, PreviewUnavailable
from livebuild.settings import Settings
from livebuild.store.blobs import BlobStoreError
from livebuild.store.db.models import Job
from livebuild.store.repository import Repository
from livebuild.store.versions import VersionStore

log = logging.getLogger(__name__)

FILES_GONE = "This build's files are no longer available. Start a new build."
NOT_READY = "Your app can be opened and downloaded once the build is ready."
COULD_NOT_WAKE = "We couldn't wake your app up. Please try again."

# Which of the given workers keep records of a version (see engine/carry_relay.py).
Keepers = Callable[[str, list[str]], Awaitable[list[str]]]

# Starting an app waits for it to answer; a worker busy with builds may take a while.
_WAKE_TIMEOUT = httpx.Timeout(90.0, connect=5.0)


async def app_dir(settings: Settings, versions: VersionStore, job: Job) -> Path:
    """The finished build's files in this process's workspace, restored if need be."""
    if job.status != Stage.READY.value:
        raise Conflict(NOT_READY)
    workspace = settings.workspaces_dir / job.id / "app"
    if not (workspace / "app.py").is_file() and job.manifest is not None:
        # The workspace was cleaned up (or never was on this machine): the version's
        # stored files bring it back.
        with contextlib.suppress(OSError, BlobStoreError):
            await versions.restore(job.manifest, workspace)
    if not (workspace / "app.py").is_file():
        raise Conflict(FILES_GONE)
    return workspace


class AppWaker:
    def __init__(
        self,
        settings: Settings,
        repository: Repository,
        versions: VersionStore,
        previews: Previews,
        *,
        runs_apps: bool,
        cluster_key: str,
        keepers: Keepers | None = None,
        bring_back: Callable[[Job], Awaitable[int]] | None = None,
    ) -> None:
        self._settings = settings
        self._repository = repository
        self._versions = versions
        self._previews = previews
        self._address = PreviewAddress(settings.preview_template)
        # False in an API process that hands every build to workers elsewhere.
        self._runs_apps = runs_apps
        self._cluster_key = cluster_key
        self._keepers = keepers
        # Lands the private area's copy of a version's records where it has none.
        self._bring_back = bring_back

    async def wake(self, job: Job) -> None:
        """Make the job's app answer through its preview address, wherever it runs."""
        if job.status != Stage.READY.value:
            raise Conflict(NOT_READY)
        recorded = self._previews.elsewhere(job.worker_address)
        if recorded is None and self._runs_apps:
            await self.wake_here(job)
            return
        for worker in await self._candidates(recorded, job.id):
            if await self._ask(worker, job.id):
                return
        if not self._runs_apps:
            raise Unavailable(COULD_NOT_WAKE)
        # Nobody else could: this process runs apps too, so it brings this one back.
        await self.wake_here(job)

    async def wake_here(self, job: Job) -> None:
        """Start the app in this process and record that previews of it are served here."""
        workspace = await app_dir(self._settings, self._versions, job)
        if not job.preview_token:
            raise Conflict(FILES_GONE)
        if self._bring_back is not None and self._previews.get(job.id) is None:
            # Woken where its records aren't (their machine was lost): the kept copy.
            await self._bring_back(job)
        try:
            await self._previews.wake(
                job.id, workspace, self._address.base_path(job.preview_token), owner_id=job.owner_id
            )
        except PreviewUnavailable as error:
            raise Unavailable(COULD_NOT_WAKE) from error
        if self._previews.own_address is not None:
            await self._repository.leases.serve_app(job.id, self._previews.own_address)

    async def _candidates(self, recorded: str | None, job_id: str) -> list[str]:
        """The worker that ran the app first, then the workers that keep its records, then
        every other worker heard from lately: an app woken where its records aren't would
        show the founder a fresh set of samples."""
        live = await self._repository.leases.addresses(
            self._settings.worker_stall_s, besides=self._previews.own_address
        )
        ordered = [recorded] if recorded is not None else []
        if recorded is None and self._keepers is not None:
            ordered += await self._keepers(job_id, live)
        return ordered + [a for a in live if a not in ordered]

    async def _ask(self, worker: str, job_id: str) -> bool:
        """Whether `worker` now runs the app; a 409 (its files are gone) is final."""
        try:
            async with httpx.AsyncClient(timeout=_WAKE_TIMEOUT) as client:
                answer = await client.post(
                    worker + worker_wake_path(job_id),
                    headers={CLUSTER_KEY_HEADER: self._cluster_key},
                )
        except httpx.HTTPError as error:
            log.info("worker %s could not wake build %s: %r", worker, job_id, error)
            return False
        if answer.status_code == 409:
            # The worker's own founder-safe refusal: the build isn't ready, or its files are gone.
            detail = (
                answer.json().get("detail")
                if answer.headers.get("content-type", "").startswith("application/json")
                else None
            )
            raise Conflict(detail if isinstance(detail, str) else FILES_GONE)
        if answer.is_success:
            return True
        log.info("worker %s answered %s to waking build %s", worker, answer.status_code, job_id)
        return False
