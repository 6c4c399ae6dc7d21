"""Settings: live screenshots: whose Chromium takes them, how long and how many at once.

A new setting of this concept goes at the end of `ScreenshotSettings`; its place here is its place
in the settings table of docs/operations.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field


class ScreenshotSettings(BaseModel):
    screenshots_enabled: bool = Field(default=True, description="Capture live screenshots.")
    chromium_path: str | None = Field(
        default=None,
        description=(
            "Chromium for screenshots. Default: a headless shell (Playwright's, else the "
            "system's `chromium-headless-shell`: the same pictures for about half the CPU), "
            "else Playwright's own browser, else the system `chromium`."
        ),
    )
    screenshot_browser: Literal["shared", "inprocess"] = Field(
        default="shared",
        description=(
            "Whose Chromium takes screenshots: `shared` (one per machine, started by the "
            "first process that needs it and shared by every `serve` and `worker` using "
            "the same data dir) or `inprocess` (one per process)."
        ),
    )
    screenshot_service_idle_s: float = Field(
        default=300.0,
        gt=0,
        description=(
            "How long the shared screenshot service waits unused before it stops (it "
            "stops at once when the last process using it has gone)."
        ),
    )
    screenshot_service_dir: Path | None = Field(
        default=None,
        description=(
            "Where the shared screenshot service keeps its lock and address. Default: "
            "`screenshot-service` in the data dir; processes on one machine with different "
            "data dirs share one browser by naming the same folder."
        ),
    )
    screenshot_timeout_s: float = Field(
        default=10.0, gt=0, description="Longest a single screenshot may take."
    )
    screenshot_concurrency: int | None = Field(
        default=None,
        ge=1,
        le=32,
        description=(
            "Screenshots taken at the same time. Default: one per core (one on 2 cores), "
            "as many as memory holds (`livebuild doctor` shows the number)."
        ),
    )
