"""Waking an app the moment it went to sleep: the old app's stop (its cgroup, its disk) is
still under way when the founder opens the preview again. The wake waits for it, so the new
app is never ended by the old one's cleanup and never shares a mounted disk with it: the
founder gets the app, not "We couldn't wake your app up"."""

from __future__ import annotations

import asyncio

from livebuild.engine.previews import Previews
from livebuild.engine.sandbox import bwrap
from livebuild.settings import Settings
from tests.integration.test_containment import (  # noqa: F401 - fixtures
    findings,
    hostile,
    needs_bwrap,
    provider,
    settings,
)

pytestmark = needs_bwrap

# A little work before the app listens, as a generated app has (imports, its database).
_APP = hostile('attempt("pid", lambda: os.getpid())\nsum(range(3_000_000))\n')


async def _no_log(line: str) -> None:
    pass


async def test_an_app_woken_as_it_falls_asleep_starts_and_keeps_running(
    provider: bwrap.BwrapSandboxProvider,  # noqa: F811
    settings: Settings,  # noqa: F811
) -> None:
    previews = Previews(provider, 60.0, lambda _: _no_log, per_user=3)
    order: list[str] = []

    async def stopped(job_id: str) -> None:
        order.append("stopped")

    previews.on_stopped = stopped
    workspace = settings.workspaces_dir / "job" / "app"
    workspace.mkdir(parents=True)
    (workspace / "app.py").write_text(_APP)
    base = "/preview/job"
    try:
        for attempt in range(3):
            await previews.wake("job", workspace, base, owner_id="founder")
            first = previews.get("job")
            assert first is not None
            # Asleep (idle, or made room for another app), and opened again at once.
            previews.stop_soon("job")
            await previews.wake("job", workspace, base, owner_id="founder")
            order.append("woken")
            # Whatever the sleep still had to do is done: the woken app still answers.
            await asyncio.sleep(0.5)
            box = previews.get("job")
            assert box is not None and box is not first, f"asleep after waking ({attempt})"
            assert (await findings(box))["pid"][0] == "ok"
            # The routing record says "stopped" before the wake, never after it.
            assert order[-2:] == ["stopped", "woken"], order
            previews.stop_soon("job")
            await previews.stop_all()
    finally:
        await previews.stop_all()
