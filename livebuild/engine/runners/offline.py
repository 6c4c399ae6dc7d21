"""The offline runner: writes an idea-specific app from templates, no model needed."""

from __future__ import annotations

import asyncio

from livebuild.appgen import app_files
from livebuild.core.stages import Stage
from livebuild.engine.runners.base import Runner, StageOutput, StageRequest
from livebuild.providers.token_count import count_tokens

_BUILDS_FILES = frozenset({Stage.SCAFFOLD, Stage.CODE, Stage.DEPS, Stage.CHECKS})


class OfflineRunner(Runner):
    name = "offline"

    async def run_stage(self, request: StageRequest) -> StageOutput:
        if request.stage not in _BUILDS_FILES:
            return StageOutput()
        if request.iterating and request.stage is not Stage.CODE:
            # A new version is written in one go, over the previous version's files;
            # write_files leaves every file whose text did not change untouched.
            return StageOutput()
        stage = Stage.CHECKS if request.iterating else request.stage
        # Rendering an app and counting its tokens is tens of milliseconds of CPU, hundreds
        # on a busy machine: off the event loop, so the status API and the build pages of
        # every other build on this process are not kept waiting behind it.
        files = await asyncio.to_thread(app_files, request.brief, stage)
        written = await self._write(request.workspace, files)
        tokens = await asyncio.to_thread(_tokens, files, written)
        return StageOutput(
            files_written=written,
            tokens=tokens,
            notes=[f"wrote {len(written)} file(s): {', '.join(written)}"] if written else [],
        )


def _tokens(files: dict[str, str], written: list[str]) -> int:
    return sum(count_tokens(files[path]) for path in written)
