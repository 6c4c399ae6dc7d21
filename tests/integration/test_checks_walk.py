"""A generated app's final checks: its own smoke test's every check, walked through the
founder's preview link from the host (no second sandbox), still fail a broken app."""

from __future__ import annotations

import gzip
import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path

import brotli
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


# A hostile app's one answer, sent whatever was asked for: BODY in HEADERS.
ANSWERING_APP = """
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Answer(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        body = bytes.fromhex("BODY")
        self.wfile.write(b"HTTP/1.1 STATUS\\r\\n" + bytes.fromhex("HEADERS"))
        self.wfile.write(b"Content-Length: %d\\r\\n\\r\\n" % len(body) + body)

    do_POST = do_GET

ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Answer).serve_forever()
"""


def _answering(status: str, headers: bytes, body: bytes = b"") -> str:
    source = ANSWERING_APP.replace("STATUS", status).replace("HEADERS", headers.hex())
    return source.replace("BODY", body.hex())


async def _walked(tmp_path: Path, source: str) -> list[str] | None:
    spec = build_spec(derive_brief("A booking app for dog walkers: owners book walks."))
    async for _, root, origin in _preview_of_app(tmp_path, source):
        token = httpx.URL(root).host.split(".")[0]
        check = PreviewCheck(httpx.ASGITransport(app=BoundedBody(origin)), origin.address)
        return await check.walk(token, smoke_expectations(spec), budget_s=40)
    raise AssertionError("no preview")


@pytest.mark.parametrize("encoding", ["br", "gzip"])
async def test_a_small_compressed_answer_never_grows_in_the_worker(
    tmp_path: Path, encoding: str
) -> None:
    """64 MB of nothing, packed into a few hundred bytes: the walk and the preview check
    read what the app sent, never unpacked, so the worker's memory stays where it was."""
    zeros = b"\0" * 64_000_000
    # httpx unpacks brotli wherever the package is installed: a dev dependency, so the bomb
    # is always sent here, never skipped on a machine without it.
    body = brotli.compress(zeros, quality=5) if encoding == "br" else gzip.compress(zeros, 9)
    del zeros
    headers = b"Content-Type: text/html\r\nContent-Encoding: " + encoding.encode() + b"\r\n"
    spec = build_spec(derive_brief("A booking app for dog walkers: owners book walks."))
    async for _, root, origin in _preview_of_app(tmp_path, _answering("200 OK", headers, body)):
        token = httpx.URL(root).host.split(".")[0]
        check = PreviewCheck(httpx.ASGITransport(app=BoundedBody(origin)), origin.address)
        tracemalloc.start()
        try:
            failures = await check.walk(token, smoke_expectations(spec), budget_s=40)
            await check.run(token, tmp_path / "app" / "tests" / "smoke.py")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert failures and "the landing page does not show the product name" in failures
        assert peak < 16_000_000


async def test_an_app_header_in_utf8_reaches_the_walk_as_the_apps_answer(
    tmp_path: Path,
) -> None:
    headers = "Content-Type: text/html\r\nX-Note: €\r\n".encode()
    failures = await _walked(tmp_path, _answering("200 OK", headers, b"ok"))
    assert failures is not None
    assert "GET / answered 200, expected 200" not in " ".join(failures)
    assert "the landing page does not show the product name" in failures


async def test_a_redirect_too_long_to_follow_is_the_apps_failure(tmp_path: Path) -> None:
    headers = b"Location: /" + b"a" * (65536 - 28) + b"\r\n"
    failures = await _walked(tmp_path, _answering("302 Found", headers))
    assert failures is not None and "GET / answered 0, expected 200" in failures
