"""Settings: what writes a build's app, the sandbox it runs in, and a stage's limits.

A new setting of this concept goes at the end of `BuildSettings`; its place here is its place
in the settings table of docs/operations.md.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class BuildSettings(BaseModel):
    runner: str = Field(
        default="offline",
        description=(
            "What writes the app: `offline` (templates, no model) or `model` (the configured "
            "model provider, with a fix loop on failed checks)."
        ),
    )
    sandbox: str = Field(
        default="auto",
        description=(
            "Where generated apps run: `bwrap` (namespaces, no network), `local` (unsafe, "
            "development only) or `auto` (`bwrap` if its start-up self-test passes)."
        ),
    )
    allow_unsafe_sandbox: str | None = Field(
        default=None,
        description=(
            "Set to `local` to allow the unsafe `local` sandbox with token auth and the "
            "model runner."
        ),
    )
    sandbox_cpu_s: int = Field(
        default=120, ge=1, description="CPU seconds a generated app may use."
    )
    sandbox_memory_mb: int = Field(
        default=512,
        ge=32,
        description="Memory a generated app may use, in MB (in bwrap, all its processes together).",
    )
    sandbox_cpus: float = Field(
        default=1.0,
        gt=0,
        description="CPU cores a `bwrap` app's processes may keep busy together.",
    )
    sandbox_file_mb: int = Field(
        default=64, ge=1, description="Largest file a generated app may write, in MB."
    )
    sandbox_processes: int = Field(
        default=64, ge=4, description="Processes and threads a `bwrap` sandbox may run."
    )
    sandbox_disk_mb: int = Field(
        default=128, ge=1, description="Disk a `bwrap` app may fill in its data folder, in MB."
    )
    sandbox_uid_base: int = Field(
        default=200_000,
        ge=1000,
        description="First of the host uids `bwrap` apps run as when livebuild runs as root.",
    )
    sandbox_start_timeout_s: float = Field(
        default=15.0, gt=0, description="How long a generated app may take to answer."
    )
    sandbox_keepalive_s: float = Field(
        default=1800.0, ge=0, description="How long an app keeps running after `ready`."
    )
    previews_per_user: int = Field(
        default=3,
        ge=1,
        description=(
            "Apps one user may keep running; past that the least recently used one goes to "
            "sleep (a build in progress counts but is never put to sleep)."
        ),
    )
    stage_timeout_s: float = Field(
        default=300.0, gt=0, description="A stage running longer than this fails the build."
    )
    checks_retries: int = Field(
        default=1, ge=0, le=3, description="Times failed checks send the build back to scaffold."
    )
