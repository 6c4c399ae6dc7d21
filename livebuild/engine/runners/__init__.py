"""Runners turn a brief into the app's files, stage by stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from livebuild.engine.runners.base import Runner, RunnerError, StageOutput
from livebuild.settings import Settings

if TYPE_CHECKING:
    from livebuild.providers.base import ModelProvider

RUNNER_NAMES: tuple[str, ...] = ("offline", "model")


def create_runner(settings: Settings, model: ModelProvider) -> Runner:
    """`model` writes the app through the same provider as narration and documentation."""
    if settings.runner == "offline":
        from livebuild.engine.runners.offline import OfflineRunner

        return OfflineRunner()
    if settings.runner == "model":
        from livebuild.engine.runners.model import ModelRunner

        return ModelRunner(model, timeout_s=settings.model_timeout_s)
    raise ValueError(
        f"Unknown runner {settings.runner!r}; choose one of {', '.join(RUNNER_NAMES)}."
    )


__all__ = ["RUNNER_NAMES", "Runner", "RunnerError", "StageOutput", "create_runner"]
