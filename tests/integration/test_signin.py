"""Signing a browser in (token mode): a token or a one-time link, an HttpOnly session
cookie set only from livebuild's own page, and signing out (SEC-06)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from livebuild.cli import main
from livebuild.core.clock import utcnow
from livebuild.settings import AuthMode
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings

HTML = {"Accept": "text/html"}
SAME = {"Origin": "http://testserver"}


@pytest.fixture
def ada(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("LIVEBUILD_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(main, ["users", "add", "ada"])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


async def _browser(tmp_path: Path, **overrides: object) -> AsyncIterator[httpx.AsyncClient]:
    settings = make_settings(tmp_path, auth_mode=AuthMode.TOKEN, **overrides)
    async for client in _client_for(create_app(settings)):
        yield client


@pytest.fixture
async def browser(tmp_path: Path, ada: str) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _browser(tmp_path):
        yield client


async def _link(name: str) -> str:
    # The command runs its own event loop, so it runs beside the test's.
    result = await asyncio.to_thread(CliRunner().invoke, main, ["users", "link", name])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


async def test_pages_send_a_browser_without_a_session_to_sign_in(
    browser: httpx.AsyncClient,
) -> None:
    page = await browser.get("/", headers=HTML)
    assert page.status_code == 303 and page.headers["location"] == "/signin?next=%2F"
    api = await browser.get("/api/projects", headers=HTML)
    assert api.status_code == 401 and "token" in api.json()["detail"]
    form = await browser.get("/signin", headers=HTML)
    assert form.status_code == 200 and 'name="token"' in form.text and "<form" in form.text


async def test_a_token_signs_the_browser_in_with_an_httponly_cookie(
    browser: httpx.AsyncClient, ada: str
) -> None:
    signed = await browser.post(
        "/signin", data={"token": ada, "next": "/?from=signin"}, headers=SAME
    )
    assert signed.status_code == 303 and signed.headers["location"] == "/?from=signin"
    cookie = signed.headers["set-cookie"]
    assert cookie.startswith("livebuild_session=lbs_")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert ada not in cookie  # the session is its own, not the access token
    page = await browser.get("/", headers=HTML)
    assert page.status_code == 200 and "Sign out" in page.text

    browser.cookies.clear()
    as_json = await browser.post("/signin", json={"token": ada})
    assert as_json.status_code == 200 and as_json.json()["signed_in"] is True


async def test_a_wrong_token_is_refused_on_the_page(browser: httpx.AsyncClient) -> None:
    wrong = await browser.post("/signin", data={"token": "lb_nope"}, headers=SAME)
    assert wrong.status_code == 401 and "Check it and try again" in wrong.text
    assert "set-cookie" not in wrong.headers
    wrong_json = await browser.post("/signin", json={"token": "lb_nope"})
    assert wrong_json.status_code == 401


async def test_sign_in_from_another_site_is_refused(browser: httpx.AsyncClient, ada: str) -> None:
    for headers in (
        {"Origin": "http://evil.example"},
        {"Referer": "http://evil.example/page"},
        {},  # a form post that names no origin at all
    ):
        forged = await browser.post("/signin", data={"token": ada}, headers=headers)
        assert forged.status_code == 403, headers
        assert "set-cookie" not in forged.headers
    forged_json = await browser.post(
        "/signin", json={"token": ada}, headers={"Origin": "http://evil.example"}
    )
    assert forged_json.status_code == 403


async def test_a_sign_in_link_works_once(browser: httpx.AsyncClient) -> None:
    link = httpx.URL(await _link("ada"))
    assert link.path == "/signin" and link.params["code"]
    page = await browser.get(f"/signin?{link.query.decode()}", headers=HTML)
    # Opening the link does not use it up (chat apps open links to preview them).
    assert page.status_code == 200 and "set-cookie" not in page.headers
    code = link.params["code"]
    assert f'value="{code}"' in page.text

    first = await browser.post("/signin", data={"code": code}, headers=SAME)
    assert first.status_code == 303 and first.headers["set-cookie"].startswith("livebuild_session=")
    browser.cookies.clear()
    again = await browser.post("/signin", data={"code": code}, headers=SAME)
    assert again.status_code == 401 and "used or has expired" in again.text
    unknown = await asyncio.to_thread(CliRunner().invoke, main, ["users", "link", "nobody"])
    assert unknown.exit_code != 0


async def test_a_sign_in_link_expires(
    tmp_path: Path, ada: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVEBUILD_SIGNIN_LINK_TTL_S", "60")
    code = httpx.URL(await _link("ada")).params["code"]
    app = create_app(make_settings(tmp_path, auth_mode=AuthMode.TOKEN))
    async for client in _client_for(app):
        # A minute and a second later, by the sessions' clock: no waiting.
        app.state.services.sessions.clock = lambda: utcnow() + timedelta(seconds=61)
        late = await client.post("/signin", data={"code": code}, headers=SAME)
        assert late.status_code == 401 and "used or has expired" in late.text


async def test_signing_out_ends_that_session_only(browser: httpx.AsyncClient, ada: str) -> None:
    await browser.post("/signin", data={"token": ada}, headers=SAME)
    session = browser.cookies["livebuild_session"]
    forged = await browser.post("/signout", headers={"Origin": "http://evil.example"})
    assert forged.status_code == 403
    out = await browser.post("/signout", headers=SAME)
    assert out.status_code == 303 and out.headers["location"] == "/signin"
    assert 'livebuild_session=""' in out.headers["set-cookie"]
    browser.cookies.clear()
    ended = await browser.get("/api/projects", headers={"Authorization": f"Bearer {session}"})
    assert ended.status_code == 401
    token = await browser.get("/api/projects", headers={"Authorization": f"Bearer {ada}"})
    assert token.status_code == 200


async def test_the_cookie_is_secure_behind_https_and_next_stays_on_site(
    tmp_path: Path, ada: str
) -> None:
    async for client in _browser(tmp_path, public_url="https://lb.example.com"):
        signed = await client.post(
            "/signin",
            data={"token": ada, "next": "//evil.example/x"},
            headers={"Origin": "https://lb.example.com"},
        )
        assert signed.status_code == 303 and signed.headers["location"] == "/"
        assert "Secure" in signed.headers["set-cookie"]


async def test_local_mode_needs_no_sign_in(client: httpx.AsyncClient) -> None:
    page = await client.get("/signin", headers=HTML)
    assert page.status_code == 303 and page.headers["location"] == "/"
