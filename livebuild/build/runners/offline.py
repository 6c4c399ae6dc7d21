"""The offline runner: writes an idea-specific app from templates, no model needed."""

from __future__ import annotations

from livebuild.appgen import app_files
from livebuild.build.runners.base import Runner, StageOutput, StageRequest
from livebuild.core.stages import Stage
from livebuild.providers.token_count import count_tokens

_BUILDS_FILES = frozenset({Stage.SCAFFOLD, Stage.CODE, Stage.DEPS, Stage.CHECKS})


class OfflineRunner(Runner):
    name = "offline"

    async def run_stage(self, request: StageRequest) -> StageOutput:
        if request.stage not in _BUILDS_FILES:
            return StageOutput()
        files = app_files(request.brief, request.stage)
        written = await self._write(request.workspace, files)
        tokens = sum(count_tokens(files[path]) for path in written)
        return StageOutput(
            files_written=written,
            tokens=tokens,
            notes=[f"wrote {len(written)} file(s): {', '.join(written)}"] if written else [],
        )
