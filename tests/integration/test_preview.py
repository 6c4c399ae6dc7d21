"""The preview: the founder's link to the running app works like the app itself (FID-02)
and lives on an origin of its own that holds none of livebuild's credentials (SEC-03)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from livebuild.appgen import app_files
from livebuild.appgen.smoke import smoke_expectations
from livebuild.appgen.spec import build_spec
from livebuild.brief import Brief, derive_brief
from livebuild.core.net import free_port
from livebuild.core.preview_address import PreviewAddress
from livebuild.core.stages import Stage
from livebuild.engine.joblog import job_log
from livebuild.engine.origin import PreviewOrigin
from livebuild.engine.preview_check import PreviewCheck
from livebuild.engine.previews import Previews
from livebuild.engine.sandbox.local import LocalSandboxProvider
from livebuild.settings import Settings
from livebuild.store.db.engine import create_engine, migrate
from livebuild.store.repository import LOCAL_USER_ID, Repository
from tests.conftest import start_build, wait_done

# An app that says exactly what reached it, and answers with redirects and cookies.
ECHO_APP = r"""
import json, os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Echo(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self):
        length = self.headers.get("Content-Length")
        body = self.rfile.read(int(length)) if length else b""
        route = self.path.removeprefix(os.environ["APP_BASE_PATH"])
        if route.startswith("/go-absolute"):
            self.send_response(303)
            self.send_header("Location", "http://127.0.0.1:%s/landed?x=1" % os.environ["PORT"])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if route.startswith("/go-relative"):
            self.send_response(302)
            self.send_header("Location", "/landed")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = json.dumps({
            "method": self.command,
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("latin-1"),
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if route.startswith("/cookies"):
            self.send_header("Set-Cookie", "theme=dark; Path=/; Domain=localhost; HttpOnly")
            self.send_header("Set-Cookie", "cart=3; Path=/shop")
            self.send_header("Set-Cookie", "livebuild_session=stolen; Path=/")
            self.send_header("Set-Cookie", "__Host-livebuild_session=stolen; Path=/; Secure")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_HEAD = do_PUT = answer

server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Echo)
server.serve_forever()
"""


class Echo:
    def __init__(self, client: httpx.AsyncClient, root: str) -> None:
        self.client = client
        self.root = root

    async def seen(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = await self.client.request(method, self.root + path, **kwargs)
        assert response.status_code == 200, response.text
        return dict(json.loads(response.text))


async def _preview_of_app(
    tmp_path: Path, source: str, template: str | None = None
) -> AsyncIterator[tuple[httpx.AsyncClient, str, PreviewOrigin]]:
    settings = Settings(data_dir=tmp_path / "data", preview_url=template, port=8321)
    engine = create_engine(settings.resolved_database_url)
    await migrate(engine)
    repository = Repository(engine)
    await repository.ensure_local_user()
    project = await repository.create_project(LOCAL_USER_ID, "Echo", "echo", {})
    job = await repository.create_job(project.id, LOCAL_USER_ID, None)
    assert job.preview_token
    previews = Previews(
        LocalSandboxProvider(settings),
        60,
        lambda j: job_log(repository, settings, j).write,
        per_user=settings.previews_per_user,
    )
    origin = PreviewOrigin(settings, repository, previews, "key")
    workspace = tmp_path / "app"
    workspace.mkdir(exist_ok=True)
    (workspace / "app.py").write_text(source)
    sandbox = previews.create(
        job.id,
        workspace,
        origin.address.base_path(job.preview_token),
        _quiet,
        owner_id=LOCAL_USER_ID,
    )
    await sandbox.start()
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=origin)) as client:
            yield client, origin.address.url(job.preview_token), origin
    finally:
        await previews.stop_all()
        await origin.aclose()
        await engine.dispose()


async def _quiet(line: str) -> None:
    return None


@pytest.fixture
async def echo(tmp_path: Path) -> AsyncIterator[Echo]:
    async for client, root, _ in _preview_of_app(tmp_path, ECHO_APP):
        yield Echo(client, root)


async def test_a_form_saved_through_the_preview_creates_the_record_fid_02(
    client: httpx.AsyncClient,
) -> None:
    build = await start_build(client)
    status = await wait_done(client, build["job_id"])
    assert status["status"] == "ready"
    root = status["preview_url"]
    project = (await client.get(f"/api/projects/{build['project_id']}")).json()
    form = smoke_expectations(build_spec(Brief.from_dict(project["brief"])))["form"]
    values = {**form["valid"], form["title_field"]: "Walk with Biscuit"}

    saved = await client.post(root + form["slug"], data=values)
    assert saved.status_code == 303, saved.text
    location = saved.headers["location"]
    assert location.startswith(f"/{form['slug']}?added="), location
    shown = await client.get(root + location.lstrip("/"))
    assert shown.status_code == 200 and "Walk with Biscuit" in shown.text
    record = re.search(r'href="(/[^"]+/\d+)"', shown.text.split("just-added", 1)[1])
    assert record is not None
    detail = await client.get(root + record.group(1).lstrip("/"))
    assert detail.status_code == 200 and "Walk with Biscuit" in detail.text
    listed = await client.get(root + form["slug"])
    assert "Walk with Biscuit" in listed.text

    # The build's own checks went through the preview as well.
    logs = (await client.get(f"/api/jobs/{build['job_id']}/logs")).text
    assert "smoke tests passed through the preview" in logs


async def test_bodies_arrive_with_their_length(echo: Echo) -> None:
    seen = await echo.seen("POST", "form", data={"name": "Biscuit", "size": "small"})
    assert seen["headers"]["content-length"] == str(len("name=Biscuit&size=small"))
    assert "transfer-encoding" not in seen["headers"]
    assert seen["body"] == "name=Biscuit&size=small"

    upload = await echo.seen(
        "POST", "upload", files={"photo": ("dog.png", b"\x89PNG" + bytes(range(256)) * 40)}
    )
    assert upload["headers"]["content-type"].startswith("multipart/form-data; boundary=")
    assert int(upload["headers"]["content-length"]) == len(upload["body"].encode("latin-1"))
    assert (
        'filename="dog.png"' in upload["body"]
        and bytes(range(256)).decode("latin-1") in (upload["body"])
    )


async def test_a_chunked_body_reaches_the_app_with_its_length(echo: Echo) -> None:
    async def parts() -> AsyncIterator[bytes]:
        yield b"name=Bis"
        yield b"cuit"

    seen = await echo.seen("POST", "form", content=parts())
    assert seen["body"] == "name=Biscuit" and seen["headers"]["content-length"] == "12"


async def test_an_oversize_body_is_refused_before_the_app(echo: Echo) -> None:
    huge = await echo.client.post(echo.root + "form", content=b"x" * (300 * 1024))
    assert huge.status_code == 413 and "too large" in huge.json()["detail"]


async def test_queries_keep_their_shape_and_none_gains_a_question_mark(echo: Echo) -> None:
    assert (await echo.seen("GET", "walks"))["path"] == "/walks"
    assert (await echo.seen("GET", "walks?q=a%20b&x="))["path"] == "/walks?q=a%20b&x="
    assert (await echo.seen("GET", ""))["path"] == "/"


async def test_head_answers_headers_only(echo: Echo) -> None:
    head = await echo.client.head(echo.root + "walks")
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) > 0


async def test_forwarding_headers_are_the_proxys_own(echo: Echo) -> None:
    seen = await echo.seen(
        "GET",
        "walks",
        headers={
            "X-Forwarded-For": "6.6.6.6",
            "X-Forwarded-Host": "evil.example",
            "X-Forwarded-Proto": "gopher",
            "X-Forwarded-Prefix": "/evil",
            "Forwarded": "for=6.6.6.6",
        },
    )
    headers = seen["headers"]
    host = httpx.URL(echo.root).netloc.decode()
    assert headers["x-forwarded-for"] == "127.0.0.1"
    assert headers["x-forwarded-host"] == host
    assert headers["x-forwarded-proto"] == "http"
    assert headers["x-forwarded-prefix"] == "/"
    assert "forwarded" not in headers


async def test_redirects_stay_on_the_preview(echo: Echo) -> None:
    absolute = await echo.client.get(echo.root + "go-absolute")
    assert absolute.status_code == 303
    assert absolute.headers["location"] == echo.root + "landed?x=1"
    relative = await echo.client.get(echo.root + "go-relative")
    assert relative.headers["location"] == "/landed"


async def test_the_apps_cookies_stay_its_own_and_livebuilds_are_refused(echo: Echo) -> None:
    answer = await echo.client.get(echo.root + "cookies")
    cookies = answer.headers.get_list("set-cookie")
    assert cookies == ["theme=dark; Path=/; HttpOnly", "cart=3; Path=/shop"]
    assert "frame-ancestors http://127.0.0.1:8321" in answer.headers["content-security-policy"]
    assert answer.headers["referrer-policy"] == "same-origin"

    # The app gets its own cookies back, never one named like livebuild's.
    seen = await echo.seen(
        "GET", "walks", headers={"Cookie": "theme=dark; livebuild_session=lb_secret"}
    )
    assert seen["headers"]["cookie"] == "theme=dark"


async def test_a_preview_under_a_path_keeps_redirects_and_cookies_under_it(
    tmp_path: Path,
) -> None:
    template = "http://previews.localhost:9000/p/{token}"
    async for client, root, _ in _preview_of_app(tmp_path, ECHO_APP, template):
        prefix = httpx.URL(root).path.rstrip("/")
        assert re.fullmatch(r"/p/[0-9a-f]{32}", prefix)
        seen = json.loads((await client.get(root + "walks?a=1")).text)
        assert seen["path"] == f"{prefix}/walks?a=1"
        assert seen["headers"]["x-forwarded-prefix"] == prefix
        relative = await client.get(root + "go-relative")
        assert relative.headers["location"] == f"{prefix}/landed"
        cookies = (await client.get(root + "cookies")).headers.get_list("set-cookie")
        assert cookies == [f"theme=dark; Path={prefix}; HttpOnly", f"cart=3; Path={prefix}/shop"]
        other = await client.get("http://previews.localhost:9000/p/" + "0" * 32 + "/walks")
        assert other.status_code == 404


async def test_the_preview_origin_serves_previews_and_nothing_else(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    build = await start_build(client)
    status = await wait_done(client, build["job_id"])
    root = status["preview_url"]
    token_host = httpx.URL(root).host
    assert re.fullmatch(r"[0-9a-f]{32}\.localhost", token_host)

    old = await client.get(f"/preview/{build['job_id']}/walks?q=x")
    assert old.status_code == 307 and old.headers["location"] == root + "walks?q=x"

    port = settings.preview_port
    for url in (
        f"http://{'0' * 32}.localhost:{port}/",  # no such build
        f"http://api.localhost:{port}/api/projects",  # not a preview host
    ):
        assert (await client.get(url)).status_code == 404
    # Paths that are livebuild's on its own origin are the app's here.
    api = await client.get(root + "api/projects")
    assert api.status_code == 404 and api.headers["content-type"].startswith("text/html")


async def test_checks_fail_a_build_whose_preview_loses_form_bodies(tmp_path: Path) -> None:
    async for _, root, origin in _preview_of_app(tmp_path, _generated_app(tmp_path)):
        token = httpx.URL(root).host.split(".")[0]
        smoke = tmp_path / "app" / "tests" / "smoke.py"
        working = PreviewCheck(httpx.ASGITransport(app=origin), origin.address)
        assert await working.run(token, smoke) is None

        # What the app saw when form bodies were streamed to it without their length.
        broken = PreviewCheck(_BodyLosing(origin), origin.address)
        failure = await broken.run(token, smoke)
        assert failure is not None and "saving" in failure and "422" in failure


class _BodyLosing(httpx.AsyncBaseTransport):
    def __init__(self, origin: PreviewOrigin) -> None:
        self._inner = httpx.ASGITransport(app=origin)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        headers = [(k, v) for k, v in request.headers.items() if k != "content-length"]
        emptied = httpx.Request(request.method, request.url, headers=headers, content=b"")
        return await self._inner.handle_async_request(emptied)


def _generated_app(tmp_path: Path) -> str:
    brief = derive_brief("A booking app for dog walkers: owners book walks.")
    workspace = tmp_path / "app"
    for name, text in app_files(brief, Stage.CHECKS).items():
        path = workspace / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return (workspace / "app.py").read_text()


def test_preview_addresses_round_trip() -> None:
    address = PreviewAddress("https://{token}.preview.example.com")
    token = "ab" * 16
    assert address.url(token) == f"https://{token}.preview.example.com/"
    target = address.match(f"{token}.preview.example.com", "/walks")
    assert target is not None and (target.token, target.path) == (token, "/walks")
    assert address.match("preview.example.com", "/") is None
    assert address.match(f"{token}.evil.com", "/") is None
    with pytest.raises(ValueError):
        PreviewAddress("https://preview.example.com")


def test_serve_answers_pages_on_its_port_and_only_previews_on_the_other(tmp_path: Path) -> None:
    port, preview_port = free_port(), free_port()
    environment = {
        **os.environ,
        "LIVEBUILD_DATA_DIR": str(tmp_path / "data"),
        "LIVEBUILD_PORT": str(port),
        "LIVEBUILD_PREVIEW_PORT": str(preview_port),
        "LIVEBUILD_SCREENSHOTS_ENABLED": "false",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "livebuild", "serve"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = _first_answer(f"http://127.0.0.1:{port}/", server)
        assert page.status_code == 200 and "What should we build?" in page.text
        api = httpx.get(f"http://127.0.0.1:{preview_port}/api/projects")
        assert api.status_code == 404 and "projects" not in api.text
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert f"Previews answer on port {preview_port}" in output


def _first_answer(url: str, server: subprocess.Popen[str]) -> httpx.Response:
    """The server's first answer: it may take a while to start on a loaded machine, and if
    it stops instead, what it said is the failure."""
    deadline = time.monotonic() + 90
    while True:
        try:
            return httpx.get(url)
        except httpx.TransportError:
            if server.poll() is not None:
                output, _ = server.communicate()
                raise AssertionError(f"the server stopped before answering: {output}") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
