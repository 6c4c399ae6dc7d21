"""Everything a running livebuild needs, opened together and closed together."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine

from livebuild.build.pipeline import FOUNDER_MESSAGES, BuildPipeline, fail_job, new_debug_id
from livebuild.build.previews import Previews
from livebuild.build.runners import Runner, create_runner
from livebuild.build.sandbox import SandboxProvider
from livebuild.build.sandbox import create_provider as create_sandbox_provider
from livebuild.build.worker import WorkerPool
from livebuild.core.stages import NON_TERMINAL, Stage
from livebuild.guide.service import DocumentationService
from livebuild.mail.notifier import Notifier
from livebuild.providers import ModelProvider, create_provider
from livebuild.screenshots.browser import BrowserPool, find_chromium
from livebuild.screenshots.service import SnapshotService
from livebuild.settings import Settings
from livebuild.store.blobs import BlobStore, create_blob_store
from livebuild.store.db.engine import create_engine, migrate
from livebuild.store.eventlog import EventLog
from livebuild.store.eventlog.sql import SqlEventLog
from livebuild.store.repository import Repository


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    repository: Repository
    events: EventLog
    runner: Runner
    sandboxes: SandboxProvider
    blobs: BlobStore
    snapshots: SnapshotService | None
    model: ModelProvider
    docs: DocumentationService | None
    notifier: Notifier
    previews: Previews = field(default_factory=Previews)
    pool: WorkerPool | None = None

    @classmethod
    async def open(
        cls,
        settings: Settings,
        *,
        runner: Runner | None = None,
        sandboxes: SandboxProvider | None = None,
    ) -> Services:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(settings.resolved_database_url)
        await migrate(engine)
        repository = Repository(engine)
        await repository.ensure_local_user()
        events = SqlEventLog(engine)
        blobs = create_blob_store(settings)
        snapshots = None
        if settings.screenshots_enabled:
            browser = BrowserPool(
                find_chromium(settings.chromium_path),
                settings.screenshot_concurrency,
                settings.screenshot_timeout_s,
            )
            snapshots = SnapshotService(browser, blobs, repository, events, settings.base_url)
        model = create_provider(
            settings.model_provider,
            api_key=settings.model_api_key.get_secret_value() if settings.model_api_key else None,
            base_url=settings.model_base_url,
            model=settings.model_name,
            timeout_s=settings.model_timeout_s,
        )
        docs = None
        if settings.docs_enabled:
            docs = DocumentationService(model, repository, events, settings.docs_timeout_s)
        return cls(
            settings=settings,
            engine=engine,
            repository=repository,
            events=events,
            runner=runner or create_runner(settings, model),
            sandboxes=sandboxes or create_sandbox_provider(settings),
            blobs=blobs,
            snapshots=snapshots,
            model=model,
            docs=docs,
            notifier=Notifier(settings, repository),
        )

    async def start_worker(self) -> None:
        """Start the pool, after settling what a previous process left unfinished."""
        await self.recover()
        pipeline = BuildPipeline(self)
        self.pool = WorkerPool(self.settings.concurrency, pipeline.run)
        self.pool.start()
        for job in await self.repository.jobs_in(frozenset({Stage.QUEUED})):
            self.pool.submit(job.id)

    async def recover(self) -> int:
        """End every build a previous process left mid-stage; queued ones are resumed."""
        stuck = await self.repository.jobs_in(NON_TERMINAL - {Stage.QUEUED})
        ended = 0
        for job in stuck:
            debug_id = new_debug_id()
            await self.repository.append_logs(
                job.id, [f"build interrupted in stage {job.status} (debug id {debug_id})"]
            )
            if await fail_job(self, job.id, FOUNDER_MESSAGES["interrupted"], debug_id):
                ended += 1
        return ended

    def submit(self, job_id: str) -> None:
        if self.pool is None:
            raise RuntimeError("the worker pool is not running")
        self.pool.submit(job_id)

    async def close(self) -> None:
        if self.pool is not None:
            await self.pool.stop()
        await self.previews.stop_all()
        await self.notifier.close()
        if self.snapshots is not None:
            await self.snapshots.browser.close()
        await self.model.aclose()
        await self.engine.dispose()
