"""A change's bookkeeping: what the planner and the runner say was made of a request."""

from __future__ import annotations

from livebuild.brief import Brief
from livebuild.engine.ending import Ending
from livebuild.engine.run_state import BuildRun
from livebuild.engine.runners.base import StageOutput
from livebuild.guide.outcome import ChangeOutcome
from livebuild.safety.guardrails import founder_safe


class ChangeRecord(Ending):
    """Keeps the change notes, the plan as made, and the outcome the guide waits for."""

    @staticmethod
    def _settle_change(run: BuildRun) -> None:
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

    async def _record_change(self, run: BuildRun, output: StageOutput) -> None:
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
        # The planner's suggestions to confirm stay whatever the runner made.
        offered = list((run.change_notes or {}).get("suggestions") or [])
        run.change_notes = {
            "reader": (run.change_notes or {}).get("reader") or "rules",
            "suggestions": offered,
            "made": made or (["Made the change you asked for."] if output.files_written else []),
            "unmade": unmade,
            "suggestion": None,
            "reported": True,
            # What the request was pointed at: the same words aimed elsewhere are a new change.
            "target": (run.change_notes or {}).get("target"),
        }
        await self.repository.update_job(run.job_id, change_notes=run.change_notes)

    async def _plan_as_made(self, run: BuildRun, unmade: int) -> None:
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
