"""Capturing a build's screenshots: blank detection, one retry, a circuit breaker, storage.

Nothing here ever fails a build: every problem becomes a line in the build's
technical log, and after three failures in a row a build stops trying.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from dataclasses import dataclass
from typing import Protocol

from livebuild.core.clock import utcnow
from livebuild.core.events import SnapshotUpdated
from livebuild.core.stages import Stage
from livebuild.screenshots.blank import blank_reason, png_size
from livebuild.screenshots.browser import (
    BrowserUnavailable,
    Capture,
    CaptureError,
    ScreenshotBrowser,
)
from livebuild.store.blobs import BlobStore, BlobStoreError
from livebuild.store.db.models import Snapshot
from livebuild.store.eventlog import EventLog
from livebuild.store.repository import Repository
from livebuild.store.stage_writes import log_lines, snapshot_row

RETRY_DELAY_S = 0.3
BREAKER_THRESHOLD = 3
UNAVAILABLE_NOTE = "Live previews aren't available on this server, so we'll skip the pictures."
BROKEN_NOTE = "We couldn't take pictures of your app this time; the app itself is fine."


class BuildLog(Protocol):
    """A build's technical log: lines stored now, or taken to be stored beside another write."""

    async def write(self, *lines: str) -> None: ...

    def take(self, *lines: str) -> list[str]: ...


@dataclass
class BuildShots:
    """What one build's captures have been so far."""

    failures_in_a_row: int = 0
    last_sha256: str | None = None
    count: int = 0
    gave_up: bool = False
    # Whether the latest capture gave a usable picture (stored, or the same as the last).
    pictured: bool = False


class SnapshotService:
    def __init__(
        self,
        browser: ScreenshotBrowser,
        store: BlobStore,
        repository: Repository,
        events: EventLog,
        base_url: str,
    ) -> None:
        self.browser = browser
        self.store = store
        self.repository = repository
        self.events = events
        self.base_url = base_url
        self._builds: dict[str, BuildShots] = {}

    def forget(self, job_id: str) -> None:
        self._builds.pop(job_id, None)

    def pictured(self, job_id: str) -> bool:
        """Whether the build's latest capture is a usable picture of its app."""
        shots = self._builds.get(job_id)
        return shots is not None and shots.pictured

    async def capture(self, job_id: str, stage: str, url: str, log: BuildLog) -> Snapshot | None:
        """Screenshot the app after `stage`; store and announce it. Never raises.

        A stored picture's row, its event and its log lines commit in one transaction."""
        shots = self._builds.setdefault(job_id, BuildShots())
        shots.pictured = False
        if shots.gave_up:
            return None
        if not self.browser.available:
            shots.gave_up = True
            await log.write(
                "screenshots skipped: no Chromium was found (set LIVEBUILD_CHROMIUM_PATH)"
            )
            await self.repository.update_job(job_id, snapshot_note=UNAVAILABLE_NOTE)
            return None
        taken = await self._capture_with_retry(job_id, shots, stage, url, log)
        if taken is None:
            return None
        png, took = taken
        digest = hashlib.sha256(png).hexdigest()
        if digest == shots.last_sha256:
            shots.pictured = True
            await log.write(took, f"screenshot after {stage} unchanged; not stored again")
            return None
        try:
            snapshot = await self._store(job_id, stage, png, digest, shots.count + 1)
        except BlobStoreError as error:
            await log.write(took)
            await self._failed(job_id, shots, f"storing the screenshot failed: {error}", log)
            return None
        stored = f"screenshot after {stage} stored ({snapshot.size_bytes} bytes)"
        await self.events.append(
            job_id,
            SnapshotUpdated(stage=stage, snapshot_url=snapshot.url),
            writes=[snapshot_row(snapshot), log_lines(job_id, log.take(took, stored))],
        )
        shots.last_sha256 = digest
        shots.count += 1
        shots.pictured = True
        return snapshot

    async def _capture_with_retry(
        self, job_id: str, shots: BuildShots, stage: str, url: str, log: BuildLog
    ) -> tuple[bytes, str] | None:
        """A usable picture and the log line saying how long it took, or None."""
        # The pictures a build page waits on go first: its first, and the one it ends with.
        founder = shots.count == 0 or stage == Stage.READY.value
        for attempt in (1, 2):
            try:
                capture = await self.browser.capture(url, founder=founder)
            except BrowserUnavailable as error:
                shots.gave_up = True
                await log.write(f"screenshots unavailable: {error}")
                return None
            except CaptureError as error:
                problem = str(error)
            else:
                # Decoding a picture takes tens of milliseconds of CPU: off the event loop, so
                # status answers and event streams don't wait behind it in a burst of builds.
                reason = await asyncio.to_thread(blank_reason, capture.png)
                if reason is None:
                    shots.failures_in_a_row = 0
                    return capture.png, _took(stage, capture)
                problem = f"blank screenshot discarded: {reason}"
            await log.write(f"screenshot after {stage}, try {attempt}: {problem}")
            if attempt == 1:
                await asyncio.sleep(RETRY_DELAY_S)
        await self._failed(job_id, shots, f"no usable screenshot after {stage}", log)
        return None

    async def _failed(self, job_id: str, shots: BuildShots, problem: str, log: BuildLog) -> None:
        shots.failures_in_a_row += 1
        await log.write(problem)
        if shots.failures_in_a_row >= BREAKER_THRESHOLD:
            shots.gave_up = True
            await log.write(
                f"screenshots stopped for this build after {BREAKER_THRESHOLD} failures in a row"
            )
            if shots.count == 0:
                await self.repository.update_job(job_id, snapshot_note=BROKEN_NOTE)

    async def _store(
        self, job_id: str, stage: str, png: bytes, digest: str, sequence: int
    ) -> Snapshot:
        """The picture put in the blob store, and its row (not yet written)."""
        # A random part keeps keys unique even when a build is retried or replayed.
        key = f"snapshots/{job_id}/{sequence:02d}-{stage}-{secrets.token_hex(4)}.png"
        await self.store.put(key, png, "image/png")
        width, height = png_size(png)
        return Snapshot(
            job_id=job_id,
            stage=stage,
            key=key,
            url=self.store.public_url(key, self.base_url),
            width=width,
            height=height,
            size_bytes=len(png),
            sha256=digest,
            captured_at=utcnow(),
        )


def _took(stage: str, capture: Capture) -> str:
    """The log line of a picture's time; from the shared service, its own part beside it, so
    a wait in its queue shows as the difference."""
    took = f"screenshot after {stage} took {capture.duration_s * 1000:.0f} ms"
    if capture.browser_s is None:
        return took
    return f"{took} (the browser {capture.browser_s * 1000:.0f} ms of it)"
