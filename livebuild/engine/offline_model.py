"""The offline model's rules: deterministic answers written from the task's brief, no network.

They are the rules that write plans, code, guides and narration, so they live above those
layers and register into providers (which stream them through `OfflineProvider`); importing
`livebuild.engine` registers them.
"""

from __future__ import annotations

import json
from typing import Any

from livebuild.appgen import app_files
from livebuild.brief import Brief, derive_brief
from livebuild.brief.changes import apply_change
from livebuild.core.stages import Stage
from livebuild.engine.runners._edits import answer_with_edits
from livebuild.engine.runners._files import render_files
from livebuild.guide.offline import offline_changelog, offline_docs
from livebuild.narration.offline import offline_narration
from livebuild.providers.base import Task, register_offline_answer


def _previous(details: dict[str, Any]) -> Brief | None:
    data = details.get("previous_brief")
    return Brief.from_dict(data) if isinstance(data, dict) else None


def offline_answer(task: Task) -> str:
    if task.kind == "plan":
        # A plan task carries the idea, not a brief: answer with the offline reader's plan.
        idea, name = str(task.details.get("idea", "")), task.details.get("name")
        return json.dumps(derive_brief(idea, name if isinstance(name, str) else None).to_dict())
    brief = Brief.from_dict(task.brief)
    details = task.details
    if task.kind == "narration":
        return offline_narration(brief, Stage(details["stage"]), int(details.get("attempt", 1)))
    if task.kind == "docs":
        return offline_docs(brief)
    if task.kind == "changelog":
        change = details.get("change_request")
        unmade = details.get("unmade")
        made = details.get("made")
        return offline_changelog(
            brief,
            _previous(details),
            change if isinstance(change, str) else None,
            unmade=tuple(str(line) for line in unmade) if isinstance(unmade, list) else (),
            made=tuple(str(line) for line in made) if isinstance(made, list) else None,
        )
    if task.kind == "app" and details.get("edit") and isinstance(details.get("files"), dict):
        # A change request: edits that bring the current files to the changed plan's app.
        current = {str(path): str(text) for path, text in details["files"].items()}
        target = app_files(brief, Stage.CHECKS)
        request = str(details.get("change_request", ""))
        previous = _previous(details)
        if previous is not None:
            # Read against the version changed, the planner's words say what the edits make.
            said = apply_change(previous, request)
            answer = answer_with_edits(
                current,
                target,
                said.made[0] if said.made else f"Updated {brief.product_name} for your change.",
                (*said.unmade, *said.made, *([said.suggestion] if said.suggestion else [])),
            )
            if answer.startswith("DONE: "):
                more = [f"DONE: {line}" for line in said.made[1:]]
                answer = "\n".join([*more, *(f"CANNOT: {line}" for line in said.unmade), answer])
            return answer
        # When nothing needs to change, the planner's own words say why.
        told = apply_change(brief, request)
        cannot = (*told.unmade, *told.made, *([told.suggestion] if told.suggestion else []))
        return answer_with_edits(
            current, target, f"Updated {brief.product_name} for your change.", cannot
        )
    if task.kind == "app":
        return render_files(app_files(brief, Stage(details.get("stage", Stage.CHECKS))))
    return f"{brief.product_name}: {brief.tagline}"


register_offline_answer(offline_answer)
