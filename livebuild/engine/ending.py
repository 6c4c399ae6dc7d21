"""Finishing and failing: the final picture, the stored version, and the build's last word."""

from __future__ import annotations

import asyncio
import time

from livebuild.core.events import BuildCompleted
from livebuild.core.ids import new_debug_id
from livebuild.core.stages import Stage
from livebuild.core.urls import version_label
from livebuild.engine.pictured_page import pictured_page
from livebuild.engine.previews import app_address
from livebuild.engine.read_ahead import read_change_ahead
from livebuild.engine.recovery import Recovery
from livebuild.engine.run_state import BuildRun
from livebuild.store.blobs import BlobStoreError
from livebuild.store.db.engine import DatabaseUnavailable


class Ending(Recovery):
    """Completes a build (picture, stored files, ready event) or fails it plainly."""

    async def _snapshot(self, run: BuildRun, stage: Stage) -> None:
        """Picture the app after `stage`. A stage of a change is pictured where the change
        shows (its kind's form or list); the version's own picture, taken at the end, is
        always its home page, so each "before and after", project card and guide cover
        compares and shows the same page. A page that can't be pictured gives way to home."""
        service = self.snapshots
        address = None if run.sandbox is None else app_address(run.sandbox)
        if service is None or run.sandbox is None or address is None:
            return
        page = "/" if stage is Stage.READY else await self._changed_page(run)
        base = f"{address.url}{run.sandbox.base_path}"
        await service.capture(run.job_id, stage.value, f"{base}{page}", run.log)
        if page != "/" and not service.pictured(run.job_id):
            # An app that keeps the kind at another address (a model's own routes) is
            # still pictured: its home page always exists.
            page = "/"
            await service.capture(run.job_id, stage.value, f"{base}{page}", run.log)
        if service.pictured(run.job_id):
            run.pictured_launch, run.pictured_after = run.sandbox.launches, stage
            run.pictured_page = page
        else:
            run.pictured_launch = run.pictured_after = run.pictured_page = None

    async def _changed_page(self, run: BuildRun) -> str:
        """Where the change shows, worked out once per build and off the event loop (two
        plans laid out), and the home page on any trouble: a picture never fails a build."""
        if run.changed_page is None:
            before = None if run.restoring else run.base_brief
            try:
                run.changed_page = await asyncio.to_thread(pictured_page, before, run.brief)
            except Exception as error:  # the home page is always there to picture
                run.log.later(f"the change's page could not be worked out: {error!r}")
                run.changed_page = "/"
        return run.changed_page

    async def _final_snapshot(self, run: BuildRun) -> None:
        """The picture of the app as it is handed over, on its home page; taken again only
        if it can differ or the latest picture shows another page.

        Every written file restarts the app, so an app still running from the start the
        latest picture shows has the same files, and its pages are the ones pictured.
        """
        sandbox = run.sandbox
        if (
            sandbox is not None
            and sandbox.running
            and run.pictured_after is not None
            and run.pictured_launch == sandbox.launches
            and run.pictured_page == "/"
        ):
            run.log.later(
                f"the final picture is the one after {run.pictured_after.value}: "
                "the app has not changed since"
            )
            return
        await self._snapshot(run, Stage.READY)

    async def _complete(self, run: BuildRun) -> None:
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
        if self.kept is not None:
            # The records this version carried outlive this machine from now on, and so
            # do the last ones of the version it supersedes.
            self.kept.keep_soon(job, superseding=True)
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
        # The founder's next change is read against this version: its prompt is read ahead.
        plan = run.brief if job.brief is None else job.brief
        read_change_ahead(self.settings, self.model, plan, run.project_id)
        run.log.building = False
        await run.log.write(f"build ready in {elapsed:.2f}s")

    async def _keep_version(self, run: BuildRun) -> None:
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
            run.log.later(f"version stored: {len(manifest)} file(s)")

    async def _fail(self, run: BuildRun, message: str, technical: str) -> None:
        self._ending.add(run.job_id)
        # Nothing may follow the terminal event, so the guide stops first.
        await self._stop_docs(run)
        if run.iterating and not run.restoring and run.change_notes is not None:
            # A failed version changed nothing: what was planned or answered is not made.
            notes = {**run.change_notes, "made": []}
            await self.repository.update_job(run.job_id, change_notes=notes)
        debug_id = new_debug_id()
        run.log.building = False
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
        # The failure is told: the app's teardown need not hold up the worker's next build.
        self.previews.stop_soon(run.job_id)


# Waits between attempts at recording a failure; `None` gives up.
_FAIL_RETRIES_S: tuple[float | None, ...] = (0.5, 2.0, 5.0, None)
