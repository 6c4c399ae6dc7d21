"""The runner contract: write the app's files for one stage into a workspace."""

from __future__ import annotations

import abc
import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from livebuild.brief import Brief
from livebuild.core.stages import Stage
from livebuild.safety.paths import UnsafePath, confined

MAX_FILE_BYTES = 1_000_000
MAX_FILES = 200


class RunnerError(Exception):
    """The runner could not produce the stage's files (a model failing or timing out)."""


class ChangeNotMade(RunnerError):
    """The founder's change could not be made; `reasons` are plain words for the founder,
    the exception text is for the logs."""

    def __init__(self, reasons: list[str], technical: str) -> None:
        super().__init__(technical)
        self.reasons = reasons


@dataclass
class StageOutput:
    files_written: list[str] = field(default_factory=list)
    tokens: int = 0
    notes: list[str] = field(default_factory=list)
    # What a change request's answer says it changed and could not, in the founder's words;
    # None when the runner has nothing of its own to say about the change.
    change_made: list[str] | None = None
    change_unmade: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StageRequest:
    brief: Brief
    stage: Stage
    workspace: Path
    attempt: int = 1
    change_request: str | None = None
    failure: str | None = None  # what went wrong in checks, when retrying
    # The workspace already holds the previous version: change it, don't lay it out again.
    iterating: bool = False
    # The plan of the version being changed, when iterating.
    previous_brief: Brief | None = None


def write_files(workspace: Path, files: dict[str, str]) -> list[str]:
    """Write the files that changed, confined to the workspace; return their paths."""
    if len(files) > MAX_FILES:
        raise UnsafePath(f"{len(files)} files")
    written = []
    for relative, text in sorted(files.items()):
        data = text.encode()
        if len(data) > MAX_FILE_BYTES:
            raise UnsafePath(f"{relative} is {len(data)} bytes")
        target = confined(workspace, relative)
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(relative)
    return written


class Runner(abc.ABC):
    name: str
    # Whether the runner reads a change request itself, so it may make changes the offline
    # planner's vocabulary does not know.
    reads_requests: bool = False

    @abc.abstractmethod
    async def run_stage(self, request: StageRequest) -> StageOutput:
        """Bring the workspace to what the app should be after `request.stage`."""

    async def _write(self, workspace: Path, files: dict[str, str]) -> list[str]:
        return await asyncio.to_thread(write_files, workspace, files)
