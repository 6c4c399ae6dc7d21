"""Running one stage: move to it, announce it, do its work in time, announce the result."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime

from livebuild.core.clock import utcnow
from livebuild.core.events import Event, StageCompleted, StageStarted
from livebuild.core.messages import FOUNDER_MESSAGES
from livebuild.core.stages import SHOWN_STAGES, STAGE_INFO, Stage
from livebuild.engine.change_record import ChangeRecord
from livebuild.engine.change_words import iteration_narration
from livebuild.engine.run_state import BuildFailure, BuildRun, LeaseLost, StageWork
from livebuild.narration.model import narrate
from livebuild.narration.offline import offline_narration
from livebuild.safety.guardrails import founder_safe
from livebuild.store.eventlog.base import Write
from livebuild.store.stage_writes import NotHeld, log_lines, move, renew_lease, stage_record


class StageStep(ChangeRecord):
    """One stage of a build, and the line the feed says while it runs."""

    async def _stage(
        self,
        run: BuildRun,
        stage: Stage,
        work: StageWork,
        *,
        transition: bool = True,
    ) -> bool:
        """Run one stage: move to it, announce it, do the work, announce the result.

        Each end of the stage is one transaction: its lease, its move (or its record), its
        event and its log line commit together."""
        build = asyncio.current_task()
        if build is not None and build.cancelling():
            # A stop that a wait inside the last stage took for its own (Python 3.11's
            # `wait_for` does when what it waits for is done in the same moment): the build
            # ends here, as interrupted, instead of running on while the service stops.
            raise asyncio.CancelledError
        started_at, narration_tokens = await self._begin(run, stage, transition=transition)
        clock = time.monotonic()
        try:
            async with asyncio.timeout(self.settings.stage_timeout_s):
                tokens, ok = await work(run, stage)
        except TimeoutError as error:
            raise BuildFailure(
                FOUNDER_MESSAGES["timeout"],
                f"stage {stage.value} ran past {self.settings.stage_timeout_s:g}s",
            ) from error
        duration = round(time.monotonic() - clock, 3)
        tokens += narration_tokens
        # A worker paused past the stall time may wake to find its build ended by another:
        # the lease renewed with the record finds that out before anything is written.
        await self._announce(
            run,
            StageCompleted(
                stage=stage.value,
                label=STAGE_INFO[stage].label,
                duration_s=duration,
                tokens=tokens,
                outcome="ok" if ok else "retry",
            ),
            [stage_record(run.job_id, stage, run.attempt, started_at, duration, tokens)],
            f"[{stage.value}] finished in {duration:.2f}s, {tokens} tokens",
        )
        if stage is self._docs_after(run) and run.docs is None:
            self._start_docs(run)
        # A new version is only re-shot where its files changed.
        if ok and stage in SHOWN_STAGES and run.wrote:
            await self._snapshot(run, stage)
        return ok

    async def _begin(
        self, run: BuildRun, stage: Stage, *, transition: bool
    ) -> tuple[datetime, int]:
        """Move to the stage and say so; when it started, and the narration's tokens."""
        started_at = utcnow()
        narration, narration_tokens = await self._narrate(run, stage)
        if run.estimates is None:
            run.estimates = await self.repository.estimates()
        moving = (
            [move(run.job_id, stage, run.stage, stage_started_at=started_at, attempt=run.attempt)]
            if transition
            else []
        )
        await self._announce(
            run,
            StageStarted(
                stage=stage.value,
                label=STAGE_INFO[stage].label,
                narration=narration,
                agent_role=STAGE_INFO[stage].agent_role,
                estimate_s=run.estimates[stage],
                attempt=run.attempt,
            ),
            moving,
            f"[{stage.value}] started (attempt {run.attempt})",
        )
        if transition:
            run.stage = stage
        return started_at, narration_tokens

    async def _announce(self, run: BuildRun, event: Event, writes: list[Write], line: str) -> None:
        """Tell the feed, with what the event says happened and its log line, in one
        transaction that first renews the lease (`LeaseLost`, and nothing written, if gone)."""
        held = renew_lease(run.job_id, self.holder.worker_id, self.settings.worker_stall_s)
        try:
            await self.events.append(
                run.job_id,
                event,
                writes=[held, *writes, log_lines(run.job_id, run.log.take(line))],
            )
        except NotHeld as error:
            raise LeaseLost(run.job_id) from error
        run.renewed = time.monotonic()

    async def _narrate(self, run: BuildRun, stage: Stage) -> tuple[str, int]:
        told = iteration_narration(run, stage)
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
