"""Token mode: every user sees only their own projects, builds, events and previews."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from livebuild.cli import main
from livebuild.screenshots.browser import find_chromium
from livebuild.settings import AuthMode
from livebuild.web.app import create_app
from tests.conftest import IDEA, _client_for, make_settings, wait_done


@pytest.fixture
def token_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("LIVEBUILD_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    tokens = {}
    for name in ("ada", "bob"):
        result = runner.invoke(main, ["users", "add", name])
        assert result.exit_code == 0, result.output
        tokens[name] = result.output.strip().splitlines()[-1]
    duplicate = runner.invoke(main, ["users", "add", "ada"])
    assert duplicate.exit_code != 0 and "already exists" in duplicate.output
    listed = runner.invoke(main, ["users", "list"])
    assert listed.output.split() == ["ada", "bob", "local"]
    return tokens


@pytest.fixture
async def token_client(
    tmp_path: Path, token_settings: dict[str, str]
) -> AsyncIterator[httpx.AsyncClient]:
    settings = make_settings(
        tmp_path, auth_mode=AuthMode.TOKEN, screenshots_enabled=find_chromium(None) is not None
    )
    async for client in _client_for(create_app(settings)):
        yield client


async def test_requests_without_a_valid_token_are_401(token_client: httpx.AsyncClient) -> None:
    anonymous = await token_client.post("/api/projects", json={"idea": IDEA})
    assert anonymous.status_code == 401 and "token" in anonymous.json()["detail"]
    wrong = await token_client.get(
        "/api/projects", headers={"Authorization": "Bearer lb_not-a-real-token"}
    )
    assert wrong.status_code == 401


async def test_other_users_resources_answer_404(
    token_client: httpx.AsyncClient, token_settings: dict[str, str]
) -> None:
    ada = {"Authorization": f"Bearer {token_settings['ada']}"}
    bob = {"Authorization": f"Bearer {token_settings['bob']}"}
    project = (await token_client.post("/api/projects", json={"idea": IDEA}, headers=ada)).json()
    build = (await token_client.post(f"/api/projects/{project['id']}/builds", headers=ada)).json()
    token_client.headers.update(ada)
    await wait_done(token_client, build["job_id"])
    del token_client.headers["Authorization"]

    job = build["job_id"]
    paths = [
        f"/api/projects/{project['id']}",
        f"/api/jobs/{job}",
        f"/api/jobs/{job}/events",
        f"/api/jobs/{job}/events/stream",
        f"/api/jobs/{job}/logs",
        f"/preview/{job}/",
        f"/api/jobs/{job}/snapshots",
    ]
    shots = (await token_client.get(f"/api/jobs/{job}/snapshots", headers=ada)).json()
    paths += [httpx.URL(shot["url"]).path for shot in shots["snapshots"][:1]]
    if find_chromium(None) is not None:
        assert len(paths) == 8
    for path in paths:
        mine = await token_client.get(path, headers=ada, follow_redirects=True)
        assert mine.status_code == 200, path
        theirs = await token_client.get(path, headers=bob)
        missing = await token_client.get(
            path.replace(job, "0" * 32).replace(project["id"], "0" * 32), headers=bob
        )
        assert theirs.status_code == 404, path
        assert theirs.json() == missing.json()
    steal = await token_client.post(f"/api/projects/{project['id']}/builds", headers=bob)
    assert steal.status_code == 404
    assert (await token_client.get("/api/projects", headers=bob)).json()["projects"] == []


async def test_the_session_cookie_works_like_the_token(
    token_client: httpx.AsyncClient, token_settings: dict[str, str]
) -> None:
    token_client.cookies.set("livebuild_session", token_settings["ada"])
    assert (await token_client.get("/api/projects")).status_code == 200


def test_revoked_tokens_stop_working(token_settings: dict[str, str]) -> None:
    result = CliRunner().invoke(main, ["users", "revoke", "ada"])
    assert result.exit_code == 0 and "Revoked 1" in result.output
    missing = CliRunner().invoke(main, ["users", "token", "nobody"])
    assert missing.exit_code != 0
