"""The user guide, written beside the build from the finished scaffold on."""

from __future__ import annotations

import asyncio

from livebuild.core.stages import Stage
from livebuild.core.tasks import cancel_and_wait
from livebuild.engine.pipeline_parts import PipelineParts
from livebuild.engine.run_state import BuildRun


class GuideBeside(PipelineParts):
    """Starts the guide writer at the right stage and stops it before any last word."""

    def _docs_after(self, run: BuildRun) -> Stage:
        """The stage after which the guide is written: a model making a change answers at
        `code`, and the guide describes the app as it answered, not the planner's guess."""
        if run.iterating and not run.restoring and self.runner.reads_requests:
            return Stage.CODE
        return Stage.SCAFFOLD

    def _start_docs(self, run: BuildRun) -> None:
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

    @staticmethod
    async def _stop_docs(run: BuildRun) -> None:
        if run.docs is not None and not run.docs.done():
            await cancel_and_wait(run.docs)
