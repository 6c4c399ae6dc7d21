"""Sandboxes run generated apps away from the host."""

from __future__ import annotations

from livebuild.build.sandbox.base import CommandResult, Sandbox, SandboxError, SandboxProvider
from livebuild.settings import Settings


def create_provider(settings: Settings) -> SandboxProvider:
    if settings.sandbox == "local":
        from livebuild.build.sandbox.local import LocalSandboxProvider

        return LocalSandboxProvider(settings)
    raise ValueError(f"Unknown sandbox {settings.sandbox!r}; the available sandbox is 'local'.")


__all__ = ["CommandResult", "Sandbox", "SandboxError", "SandboxProvider", "create_provider"]
