"""Carrying one build job through its stages, announcing each step as an event."""

from __future__ import annotations

import asyncio
import shutil
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from livebuild.brief import Brief
from livebuild.core.clock import seconds_between, utcnow
from livebuild.core.events import BuildCompleted, BuildFailed, StageCompleted, StageStarted
from livebuild.core.ids import new_debug_id
from livebuild.core.messages import FOUNDER_MESSAGES
from livebuild.core.preview_address import PreviewAddress
from livebuild.core.stages import SHOWN_STAGES, STAGE_INFO, Stage
from livebuild.core.tasks import cancel_and_wait
from livebuild.core.urls import version_label
from livebuild.engine.iterate import changed_nothing
from livebuild.engine.joblog import JobLog, job_log
from livebuild.engine.preview_check import PreviewCheck
from livebuild.engine.previews import Previews, app_address
from livebuild.engine.runners.base import (
    ChangeNotMade,
    Runner,
    RunnerError,
    StageOutput,
    StageRequest,
    UnsafePath,
)
from livebuild.engine.sandbox import Sandbox, SandboxError
from livebuild.english.grammar import in_progress
from livebuild.guide.outcome import ChangeOutcome
from livebuild.guide.service import DocumentationService
from livebuild.mail.notifier import Notifier
from livebuild.narration.model import narrate
from livebuild.narration.offline import offline_narration
from livebuild.providers.base import ModelProvider
from livebuild.safety.guardrails import founder_safe
from livebuild.screenshots.service import SnapshotService
from livebuild.settings import Settings
from livebuild.store.blobs import BlobStoreError
from livebuild.store.db.engine import DatabaseUnavailable
from livebuild.store.db.patience import patient_for
from livebuild.store.deliveries import writing_for
from livebuild.store.eventlog import EventLog
from livebuild.store.leases import Holder
from livebuild.store.repository import Repository
from livebuild.store.versions import Manifest, VersionStore

SMOKE_TEST = "tests/smoke.py"


class LeaseLost(Exception):
    """Another worker ended this build: this one stops without a word."""


class BuildFailure(Exception):
    """A build cannot go on. `message` is for the founder, the exception text for the logs."""

    def __init__(self, message: str, technical: str) -> None:
        super().__init__(technical)
        self.message = message


@dataclass
class _Run:
    job_id: str
    version: int
    brief: Brief
    change_request: str | None
    workspace: Path
    log: JobLog
    started: float
    sandbox: Sandbox | None = None
    attempt: int = 1
    stage: Stage = Stage.QUEUED
    checks_failure: str | None = None
    project_id: str = ""
    owner_id: str = ""
    docs: asyncio.Task[None] | None = None
    # What the change really made, for the guide's What's New once checks passed.
    outcome: asyncio.Future[ChangeOutcome] | None = None
    # Set when this version starts from another's files (a change or a restore).
    base_manifest: Manifest | None = None
    base_version: int | None = None
    base_job_id: str | None = None
    change_notes: dict[str, Any] | None = None
    restoring: bool = False
    change_made: tuple[str, ...] = ()
    # Whether the runner itself said what it made of the change (not the planner).
    reported: bool = False
    # The plan of the version changed, and how many parts of the change the planner
    # itself could not make.
    base_brief: dict[str, Any] | None = None
    planned_unmade: int = 0
    wrote: bool = True  # whether the current stage changed any file
    delivery: int = 1  # 2 when it runs again after its first worker died
    # The app start the latest usable picture shows, and after which stage it was taken.
    pictured_launch: int | None = None
    pictured_after: Stage | None = None

    @property
    def iterating(self) -> bool:
        return self.base_manifest is not None

    preview_token: str = ""


# A stage's work returns the tokens it used and whether it succeeded.
_StageWork = Callable[[_Run, Stage], Awaitable[tuple[int, bool]]]


