from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from moto.server import ThreadedMotoServer
from playwright.async_api import Browser, Playwright, async_playwright, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from livebuild.core.net import free_port
from livebuild.english.nlp import installed_model
from livebuild.screenshots.browser import LAUNCH_ARGS, find_chromium
from livebuild.settings import Settings
from livebuild.store.db.engine import create_engine, migrate
from livebuild.store.eventlog.sql import SqlEventLog
from livebuild.store.repository import LOCAL_USER_ID, Repository
from livebuild.web.app import create_app
from livebuild.web.server import BackgroundServer
from tests import shared_build
from tests.postgres import find_bindir, postgres_server
from tests.shared_build import FinishedBuild

CHROMIUM = find_chromium(None)

# Under parallel workers on a busy machine a page can take longer than Playwright's
# 5 s default to reach a state it does reach.
expect.set_options(timeout=20_000)

# What every API client sends (the CLI, the page's JSON calls): proof it is not a foreign form.
API_HEADERS = {"X-Livebuild": "1"}

IDEA = (
    "A booking app for independent dog walkers: owners book walks, walkers manage "
    "their schedule and clients."
)


@pytest.fixture(scope="session")
def postgres_base() -> Iterator[str]:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries not found; `apt-get install postgresql` adds them")
    with postgres_server(bindir) as base:
        yield base


