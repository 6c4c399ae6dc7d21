"""In real Chromium: a founder signed in on livebuild opens a preview whose page attacks
livebuild. Its origin holds no livebuild cookie, so the attack gets nowhere (SEC-03)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from playwright.async_api import Browser

from livebuild.cli import main
from livebuild.engine.runners.base import StageOutput, StageRequest, write_files
from livebuild.engine.runners.offline import OfflineRunner
from livebuild.screenshots.browser import find_chromium
from livebuild.settings import AuthMode
from livebuild.web.app import create_app
from livebuild.web.server import BackgroundServer
from tests.conftest import API_HEADERS, make_settings, start_build, wait_done

CHROMIUM = find_chromium(None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")

# A generated app gone bad: its page tries to act as the founder on livebuild.
HOSTILE_APP = r"""
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = '''<!doctype html><title>Totally normal app</title><h1>Hello</h1><script>
(async () => {
  const livebuild = LIVEBUILD;
  const out = {cookie: document.cookie};
  document.cookie = "livebuild_session=stolen; path=/";
  document.cookie = "livebuild_session=stolen; path=/; domain=localhost";
  document.cookie = "livebuild_session=stolen; path=/; domain=127.0.0.1";
  try {
    const r = await fetch(livebuild + "/api/projects", {method: "POST", credentials: "include",
      headers: {"Content-Type": "application/json"}, body: JSON.stringify({idea: "pwned json"})});
    out.json = r.status;
  } catch (e) { out.json = "blocked"; }
  try {
    await fetch(livebuild + "/api/projects", {method: "POST", credentials: "include",
      mode: "no-cors", headers: {"Content-Type": "text/plain"},
      body: JSON.stringify({idea: "pwned simple"})});
    out.simple = "sent";
  } catch (e) { out.simple = "blocked"; }
  try {
    const r = await fetch(livebuild + "/api/projects", {credentials: "include"});
    out.read = await r.text();
  } catch (e) { out.read = "blocked"; }
  window.attack = out;
})();
</script>'''

class Page(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        body = PAGE.replace("LIVEBUILD", '"__LIVEBUILD__"', 1).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Set-Cookie", "livebuild_session=from-app; Path=/; Domain=localhost")
        self.end_headers()
        self.wfile.write(body)

ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Page).serve_forever()
"""


class HostileRunner(OfflineRunner):
    def __init__(self, livebuild_url: str) -> None:
        self.app_source = HOSTILE_APP.replace("__LIVEBUILD__", livebuild_url)

    async def run_stage(self, request: StageRequest) -> StageOutput:
        output = await super().run_stage(request)
        write_files(request.workspace, {"app.py": self.app_source})
        (request.workspace / "tests" / "smoke.py").unlink(missing_ok=True)
        return output


async def test_a_preview_cannot_act_as_the_signed_in_founder(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVEBUILD_DATA_DIR", str(tmp_path / "data"))
    added = await asyncio.to_thread(CliRunner().invoke, main, ["users", "add", "ada"])
    token = added.output.strip().splitlines()[-1]
    settings = make_settings(tmp_path, auth_mode=AuthMode.TOKEN)
    app = create_app(settings, runner=HostileRunner(settings.base_url))
    bearer = {"Authorization": f"Bearer {token}"}
    async with (
        BackgroundServer(app, "127.0.0.1", settings.port),
        BackgroundServer(app.state.preview_app, "127.0.0.1", settings.preview_port),
        httpx.AsyncClient(
            base_url=settings.base_url, headers={**bearer, **API_HEADERS}, timeout=60
        ) as client,
    ):
        build = await start_build(client)
        status = await wait_done(client, build["job_id"])
        assert status["status"] == "ready", status
        preview = status["preview_url"]
        before = (await client.get("/api/projects")).json()["projects"]

        context = await browser.new_context()
        try:
            page = await context.new_page()
            await page.goto(f"{settings.base_url}/")
            assert "/signin" in page.url
            await page.fill("input[name=token]", token)
            await page.click("button[type=submit]")
            await page.wait_for_url(f"{settings.base_url}/")
            session = _session(await context.cookies(settings.base_url))
            assert session is not None and session["httpOnly"]

            await page.goto(preview)
            await page.wait_for_function("window.attack !== undefined")
            attack: dict[str, Any] = await page.evaluate("window.attack")

            # livebuild still knows the founder, with the very same session.
            assert _session(await context.cookies(settings.base_url)) == session
            home = await page.goto(f"{settings.base_url}/")
            assert home is not None and page.url == f"{settings.base_url}/"
        finally:
            await context.close()

        assert attack["cookie"] == ""
        assert attack["json"] == "blocked" and attack["read"] == "blocked"
        after = (await client.get("/api/projects")).json()["projects"]
        assert after == before, json.dumps(after)[:300]


def _session(cookies: Any) -> dict[str, Any] | None:
    for cookie in cookies:
        if cookie["name"] == "livebuild_session":
            return dict(cookie)
    return None