class BuildPipeline:
    """Runs one build from queued to ready or failed; every collaborator is given explicitly."""

    def __init__(
        self,
        *,
        settings: Settings,
        repository: Repository,
        events: EventLog,
        runner: Runner,
        previews: Previews,
        model: ModelProvider,
        snapshots: SnapshotService | None,
        docs: DocumentationService | None,
        notifier: Notifier,
        holder: Holder,
        versions: VersionStore,
        preview_check: PreviewCheck | None = None,
    ) -> None:
        self.settings = settings
        self.holder = holder
        # The builds this process has claimed and is running, for lease renewal.
        self.running: dict[str, asyncio.Task[Any] | None] = {}
        # Builds whose lease another worker ended: they stop without another word.
        self._lost: set[str] = set()
        # Builds that are writing their own last word: their lease ends with them.
        self._ending: set[str] = set()
        self.repository = repository
        self.events = events
        self.runner = runner
        self.previews = previews
        self.model = model
        self.snapshots = snapshots
        self.docs = docs
        self.notifier = notifier
        self.versions = versions
        self.preview_check = preview_check
        self.preview_address = PreviewAddress(settings.preview_template)

    def job_dir(self, job_id: str) -> Path:
        return self.settings.workspaces_dir / job_id

    async def run(self, job_id: str) -> None:
        job = await self.repository.get_job(job_id)
        if job.status != Stage.QUEUED.value:
            return  # delivered again after it started or ended: nothing to do
        if not await self.repository.leases.claim(
            job_id, self.holder, self.settings.worker_stall_s
        ):
            return  # another delivery of the same job claimed it first
        # The build runs as a task of its own so that losing its lease ends the build
        # alone, never the queue's worker that delivered it.
        build = asyncio.create_task(self._run_claimed(job_id), name=f"build-{job_id}")
        self.running[job_id] = build
        try:
            await build
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if job_id not in self._lost or (current is not None and current.cancelling()):
                raise
        finally:
            self.running.pop(job_id, None)
            self._lost.discard(job_id)
            self._ending.discard(job_id)

    async def let_go(self, job_id: str) -> None:
        """Stop a build this worker no longer holds the lease on, writing nothing more.

        Another worker has already ended it (this one went quiet past the stall time):
        the founder has heard the build's last word, and it was not this worker's.
        """
        build = self.running.get(job_id)
        if build is None or build.done() or job_id in self._ending:
            return
        self._lost.add(job_id)
        await cancel_and_wait(build)

    async def _run_claimed(self, job_id: str) -> None:
        # A database away for less than half the lease is waited out, not a failed build.
        patient_for(self.settings.worker_stall_s / 2)
        job = await self.repository.get_job(job_id)
        # Every write of this task names this run: once the build runs again elsewhere,
        # what this one still writes moves nothing.
        writing_for(job_id, job.delivery)
        project = await self.repository.get_project(job.project_id, job.owner_id)
        job_dir = self.job_dir(job_id)
        run = _Run(
            job_id=job_id,
            version=job.version,
            brief=Brief.from_dict(job.brief if job.brief is not None else project.brief),
            change_request=job.change_request,
            workspace=job_dir / "app",
            log=job_log(self.repository, self.settings, job_id),
            started=time.monotonic(),
            project_id=project.id,
            owner_id=job.owner_id,
            stage=Stage.STARTING,
            preview_token=job.preview_token or "",
            delivery=job.delivery,
        )
        if job.base_job_id is not None:
            base = await self.repository.get_job(job.base_job_id)
            run.base_manifest = base.manifest
            run.base_version = base.version
            run.base_job_id = base.id
            run.change_notes = job.change_notes
            run.restoring = job.restored_from is not None
            run.change_made = tuple((job.change_notes or {}).get("made", ()))
            run.base_brief = base.brief if base.brief is not None else project.brief
            run.planned_unmade = len((job.change_notes or {}).get("unmade") or ())
            if self.runner.reads_requests and job.change_request:
                # The runner decides what of the request it can make, not the planner.
                run.change_made = (f"\u201c{job.change_request[:200]}\u201d",)
        try:
            await self._build(run)
        except LeaseLost:
            await self._let_go(run)
        except BuildFailure as failure:
            await self._fail(run, failure.message, str(failure))
        except asyncio.CancelledError:
            if job_id in self._lost:
                await asyncio.shield(self._let_go(run))
            else:
                await asyncio.shield(
                    self._fail(
                        run, FOUNDER_MESSAGES["interrupted"], "the service shut down mid-build"
                    )
                )
            raise
        except Exception as error:  # the one place any failure becomes a clean, failed build
            technical = "".join(traceback.format_exception(error))
            await self._fail(run, FOUNDER_MESSAGES["internal"], technical)
        finally:
            await self._stop_docs(run)

    @staticmethod
    async def _stop_docs(run: _Run) -> None:
        if run.docs is not None and not run.docs.done():
            await cancel_and_wait(run.docs)

    async def _build(self, run: _Run) -> None:
        await self._stage(run, Stage.STARTING, self._prepare_workspace, transition=False)
        job = await self.repository.get_job(run.job_id)
        if changed_nothing(job) and not self.runner.reads_requests:
            notes = job.change_notes or {}
            raise BuildFailure(
                " ".join([*notes.get("unmade", []), notes.get("suggestion") or ""]).strip(),
                "the change request asked for nothing the offline model can make",
            )
        while True:
            for stage in (Stage.SCAFFOLD, Stage.CODE, Stage.DEPS):
                await self._stage(run, stage, self._write_and_start)
            if await self._stage(run, Stage.CHECKS, self._check):
                break
            if run.attempt > self.settings.checks_retries:
                raise BuildFailure(
                    _kept(run, FOUNDER_MESSAGES["checks"]), run.checks_failure or "checks failed"
                )
            run.attempt += 1
        self._settle_change(run)
        await self._complete(run)

    async def _stage(
        self,
        run: _Run,
        stage: Stage,
        work: _StageWork,
        *,
        transition: bool = True,
    ) -> bool:
        """Run one stage: move to it, announce it, do the work, announce the result."""
        await self._check_lease(run)
        started_at = utcnow()
        if transition:
            await self.repository.transition(
                run.job_id, stage, run.stage, stage_started_at=started_at, attempt=run.attempt
            )
            run.stage = stage
        info = STAGE_INFO[stage]
        estimate = await self.repository.estimate(stage)
        narration, narration_tokens = await self._narrate(run, stage)
        await self.events.append(
            run.job_id,
            StageStarted(
                stage=stage.value,
                label=info.label,
                narration=narration,
                agent_role=info.agent_role,
                estimate_s=estimate,
                attempt=run.attempt,
            ),
        )
        await run.log.write(f"[{stage.value}] started (attempt {run.attempt})")
        clock = time.monotonic()
        try:
            async with asyncio.timeout(self.settings.stage_timeout_s):
                tokens, ok = await work(run, stage)
        except TimeoutError as error:
            raise BuildFailure(
                FOUNDER_MESSAGES["timeout"],
                f"stage {stage.value} ran past {self.settings.stage_timeout_s:g}s",
            ) from error
        # A worker paused past the stall time may wake to find its build ended by another.
        await self._check_lease(run)
        duration = round(time.monotonic() - clock, 3)
        tokens += narration_tokens
        await self.repository.record_stage(
            run.job_id, stage, run.attempt, started_at, duration, tokens
        )
        await self.events.append(
            run.job_id,
            StageCompleted(
                stage=stage.value,
                label=info.label,
                duration_s=duration,
                tokens=tokens,
                outcome="ok" if ok else "retry",
            ),
        )
        await run.log.write(f"[{stage.value}] finished in {duration:.2f}s, {tokens} tokens")
        if stage is self._docs_after(run) and run.docs is None:
            self._start_docs(run)
        # A new version is only re-shot where its files changed.
        if ok and stage in SHOWN_STAGES and run.wrote:
            await self._snapshot(run, stage)
        return ok

    async def _narrate(self, run: _Run, stage: Stage) -> tuple[str, int]:
        told = self._iteration_narration(run, stage)
        if told is not None:
            return founder_safe(told), 0
        if not self.settings.llm_narration_enabled:
            return founder_safe(offline_narration(run.brief, stage, run.attempt)), 0
        return await narrate(
            self.model,
            run.brief,
            stage,
            run.attempt,
            timeout_s=self.settings.narration_timeout_s,
        )

    @staticmethod
    def _iteration_narration(run: _Run, stage: Stage) -> str | None:
        """What a new version's founder hears: the change itself, not a fresh build's story."""
        if not run.iterating or run.base_version is None:
            return None
        base = version_label(run.base_version)
        if run.restoring:
            if stage is Stage.STARTING:
                return f"Bringing back {base} of {run.brief.product_name} exactly as it was."
            if stage is Stage.CHECKS:
                return f"Checking that {base} still works as it did."
            return None
        name = run.brief.product_name
        if stage is Stage.STARTING:
            return f"Starting from {base} of {name} to make your change."
        if stage is Stage.SCAFFOLD:
            return f"Setting up {name}'s pages and look from {base}, with your change."
        if stage is Stage.DEPS:
            return f"Bringing {name}'s dashboard and search up to date with your change."
        if stage is Stage.CODE:
            # Said while it is being made: "adding …", not yet "Added …".
            doing = "; ".join(in_progress(line).rstrip(". ") for line in run.change_made)
            return f"Making your change: {doing}." if doing else "Making your change."
        if stage is Stage.CHECKS:
            return "Checking that everything still works after your change."
        return None

    def _docs_after(self, run: _Run) -> Stage:
        """The stage after which the guide is written: a model making a change answers at
        `code`, and the guide describes the app as it answered, not the planner's guess."""
        if run.iterating and not run.restoring and self.runner.reads_requests:
            return Stage.CODE
        return Stage.SCAFFOLD

    @staticmethod
    def _settle_change(run: _Run) -> None:
        """The version passed its checks: what the change made is now known for certain."""
        if run.outcome is None or run.outcome.done():
            return
        notes = run.change_notes or {}
        run.outcome.set_result(
            ChangeOutcome(
                made=tuple(notes.get("made") or ()),
                unmade=tuple(notes.get("unmade") or ()),
                reported=run.reported,
            )
        )

    def _start_docs(self, run: _Run) -> None:
        """The guide is written beside the rest of the build, from the finished scaffold on."""
        service = self.docs
        if service is None:
            return
        run.outcome = asyncio.get_running_loop().create_future()
        run.docs = asyncio.create_task(
            service.write(
                run.job_id,
                run.brief,
                project_id=run.project_id,
                version=run.version,
                change_request=run.change_request,
                note=run.log.write,
                base_job_id=run.base_job_id,
                restored_from=run.base_version if run.restoring else None,
                change=run.outcome,
            ),
            name=f"docs-{run.job_id}",
        )

    async def _prepare_workspace(self, run: _Run, stage: Stage) -> tuple[int, bool]:
        if run.delivery > 1:
            # A run again starts clean: nothing the first run half wrote is kept.
            await asyncio.to_thread(shutil.rmtree, run.workspace.parent, ignore_errors=True)
        await asyncio.to_thread(run.workspace.mkdir, parents=True, exist_ok=True)
        if run.base_manifest is not None:
            try:
                await self.versions.restore(run.base_manifest, run.workspace)
            except (OSError, BlobStoreError) as error:
                raise BuildFailure(
                    FOUNDER_MESSAGES["files"], f"restoring the base version failed: {error}"
                ) from error
            await run.log.write(f"restored {len(run.base_manifest)} file(s) of the base version")
        await run.log.write("workspace ready")
        return 0, True

    async def _write_and_start(self, run: _Run, stage: Stage) -> tuple[int, bool]:
        tokens = await self._write(run, stage)
        # A new version's app starts once its files are changed, never before: started
        # early, the previous version would lay out its data the old way.
        if run.wrote:
            await self._start_app(run)
        return tokens, True

    async def _write(self, run: _Run, stage: Stage) -> int:
        if run.restoring:
            # A restored version is exactly the old files: nothing is generated again.
            run.wrote = False
            return 0
        request = StageRequest(
            brief=run.brief,
            stage=stage,
            workspace=run.workspace,
            attempt=run.attempt,
            change_request=run.change_request,
            failure=run.checks_failure,
            iterating=run.iterating,
            previous_brief=None if run.base_brief is None else Brief.from_dict(run.base_brief),
        )
        try:
            output = await self.runner.run_stage(request)
        except (UnsafePath, OSError) as error:
            raise BuildFailure(
                FOUNDER_MESSAGES["files"], f"writing files failed: {error!r}"
            ) from error
        except ChangeNotMade as error:
            await run.log.write(*str(error).splitlines())
            raise BuildFailure(
                _not_made(run, error.reasons), "the change request was not made"
            ) from error
        except RunnerError as error:
            raise BuildFailure(
                FOUNDER_MESSAGES["model"], f"writing the app failed: {error}"
            ) from error
        # The model may take long enough for this worker's lease to lapse meanwhile.
        await self._check_lease(run)
        await run.log.write(*output.notes)
        run.wrote = bool(output.files_written) or not run.iterating
        if run.iterating and output.change_made is not None:
            await self._record_change(run, output)
        return output.tokens

    async def _record_change(self, run: _Run, output: StageOutput) -> None:
        """What the runner says it made of the request replaces the planner's guess."""
        made = [founder_safe(line) for line in output.change_made or []]
        unmade = [founder_safe(line) for line in output.change_unmade]
        if run.reported and run.change_notes is not None:
            # A fix after failed checks repairs the change; what the change made stays
            # what the first answer said, and what the fix couldn't do is added to it.
            made = list(run.change_notes.get("made") or [])
            kept = list(run.change_notes.get("unmade") or [])
            unmade = kept + [line for line in unmade if line not in kept]
        run.reported = True
        await self._plan_as_made(run, len(unmade))
        run.change_notes = {
            "made": made or (["Made the change you asked for."] if output.files_written else []),
            "unmade": unmade,
            "suggestion": None,
            "reported": True,
        }
        await self.repository.update_job(run.job_id, change_notes=run.change_notes)

    async def _plan_as_made(self, run: _Run, unmade: int) -> None:
        """Keep the planner's reading of the change only if the runner made as much of it.

        The plan is what the guide, the stats and the next change are written from. A runner
        that couldn't make more parts of the change than the planner couldn't may have left
        out one the planner added to the plan, and the plan may not claim it: the plan stays
        the one of the version changed. Leaving a made part unsaid is the lesser wrong.
        """
        if unmade <= run.planned_unmade or run.base_brief is None:
            return
        if run.brief.to_dict() == run.base_brief:
            return
        run.brief = Brief.from_dict(run.base_brief)
        await self.repository.update_job(run.job_id, brief=run.base_brief)
        await run.log.write("the plan stays as it was: the model made less than was planned")

    async def _start_app(self, run: _Run) -> None:
        if run.sandbox is None:
            base_path = self.preview_address.base_path(run.preview_token)
            run.sandbox = self.previews.create(
                run.job_id, run.workspace, base_path, run.log.write, owner_id=run.owner_id
            )
        try:
            await run.sandbox.start()
        except (SandboxError, OSError) as error:
            raise BuildFailure(FOUNDER_MESSAGES["start"], f"app start failed: {error}") from error
        await self.repository.update_job(run.job_id, preview_port=run.sandbox.port)
        await run.log.write(f"app answering on port {run.sandbox.port}")

    async def _check(self, run: _Run, stage: Stage) -> tuple[int, bool]:
        tokens = await self._write(run, stage)
        await self._start_app(run)
        assert run.sandbox is not None and run.sandbox.port is not None
        if not (run.workspace / SMOKE_TEST).is_file():
            await run.log.write("the app has no smoke test; checked that it answers")
            run.checks_failure = await self._check_preview(run)
            return tokens, run.checks_failure is None
        result = await run.sandbox.run_python(
            [SMOKE_TEST, f"http://127.0.0.1:{run.sandbox.port}"],
            timeout_s=self.settings.stage_timeout_s / 2,
        )
        await run.log.write(*result.output.splitlines()[-50:])
        if result.ok:
            await run.log.write("smoke tests passed")
            run.checks_failure = await self._check_preview(run)
            if run.checks_failure is None:
                return tokens, True
        else:
            run.checks_failure = (
                "smoke tests timed out"
                if result.timed_out
                else f"smoke tests failed (exit {result.exit_code}): {result.output[-2000:]}"
            )
        await run.log.write(run.checks_failure)
        return tokens, False

    async def _check_preview(self, run: _Run) -> str | None:
        """Save a record through the founder's preview link, not just on the app's port."""
        if self.preview_check is None or not run.preview_token:
            return None
        failure = await self.preview_check.run(run.preview_token, run.workspace / SMOKE_TEST)
        await run.log.write(failure or "the app works through its preview")
        return failure

    async def _snapshot(self, run: _Run, stage: Stage) -> None:
        service = self.snapshots
        address = None if run.sandbox is None else app_address(run.sandbox)
        if service is None or run.sandbox is None or address is None:
            return
        url = f"{address.url}{run.sandbox.base_path}/"
        await service.capture(run.job_id, stage.value, url, run.log.write)
        if service.pictured(run.job_id):
            run.pictured_launch, run.pictured_after = run.sandbox.launches, stage
        else:
            run.pictured_launch = run.pictured_after = None

    async def _final_snapshot(self, run: _Run) -> None:
        """The picture of the app as it is handed over, taken again only if it can differ.

        Every written file restarts the app, so an app still running from the start the
        latest picture shows has the same files, and its pages are the ones pictured.
        """
        sandbox = run.sandbox
        if (
            sandbox is not None
            and sandbox.running
            and run.pictured_after is not None
            and run.pictured_launch == sandbox.launches
        ):
            await run.log.write(
                f"the final picture is the one after {run.pictured_after.value}: "
                "the app has not changed since"
            )
            return
        await self._snapshot(run, Stage.READY)

    async def _complete(self, run: _Run) -> None:
        url = self.preview_address.url(run.preview_token) if run.preview_token else None
        if run.docs is not None:
            # The guide finishes within its own time limit, so the founder gets the
            # complete guide with the completed build.
            await run.docs
        # The final picture is of the app as it will be handed over; it is taken before
        # the job is marked ready so the build's times include it.
        await self._final_snapshot(run)
        await self._keep_version(run)
        if self.snapshots is not None:
            self.snapshots.forget(run.job_id)
        elapsed = round(time.monotonic() - run.started, 3)
        # From here the lease lapses because this build ended, not because another did.
        self._ending.add(run.job_id)
        await self.repository.finish(run.job_id)
        run.stage = Stage.READY
        job = await self.repository.get_job(run.job_id)
        if run.sandbox is not None:
            self.previews.ready(run.job_id)
        await self.events.append(
            run.job_id,
            BuildCompleted(
                version=version_label(run.version),
                elapsed_s=elapsed,
                preview_url=url,
                snapshot_url=job.snapshot_url,
                tokens=job.tokens,
            ),
        )
        self.notifier.build_ended(run.job_id)
        await run.log.write(f"build ready in {elapsed:.2f}s")

    async def _keep_version(self, run: _Run) -> None:
        """Store the finished app's files, so the version outlives its workspace."""
        try:
            manifest = await self.versions.save(run.workspace)
        except (OSError, BlobStoreError) as error:
            # The app is built and running; only its copy for later restores is missing,
            # which is no reason to fail the founder's build. Technical details say so.
            await run.log.write(f"storing the version's files failed: {error}")
            manifest = None
        if manifest is not None:
            await self.repository.update_job(run.job_id, manifest=manifest)
        if run.iterating:
            # The plan carries on from the newest version, so the next change starts here.
            await self.repository.set_project_brief(run.project_id, run.brief.to_dict())
        if manifest is not None:
            await run.log.write(f"version stored: {len(manifest)} file(s)")

    async def _fail(self, run: _Run, message: str, technical: str) -> None:
        self._ending.add(run.job_id)
        # Nothing may follow the terminal event, so the guide stops first.
        await self._stop_docs(run)
        if run.iterating and not run.restoring and run.change_notes is not None:
            # A failed version changed nothing: what was planned or answered is not made.
            notes = {**run.change_notes, "made": []}
            await self.repository.update_job(run.job_id, change_notes=notes)
        debug_id = new_debug_id()
        await run.log.write(f"build failed (debug id {debug_id}): {technical}")
        elapsed_s = time.monotonic() - run.started
        # A database busy for a moment (SQLite under a heavy load) must not leave the build
        # running until its lease runs out, nor end it with a message that isn't its own.
        for wait_s in _FAIL_RETRIES_S:
            try:
                await self.fail_job(run.job_id, message, debug_id, elapsed_s)
                break
            except DatabaseUnavailable:
                if wait_s is None:
                    raise
                await asyncio.sleep(wait_s)
        if self.snapshots is not None:
            self.snapshots.forget(run.job_id)
        await self.previews.stop(run.job_id)

    async def _check_lease(self, run: _Run) -> None:
        held = await self.repository.leases.renew(
            self.holder, [run.job_id], self.settings.worker_stall_s
        )
        if run.job_id not in held:
            raise LeaseLost(run.job_id)

    async def _let_go(self, run: _Run) -> None:
        """End a lost build's work here: its guide writer, its picture taking, its app."""
        await self._stop_docs(run)
        if self.snapshots is not None:
            self.snapshots.forget(run.job_id)
        await self.previews.stop(run.job_id)

    async def fail_job(
        self,
        job_id: str,
        message: str,
        debug_id: str,
        elapsed_s: float | None = None,
        *,
        lease_expired: bool = False,
    ) -> bool:
        """End a running job as failed and announce it; False if it had already ended.

        With `lease_expired`, False too if its worker holds its lease again.
        """
        previous = await self.repository.fail(
            job_id, message, debug_id, lease_expired=lease_expired
        )
        if previous is None:
            return False
        if elapsed_s is None:
            job = await self.repository.get_job(job_id)
            elapsed_s = seconds_between(job.started_at, job.finished_at)
        await self.events.append(
            job_id, BuildFailed(message=message, debug_id=debug_id, elapsed_s=round(elapsed_s, 3))
        )
        self.notifier.build_ended(job_id)
        return True

    async def recover(self, *, expired_only: bool = True, run_again: bool = False) -> int:
        """End the builds whose worker is gone; queued ones stay queued.

        A build belongs to the worker holding its lease, so only builds whose lease ran
        out are ended. A process that owns its database alone (`expired_only=False`)
        knows every running build was its predecessor's. With `run_again` (a queue that
        delivers to other workers), a build's first run is queued once more instead.
        """
        ended = 0
        orphans = (
            await self.repository.leases.orphaned()
            if expired_only
            else await self.repository.leases.running()
        )
        for job in orphans:
            if run_again and await self.repository.leases.run_again(job.id):
                await self.repository.append_logs(
                    job.id, [f"worker stopped answering in stage {job.status}; running again"]
                )
                continue
            debug_id = new_debug_id()
            message = FOUNDER_MESSAGES["interrupted"]
            if await self.fail_job(job.id, message, debug_id, lease_expired=expired_only):
                await self.repository.append_logs(
                    job.id, [f"build interrupted in stage {job.status} (debug id {debug_id})"]
                )
                ended += 1
        return ended


# Waits between attempts at recording a failure; `None` gives up.
_FAIL_RETRIES_S: tuple[float | None, ...] = (0.5, 2.0, 5.0, None)


def _not_made(run: _Run, reasons: list[str]) -> str:
    """The founder's answer to a change that could not be made: plainly, nothing changed."""
    said = " ".join(_sentence(founder_safe(reason)) for reason in reasons if reason.strip())
    if said:
        return _kept(run, f"We couldn't make this change: {said}")
    return _kept(
        run,
        f"We couldn't make this change: the edits to {run.brief.product_name} didn't fit its "
        "current files, even after trying again.",
        "Try asking for it in smaller steps or in other words.",
    )


def _kept(run: _Run, message: str, advice: str = "") -> str:
    """A failed change leaves the app as it was; the founder is told so, not left to guess."""
    if not run.iterating or run.base_version is None:
        return message
    base = version_label(run.base_version)
    kept = f"{run.brief.product_name} is unchanged; {base} is still there."
    return " ".join(part for part in (message, kept, advice) if part)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
