"""The composition root: every part of a running livebuild, opened together and closed together.

It only assembles; what the parts do lives in their own layers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

import httpx
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from livebuild.engine.carry_kept import KeptRecords
from livebuild.engine.carry_relay import DataRelay
from livebuild.engine.joblog import job_log
from livebuild.engine.origin import PreviewOrigin
from livebuild.engine.pipeline import BuildPipeline
from livebuild.engine.preview_check import PreviewCheck
from livebuild.engine.previews import Previews
from livebuild.engine.queue import BuildQueue, create_queue
from livebuild.engine.read_ahead import read_instructions_ahead
from livebuild.engine.runners import Runner, create_runner
from livebuild.engine.sandbox import SandboxProvider
from livebuild.engine.sandbox import create_provider as create_sandbox_provider
from livebuild.engine.smoke_walk import BoundedBody
from livebuild.engine.waking import AppWaker
from livebuild.guide.service import DocumentationService
from livebuild.mail.notifier import Notifier
from livebuild.providers import ModelProvider, ProviderError, provider_for
from livebuild.screenshots.browser import (
    BrowserPool,
    CaptureError,
    ScreenshotBrowser,
    screenshot_chromium,
)
from livebuild.screenshots.service import SnapshotService
from livebuild.screenshots.shared import SharedBrowser, service_plan
from livebuild.settings import Settings
from livebuild.store.blobs import BlobStore, create_blob_store
from livebuild.store.blobs.private import create_private_store
from livebuild.store.cluster_key import cluster_key
from livebuild.store.db.engine import create_engine, migrate
from livebuild.store.eventlog import EventLog, create_event_log
from livebuild.store.leases import Holder, new_worker_id
from livebuild.store.repository import Repository
from livebuild.store.sessions import Sessions
from livebuild.store.versions import VersionStore

log = logging.getLogger(__name__)


def screenshot_browser(settings: Settings) -> ScreenshotBrowser:
    """The machine's shared browser, or one of this process's own, as the settings say."""
    chromium = screenshot_chromium(settings.chromium_path)
    if settings.screenshot_browser == "inprocess":
        return BrowserPool(
            chromium, settings.resolved_screenshot_concurrency, settings.screenshot_timeout_s
        )
    plan = service_plan(settings)
    return SharedBrowser(plan)


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    repository: Repository
    events: EventLog
    blobs: BlobStore
    versions: VersionStore
    model: ModelProvider
    snapshots: SnapshotService | None
    docs: DocumentationService | None
    notifier: Notifier
    previews: Previews
    preview_origin: PreviewOrigin
    sessions: Sessions
    pipeline: BuildPipeline
    queue: BuildQueue
    waker: AppWaker
    carrier: DataRelay
    # What API processes and workers prove themselves to each other with.
    cluster_key: str
    warming: asyncio.Task[None] | None = None
    shots_warming: asyncio.Task[None] | None = None

    @classmethod
    async def open(
        cls,
        settings: Settings,
        *,
        runner: Runner | None = None,
        sandboxes: SandboxProvider | None = None,
        run_worker: bool = True,
        holder: Holder | None = None,
    ) -> Services:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            settings.resolved_database_url,
            idle_transaction_s=settings.database_idle_transaction_s,
        )
        await migrate(engine)
        repository = Repository(engine)
        await repository.ensure_local_user()
        key = (
            settings.cluster_key.get_secret_value()
            if settings.cluster_key
            else await cluster_key(repository.sessions)
        )
        events = create_event_log(settings, engine)
        await events.start()
        blobs = create_blob_store(settings)
        versions = VersionStore(blobs)
        snapshots = None
        if settings.screenshots_enabled:
            # A picture's address is livebuild's own path unless an operator named where it
            # lives: this process's host and port may be a terminal build's, gone tomorrow.
            own = (settings.public_url or "").rstrip("/")
            snapshots = SnapshotService(
                screenshot_browser(settings), blobs, repository, events, own
            )
        model = provider_for(settings)
        docs = None
        if settings.docs_enabled:
            docs = DocumentationService(model, repository, events, settings.docs_timeout_s)
        previews = Previews(
            sandboxes or create_sandbox_provider(settings),
            settings.sandbox_keepalive_s,
            lambda job_id: job_log(repository, settings, job_id).write,
            settings.previews_per_user,
        )
        holder = holder or Holder(worker_id=new_worker_id())
        if holder.address is not None:
            # A worker other processes reach: they route its apps' previews by this record.
            address = holder.address
            previews.own_address = address
            previews.on_stopped = lambda job_id: repository.leases.app_stopped(job_id, address)
        notifier = Notifier(settings, repository)
        kept = KeptRecords(settings, repository, previews, create_private_store(settings))
        previews.after_stop = kept.stopped
        kept.start()
        carrier = DataRelay(settings, repository, previews, key, kept)
        preview_origin = PreviewOrigin(settings, repository, previews, key)
        pipeline = BuildPipeline(
            settings=settings,
            repository=repository,
            events=events,
            runner=runner or create_runner(settings, model),
            previews=previews,
            model=model,
            snapshots=snapshots,
            docs=docs,
            notifier=notifier,
            holder=holder,
            versions=versions,
            carrier=carrier,
            kept=kept,
            preview_check=PreviewCheck(
                httpx.ASGITransport(app=BoundedBody(preview_origin)), preview_origin.address
            ),
        )
        return cls(
            settings=settings,
            engine=engine,
            repository=repository,
            events=events,
            blobs=blobs,
            versions=versions,
            model=model,
            snapshots=snapshots,
            docs=docs,
            notifier=notifier,
            previews=previews,
            preview_origin=preview_origin,
            sessions=Sessions(engine),
            pipeline=pipeline,
            queue=create_queue(settings, pipeline, repository, engine, run_worker=run_worker),
            waker=AppWaker(
                settings,
                repository,
                versions,
                previews,
                runs_apps=run_worker,
                cluster_key=key,
                keepers=carrier.keepers,
                bring_back=kept.bring_back,
            ),
            cluster_key=key,
            carrier=carrier,
        )

    def prepare_model(self) -> None:
        """Load a local model in the background, so the first idea doesn't wait for it."""

        async def warm() -> None:
            try:
                await self.model.prepare()
            except ProviderError as error:
                log.warning("the model could not be prepared: %s", error)
                return
            await read_instructions_ahead(self.model)

        self.warming = asyncio.create_task(warm())

    def prepare_screenshots(self) -> None:
        """Find or start the machine's screenshot browser in the background, so the first
        build after this process starts doesn't wait for Chromium at its first picture."""
        snapshots = self.snapshots
        if snapshots is None or not snapshots.browser.available:
            return

        async def warm() -> None:
            try:
                await snapshots.browser.prepare()
            except CaptureError as error:  # the first picture says so, and tries again
                log.warning("the screenshot browser could not be prepared: %s", error)

        self.shots_warming = asyncio.create_task(warm())

    async def health(self) -> dict[str, bool]:
        """Whether each part this process depends on answers."""
        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            database = True
        except (OSError, SQLAlchemyError):
            database = False
        return {"database": database, "events": self.events.bus.ready}

    async def close(self) -> None:
        """Close in the reverse order of use: builds first, the database last."""
        if self.warming is not None:
            self.warming.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.warming
        if self.shots_warming is not None:
            # A browser start under way is let finish (seconds), so the browser's close
            # below leaves the service it found: cancelled, its thread would still start
            # one, counting this process as a user that never leaves while it lives.
            await self.shots_warming
        await self.queue.stop()
        await self.previews.stop_all()
        await self.carrier.close()
        await self.events.stop()
        await self.preview_origin.aclose()
        await self.notifier.close()
        if self.snapshots is not None:
            await self.snapshots.browser.close()
        await self.model.aclose()
        await self.engine.dispose()
