"""A generated app's final checks: its own smoke test's every check, walked through the
founder's preview link from the host (no second sandbox), still fail a broken app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from livebuild.appgen.smoke import smoke_expectations
from livebuild.appgen.spec import build_spec
from livebuild.brief import derive_brief
from livebuild.core.messages import FOUNDER_MESSAGES
from livebuild.engine.preview_check import PreviewCheck
from livebuild.engine.runners import Runner
from livebuild.engine.runners.base import StageOutput, StageRequest
from livebuild.engine.runners.offline import OfflineRunner
from livebuild.engine.smoke_walk import BoundedBody
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings, start_build, wait_done
from tests.integration.test_preview import _preview_of_app

# forms.create as generated, and two ways to break it.
_SAVES = "    record_id = store.insert(entity, values)\n"
_REJECTS = "    values, errors = store.validate(entity, request.form)\n    if errors:\n"
BROKEN = {
    # Answers as if saved, but keeps nothing.
    "save": (_SAVES, "    record_id = 0\n"),
    # Takes a bad value as it comes.
    "reject": (_REJECTS, "    values, errors = dict(request.form), {}\n    if errors:\n"),
}


class BrokenAppRunner(OfflineRunner):
    def __init__(self, broken: str) -> None:
        self.old, self.new = BROKEN[broken]

    async def run_stage(self, request: StageRequest) -> StageOutput:
        output = await super().run_stage(request)
        forms = request.workspace / "forms.py"
        if forms.is_file():
            source = forms.read_text()
            assert self.old in source or self.new in source
            forms.write_text(source.replace(self.old, self.new, 1))
        return output


async def _client(tmp_path: Path, runner: Runner) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client_for(create_app(make_settings(tmp_path), runner=runner)):
        yield client


async def _logs(client: httpx.AsyncClient, job_id: str) -> str:
    return "\n".join((await client.get(f"/api/jobs/{job_id}/logs")).json()["lines"])


@pytest.mark.parametrize(
    ("broken", "said"),
    [("save", "does not appear in the list"), ("reject", "an invalid")],
)
async def test_an_app_whose_form_is_broken_fails_its_checks_plainly(
    tmp_path: Path, broken: str, said: str
) -> None:
    async for client in _client(tmp_path, BrokenAppRunner(broken)):
        build = await start_build(client)
        status = await wait_done(client, build["job_id"])
        assert status["status"] == "failed"
        assert status["error"]["message"] == FOUNDER_MESSAGES["checks"]
        logs = await _logs(client, build["job_id"])
        assert said in logs


async def test_a_generated_apps_smoke_test_is_walked_through_the_preview_only(
    tmp_path: Path,
) -> None:
    async for client in _client(tmp_path, OfflineRunner()):
        build = await start_build(client)
        status = await wait_done(client, build["job_id"])
        assert status["status"] == "ready", status
        logs = await _logs(client, build["job_id"])
        assert "smoke tests passed through the preview" in logs


ENDLESS_APP = """
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Endless(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            while True:
                self.wfile.write(b"x" * 65536)
        except OSError:
            pass

    do_POST = do_GET

ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Endless).serve_forever()
"""


async def test_an_app_that_answers_without_end_fails_the_walk_in_bounded_time(
    tmp_path: Path,
) -> None:
    spec = build_spec(derive_brief("A booking app for dog walkers: owners book walks."))
    expect = smoke_expectations(spec)
    async for _, root, origin in _preview_of_app(tmp_path, ENDLESS_APP):
        token = httpx.URL(root).host.split(".")[0]
        check = PreviewCheck(httpx.ASGITransport(app=BoundedBody(origin)), origin.address)
        failures = await check.walk(token, expect, budget_s=40)
        assert failures is not None and "GET / answered 0, expected 200" in failures
