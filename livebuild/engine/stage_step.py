"""Running one stage: move to it, announce it, do its work in time, announce the result."""

from __future__ import annotations

import asyncio
import time

from livebuild.core.clock import utcnow
from livebuild.core.events import StageCompleted, StageStarted
from livebuild.core.messages import FOUNDER_MESSAGES
from livebuild.core.stages import SHOWN_STAGES, STAGE_INFO, Stage
from livebuild.engine.change_record import ChangeRecord
from livebuild.engine.change_words import iteration_narration
from livebuild.engine.run_state import BuildFailure, BuildRun, StageWork
from livebuild.narration.model import narrate
from livebuild.narration.offline import offline_narration
from livebuild.safety.guardrails import founder_safe


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
        """Run one stage: move to it, announce it, do the work, announce the result."""
        await self._check_lease(run)
        started_at = utcnow()
        if transition:
            await self.repository.transition(
                run.job_id, stage, run.stage, stage_started_at=started_at, attempt=run.attempt
            )
            run.stage = stage
        narration_tokens = await self._announce(run, stage)
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
                label=STAGE_INFO[stage].label,
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

    async def _announce(self, run: BuildRun, stage: Stage) -> int:
        """Tell the feed the stage has started, and what it is doing; the narration's tokens."""
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
        return narration_tokens

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