async def create_database(base: str) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(f"postgresql://{base}/postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return f"postgresql+asyncpg://{base}/{name}"


@pytest.fixture(params=["sqlite", "postgres"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """Each backend in turn: a fresh, empty database for the test."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
        return
    yield await create_database(request.getfixturevalue("postgres_base"))


@pytest.fixture
async def job_store(database_url: str) -> AsyncIterator[tuple[AsyncEngine, Repository, str]]:
    """A migrated database (each backend) holding one build: its engine, store and id."""
    engine = create_engine(database_url)
    await migrate(engine)
    repository = Repository(engine)
    await repository.ensure_local_user()
    project = await repository.create_project(LOCAL_USER_ID, "Demo", "an idea", {})
    job = await repository.create_job(project.id, LOCAL_USER_ID, None)
    yield engine, repository, job.id
    await engine.dispose()


@pytest.fixture
async def one_job(
    job_store: tuple[AsyncEngine, Repository, str],
) -> tuple[SqlEventLog, Repository, str]:
    """A migrated database (each backend) holding one build, with its event log."""
    engine, repository, job_id = job_store
    return SqlEventLog(engine), repository, job_id


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp_path / "data",
        "port": free_port(),
        "preview_port": free_port(),
        "heartbeat_s": 15.0,
        "sandbox_keepalive_s": 60.0,
        "stage_timeout_s": 60.0,
        # Screenshots cost real Chromium time; their own tests switch them on.
        "screenshots_enabled": False,
        # The in-process client's name; served hosts are allowed by their own base URL.
        "allowed_hosts": "testserver",
        # The backend suites run one process on either database; scale-out tests leave the
        # queue at `auto`, so a PostgreSQL URL alone shares it (tests/cluster.py).
        "queue": "inprocess",
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url=database_url)


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


async def _client_for(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        # Preview links (`http://<token>.localhost:<port>/`) reach the preview origin in-process.
        previews = {"all://*.localhost": httpx.ASGITransport(app=app.state.preview_app)}
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://testserver",
            mounts=previews,
            headers=API_HEADERS,
        ) as client:
            yield client


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The real app over in-process HTTP, against each database backend."""
    async for c in _client_for(create_app(settings)):
        yield c


@pytest.fixture
async def live(sqlite_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The real app behind a real uvicorn server on loopback, for streaming tests."""
    app = create_app(sqlite_settings)
    async with (
        BackgroundServer(app, "127.0.0.1", sqlite_settings.port),
        BackgroundServer(app.state.preview_app, "127.0.0.1", sqlite_settings.preview_port),
        httpx.AsyncClient(base_url=sqlite_settings.base_url, timeout=30, headers=API_HEADERS) as c,
    ):
        yield c


async def start_build(client: httpx.AsyncClient, idea: str = IDEA) -> dict[str, Any]:
    project = await client.post("/api/projects", json={"idea": idea})
    assert project.status_code == 201, project.text
    build = await client.post(f"/api/projects/{project.json()['id']}/builds")
    assert build.status_code == 202, build.text
    return dict(build.json())


async def stream_all(
    client: httpx.AsyncClient, job_id: str, headers: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Read the event stream to its end and return the events in it."""
    events = []
    async with client.stream(
        "GET", f"/api/jobs/{job_id}/events/stream", headers=headers or {}, timeout=60
    ) as response:
        assert response.status_code == 200
        async for line in response.aiter_lines():
            if line.startswith("data: "):
                events.append(json.loads(line[6:]))
    return events


async def build_then_change(
    client: httpx.AsyncClient, change: str, first: dict[str, Any] | None = None
) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """A first version built to its end (or `first`, built already), then `change` asked of
    it and run to its end: the first build, the change's build (with its project's id) and
    the change's events."""
    if first is None:
        first = await start_build(client)
        await stream_all(client, first["job_id"])
    asked = await client.post(
        f"/api/projects/{first['project_id']}/builds", json={"change_request": change}
    )
    assert asked.status_code == 202, asked.text
    changed = {**asked.json(), "project_id": first["project_id"]}
    return first, changed, await stream_all(client, changed["job_id"])


async def built_then_changed(
    client: httpx.AsyncClient, request: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A first version built to its end, then `request` asked of it and built to its end: the
    first build and the changed one's status (`status` says whether it was made)."""
    first, changed, _ = await build_then_change(client, request)
    status = await client.get(f"/api/jobs/{changed['job_id']}")
    return first, {**status.json(), "job_id": changed["job_id"]}


async def wait_done(client: httpx.AsyncClient, job_id: str) -> dict[str, Any]:
    events = await stream_all(client, job_id)
    assert events and events[-1]["type"] in ("build.completed", "build.failed")
    status = await client.get(f"/api/jobs/{job_id}")
    return dict(status.json())


async def get_preview(url: str, path: str = "") -> httpx.Response:
    """Fetch a page of a preview over the network as a browser would: its `*.localhost`
    name is loopback, which Chromium knows and this machine's resolver may not."""
    address = httpx.URL(url)
    direct = address.copy_with(host="127.0.0.1", path=address.path.rstrip("/") + "/" + path)
    async with httpx.AsyncClient(timeout=30) as client:
        return await client.get(str(direct), headers={"Host": address.netloc.decode()})


def _shared_settings(directory: Path, **overrides: Any) -> Settings:
    # The previews of a shared build stay up for every test that reads them.
    return make_settings(directory, sandbox_keepalive_s=3600.0, **overrides)


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def finished_build(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FinishedBuild]:
    """A finished build of IDEA, named Pawpath, on each database backend; only to read."""
    directory = tmp_path_factory.mktemp(f"finished-{request.param}")
    overrides: dict[str, Any] = {}
    if request.param == "postgres":
        base = request.getfixturevalue("postgres_base")
        overrides["database_url"] = asyncio.run(create_database(base))
    with shared_build.finished_build(
        _shared_settings(directory, **overrides), IDEA, name="Pawpath"
    ) as finished:
        yield finished


@pytest.fixture(scope="session")
def finished_build_with_screenshots(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[FinishedBuild]:
    """A finished build of IDEA on SQLite, with real screenshots where Chromium is installed;
    only to read."""
    settings = _shared_settings(
        tmp_path_factory.mktemp("finished-shots"),
        screenshots_enabled=find_chromium(None) is not None,
    )
    with shared_build.finished_build(settings, IDEA) as finished:
        yield finished


@pytest.fixture
async def finished_client(finished_build: FinishedBuild) -> AsyncIterator[httpx.AsyncClient]:
    async with finished_build.client() as client:
        yield client


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")


@pytest.fixture
def s3_endpoint(aws_env: None) -> Iterator[str]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


class _Chromium:
    """One Chromium (and one Playwright driver) for a test process, started on first use:
    starting them is about three seconds a test on a busy machine. Tests stay apart in
    browser contexts of their own, and one that brings the browser down gets a new one."""

    def __init__(self, playwright: Playwright) -> None:
        self.playwright = playwright
        self.launched: Browser | None = None

    async def browser(self) -> Browser:
        if self.launched is None or not self.launched.is_connected():
            chromium = self.playwright.chromium
            self.launched = await chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        return self.launched


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def _chromium() -> AsyncIterator[_Chromium]:
    async with async_playwright() as playwright:
        held = _Chromium(playwright)
        yield held
        if held.launched is not None:
            await held.launched.close()


@pytest_asyncio.fixture(loop_scope="session")
async def browser(_chromium: _Chromium) -> AsyncIterator[Browser]:
    """Chromium through Playwright; modules that use it skip themselves without Chromium.
    The test's own contexts are closed after it, whatever it left open."""
    launched = await _chromium.browser()
    yield launched
    for context in launched.contexts:
        await context.close()


SPACY_MISSING = "spaCy's English pipeline is not installed (scripts/setup installs it)"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "spacy: reads English with spaCy's pipeline (skipped, saying so, without it)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    spacy_missing = installed_model() is None
    for item in items:
        # Playwright's objects belong to the event loop that made them: a test using the
        # shared browser runs in the session's loop.
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.asyncio(loop_scope="session"), append=False)
        if spacy_missing and item.get_closest_marker("spacy") is not None:
            item.add_marker(pytest.mark.skip(reason=SPACY_MISSING))


def processes_with(mark: str) -> list[int]:
    """Live host pids whose command line carries `mark`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if mark.encode() in cmdline and state != "Z":
                found.append(int(entry.name))
    return found
