"""Sandboxes run generated apps away from the host."""

from __future__ import annotations

import logging

from livebuild.engine.sandbox.base import CommandResult, Sandbox, SandboxError, SandboxProvider
from livebuild.settings import AuthMode, Settings

_log = logging.getLogger(__name__)
_CHOICES = ("auto", "bwrap", "local")


class UnsafeSandbox(RuntimeError):
    """The configured sandbox would run untrusted code unsafely; livebuild must not start."""


def create_provider(settings: Settings) -> SandboxProvider:
    if settings.sandbox not in _CHOICES:
        raise ValueError(
            f"Unknown sandbox {settings.sandbox!r}; the available sandboxes are "
            + ", ".join(repr(c) for c in _CHOICES)
            + "."
        )
    if settings.sandbox in ("auto", "bwrap"):
        from livebuild.engine.sandbox import bwrap

        problem = bwrap.self_test()
        runtime = bwrap.find_runtime()
        if problem is None and runtime is not None:
            return bwrap.BwrapSandboxProvider(settings, runtime)
        if settings.sandbox == "bwrap":
            raise UnsafeSandbox(f"LIVEBUILD_SANDBOX=bwrap, but {problem}. See docs/security.md.")
        _log.warning(
            "\n%s\nGENERATED APPS RUN UNSANDBOXED: %s.\nFalling back to the `local` sandbox, "
            "which is for development only: apps run as this user and can read its files "
            "and reach the network. See the sandboxes section of docs/security.md.\n%s",
            "!" * 78,
            problem,
            "!" * 78,
        )
    if (
        settings.auth_mode is AuthMode.TOKEN
        and settings.runner == "model"
        and settings.allow_unsafe_sandbox != "local"
    ):
        raise UnsafeSandbox(
            "Refusing to run model-written apps for signed-in users in the unsafe `local` "
            "sandbox. Make `bwrap` work (see docs/security.md), or set "
            "LIVEBUILD_ALLOW_UNSAFE_SANDBOX=local to accept the risk."
        )
    from livebuild.engine.sandbox.local import LocalSandboxProvider

    return LocalSandboxProvider(settings)


__all__ = [
    "CommandResult",
    "Sandbox",
    "SandboxError",
    "SandboxProvider",
    "UnsafeSandbox",
    "create_provider",
]
