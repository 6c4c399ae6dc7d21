"""Runners turn a brief into the app's files, stage by stage."""

from __future__ import annotations

from livebuild.runners.base import Runner, StageOutput
from livebuild.settings import Settings


def create_runner(settings: Settings) -> Runner:
    if settings.runner == "offline":
        from livebuild.runners.offline import OfflineRunner

        return OfflineRunner()
    raise ValueError(f"Unknown runner {settings.runner!r}; the available runner is 'offline'.")


__all__ = ["Runner", "StageOutput", "create_runner"]
