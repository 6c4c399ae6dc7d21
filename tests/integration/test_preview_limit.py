"""Running previews per user: past the limit, the founder's least recently used app
goes to sleep like an idle one, a build in progress keeps running, other founders' apps are
never touched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from livebuild.cli import main
from livebuild.core.stages import Stage
from livebuild.settings import AuthMode
from livebuild.web.app import create_app
from tests.conftest import IDEA, _client_for, make_settings, start_build, wait_done
from tests.fakes import GatedRunner


class Founder:
    """One signed-in founder on a shared client: each call carries their token."""

    def __init__(self, client: httpx.AsyncClient, token: str | None) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _as_me(self) -> None:
        self.client.headers.pop("Authorization", None)
        self.client.headers.update(self.headers)

    async def build(self, idea: str = IDEA) -> dict[str, Any]:
        """Build an app to `ready`; its status, preview link included."""
        self._as_me()
        started = await start_build(self.client, idea)
        status = await wait_done(self.client, started["job_id"])
        assert status["status"] == "ready" and status["preview_url"], status
        return status

    async def awake(self, job: dict[str, Any]) -> bool:
        """Whether the build page shows the app running; an asleep one's link says so too.

        A running app's link is not fetched here: that would count as using it."""
        self._as_me()
        status = (await self.client.get(f"/api/jobs/{job['job_id']}")).json()
        if status["preview_url"] is None:
            page = await self.client.get(job["preview_url"])
            assert page.status_code == 503 and "resting" in page.text, page.text
        return status["preview_url"] is not None

    async def visit(self, job: dict[str, Any], path: str = "") -> httpx.Response:
        page = await self.client.get(job["preview_url"] + path)
        assert page.status_code == 200, page.text
        return page

    async def wake(self, job: dict[str, Any]) -> None:
        self._as_me()
        woken = await self.client.post(f"/api/jobs/{job['job_id']}/preview")
        assert woken.status_code == 200, woken.text


@pytest.fixture
def tokens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("LIVEBUILD_DATA_DIR", str(tmp_path / "data"))
    found = {}
    for name in ("ada", "bob"):
        result = CliRunner().invoke(main, ["users", "add", name])
        assert result.exit_code == 0, result.output
        found[name] = result.output.strip().splitlines()[-1]
    return found


async def test_the_least_recently_visited_preview_sleeps_and_waking_it_moves_the_limit(
    tmp_path: Path, tokens: dict[str, str]
) -> None:
    settings = make_settings(tmp_path, auth_mode=AuthMode.TOKEN, previews_per_user=2)
    async for client in _client_for(create_app(settings)):
        ada, bob = Founder(client, tokens["ada"]), Founder(client, tokens["bob"])
        # Bob's app is the oldest and least used of all: only Ada's own apps are hers to lose.
        bobs = await bob.build()
        first = await ada.build()
        second = await ada.build("A recipe box for busy parents")
        await ada.visit(first)  # now the second is the one Ada used least recently
        third = await ada.build("A reading tracker for book clubs")

        assert [await ada.awake(job) for job in (first, second, third)] == [True, False, True]
        assert await bob.awake(bobs)

        await ada.wake(second)
        # The first was last visited before the third was built: it is the one to go.
        assert [await ada.awake(job) for job in (first, second, third)] == [False, True, True]
        assert await bob.awake(bobs)

        # Nothing was lost: the sleeping app wakes with its data and pages.
        await ada.wake(first)
        assert await ada.awake(first)
        assert [await ada.awake(job) for job in (second, third)] == [True, False]


async def test_a_build_in_progress_counts_but_is_never_put_to_sleep(
    tmp_path: Path,
) -> None:
    runner = GatedRunner(Stage.CODE)
    runner.gate.set()
    app = create_app(make_settings(tmp_path, previews_per_user=1), runner=runner)
    async for client in _client_for(app):
        founder = Founder(client, None)
        done = await founder.build()
        runner.gate.clear()
        runner.reached.clear()
        building = await start_build(client, "A recipe box for busy parents")
        await runner.reached.wait()  # its app runs from scaffold on
        assert not await founder.awake(done)

        # Waking the finished app goes over the limit rather than stop the build's app.
        await founder.wake(done)
        assert await founder.awake(done)
        mid_build = (await client.get(f"/api/jobs/{building['job_id']}")).json()
        assert mid_build["status"] == Stage.CODE.value and mid_build["preview_url"]

        runner.gate.set()
        finished = await wait_done(client, building["job_id"])
        assert finished["status"] == "ready" and finished["preview_url"]
        # Once it is ready it is the app in use, and the limit applies again.
        assert not await founder.awake(done)
        assert await founder.awake(finished)
