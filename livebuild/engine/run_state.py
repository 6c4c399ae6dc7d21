"""One build's state while it runs, and the two ways a build stops early."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from livebuild.brief import Brief
from livebuild.core.stages import Stage
from livebuild.engine.joblog import JobLog
from livebuild.engine.sandbox import Sandbox
from livebuild.guide.outcome import ChangeOutcome
from livebuild.store.versions import Manifest


class LeaseLost(Exception):
    """Another worker ended this build: this one stops without a word."""


class BuildFailure(Exception):
    """A build cannot go on. `message` is for the founder, the exception text for the logs."""

    def __init__(self, message: str, technical: str) -> None:
        super().__init__(technical)
        self.message = message


@dataclass
class BuildRun:
    """Everything one build knows about itself between its stages."""

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
    # The app's path the latest usable picture shows, and where the change shows (its kind's
    # form or list; "/" for a first version), worked out once per build.
    pictured_page: str | None = None
    changed_page: str | None = None
    renewed: float = 0.0  # when its lease was last renewed (monotonic)
    # The app's port as the job's row has it: an app restarted in its sandbox keeps its port.
    recorded_port: int | None = None
    # Each stage's time estimate from the history as the build began (read at its first stage).
    estimates: dict[Stage, float] | None = None

    @property
    def iterating(self) -> bool:
        return self.base_manifest is not None

    preview_token: str = ""


# A stage's work returns the tokens it used and whether it succeeded.
StageWork = Callable[[BuildRun, Stage], Awaitable[tuple[int, bool]]]
