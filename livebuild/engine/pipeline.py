"""Carrying one build job through its stages, announcing each step as an event."""

from __future__ import annotations

import asyncio
import shutil
import time
import traceback
from pathlib import Path

from livebuild.brief import Brief
from livebuild.core.messages import FOUNDER_MESSAGES
from livebuild.core.stages import Stage
from livebuild.engine.carry import carry_previous
from livebuild.engine.change_words import kept, not_made
from livebuild.engine.iterate import changed_nothing
from livebuild.engine.joblog import job_log
from livebuild.engine.preview_check import generated_smoke
from livebuild.engine.run_state import BuildFailure, BuildRun, LeaseLost
from livebuild.engine.runners.base import ChangeNotMade, RunnerError, StageRequest
from livebuild.engine.sandbox import SandboxError
from livebuild.engine.stage_step import StageStep
from livebuild.safety.paths import UnsafePath
from livebuild.store.blobs import BlobStoreError
from livebuild.store.db.patience import patient_for
from livebuild.store.deliveries import writing_for

SMOKE_TEST = "tests/smoke.py"


class BuildPipeline(StageStep):
    """Runs one build from queued to ready or failed; every collaborator is given explicitly."""

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

    async def _run_claimed(self, job_id: str) -> None:
        # A database away for less than half the lease is waited out, not a failed build:
        # every read and write the build makes, and the tasks it starts make, is patient.
        patient_for(self.settings.worker_stall_s / 2)
        job = await self.repository.get_job(job_id)
        # Every write of this task names this run: once the build runs again elsewhere,
        # what this one still writes moves nothing.
        writing_for(job_id, job.delivery)
        project = await self.repository.get_project(job.project_id, job.owner_id)
        job_dir = self.job_dir(job_id)
        run = BuildRun(
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
            run.log.building = False
            await self._stop_docs(run)

    async def _build(self, run: BuildRun) -> None:
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
                    kept(run, FOUNDER_MESSAGES["checks"]), run.checks_failure or "checks failed"
                )
            run.attempt += 1
        self._settle_change(run)
        await self._complete(run)

    async def _prepare_workspace(self, run: BuildRun, stage: Stage) -> tuple[int, bool]:
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
            run.log.later(f"restored {len(run.base_manifest)} file(s) of the base version")
        # A change or a restore goes on with the founder's records, not a fresh set of samples.
        run.log.later(
            await carry_previous(
                self.repository,
                self.settings,
                run.job_id,
                run.project_id,
                run.brief,
                live=self._data_view,
                remote=self.carrier,
            )
        )
        run.log.later("workspace ready")
        return 0, True

    def _data_view(self, job_id: str) -> Path | None:
        """Where the host reads a running version's data, if not its data folder."""
        sandbox = self.previews.get(job_id)
        return None if sandbox is None else sandbox.data_view()

    async def _write_and_start(self, run: BuildRun, stage: Stage) -> tuple[int, bool]:
        tokens = await self._write(run, stage)
        # A new version's app starts once its files are changed, never before: started
        # early, the previous version would lay out its data the old way.
        if run.wrote:
            await self._start_app(run)
        return tokens, True

    async def _write(self, run: BuildRun, stage: Stage) -> int:
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
                not_made(run, error.reasons), "the change request was not made"
            ) from error
        except RunnerError as error:
            raise BuildFailure(
                FOUNDER_MESSAGES["model"], f"writing the app failed: {error}"
            ) from error
        # The model may take long enough for this worker's lease to lapse meanwhile.
        await self._check_lease(run)
        run.log.later(*output.notes)
        run.wrote = bool(output.files_written) or not run.iterating
        if run.iterating and output.change_made is not None:
            await self._record_change(run, output)
        return output.tokens

    async def _start_app(self, run: BuildRun) -> None:
        if run.sandbox is None:
            base_path = self.preview_address.base_path(run.preview_token)
            run.sandbox = self.previews.create(
                run.job_id, run.workspace, base_path, run.log.app_output, owner_id=run.owner_id
            )
        try:
            await run.sandbox.start()
        except (SandboxError, OSError) as error:
            raise BuildFailure(FOUNDER_MESSAGES["start"], f"app start failed: {error}") from error
        if run.sandbox.port != run.recorded_port:
            # Restarted in its sandbox, the app answers on the port already recorded.
            await self.repository.update_job(run.job_id, preview_port=run.sandbox.port)
            run.recorded_port = run.sandbox.port
        run.log.later(f"app answering on port {run.sandbox.port}")

    async def _check(self, run: BuildRun, stage: Stage) -> tuple[int, bool]:
        tokens = await self._write(run, stage)
        await self._start_app(run)
        assert run.sandbox is not None and run.sandbox.port is not None
        if not (run.workspace / SMOKE_TEST).is_file():
            run.log.later("the app has no smoke test; checked that it answers")
            run.checks_failure = await self._check_preview(run)
            return tokens, run.checks_failure is None
        if await self._walk_smoke(run):
            return tokens, run.checks_failure is None
        result = await run.sandbox.run_python(
            [SMOKE_TEST, f"http://127.0.0.1:{run.sandbox.port}"],
            timeout_s=self.settings.stage_timeout_s / 2,
        )
        run.log.later(*result.output.splitlines()[-50:])
        if result.ok:
            run.log.later("smoke tests passed")
            run.checks_failure = await self._check_preview(run)
            if run.checks_failure is None:
                return tokens, True
        else:
            run.checks_failure = (
                "smoke tests timed out"
                if result.timed_out
                else f"smoke tests failed (exit {result.exit_code}): {result.output[-2000:]}"
            )
        run.log.later(run.checks_failure)
        return tokens, False

    async def _walk_smoke(self, run: BuildRun) -> bool:
        """The generated smoke test walked through the preview from the host, with no second
        sandbox; False when there is no preview to walk or the test is not the generated one."""
        if self.preview_check is None or not run.preview_token:
            return False
        expect = await asyncio.to_thread(generated_smoke, run.workspace / SMOKE_TEST)
        if expect is None:
            return False
        budget = self.settings.stage_timeout_s / 2
        failures = await self.preview_check.walk(run.preview_token, expect, budget)
        if failures == []:
            run.checks_failure = None
            run.log.later("smoke tests passed through the preview")
            return True
        run.checks_failure = (
            "smoke tests timed out"
            if failures is None
            else "smoke tests failed through the preview: " + "; ".join(failures)[-2000:]
        )
        run.log.later(run.checks_failure)
        return True

    async def _check_preview(self, run: BuildRun) -> str | None:
        """Save a record through the founder's preview link, not just on the app's port."""
        if self.preview_check is None or not run.preview_token:
            return None
        failure = await self.preview_check.run(run.preview_token, run.workspace / SMOKE_TEST)
        run.log.later(failure or "the app works through its preview")
        return failure
