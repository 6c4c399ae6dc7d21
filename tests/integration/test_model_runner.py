"""The model runner end to end: vendor SDKs against scripted answers holding real small apps."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from livebuild.core.messages import FOUNDER_MESSAGES
from livebuild.engine.runners._files import parse_files, python_problem, render_files
from livebuild.settings import Settings
from livebuild.web.app import create_app
from tests.conftest import IDEA, _client_for, make_settings, stream_all
from tests.vendor_servers import Reply, VendorServer

SECRET = "sk-live-abcdef0123456789ABCDEF"

APP = """\
import html
import os
import sqlite3
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

BASE = os.environ.get("APP_BASE_PATH", "").rstrip("/")
DATA = os.environ.get("APP_DATA_DIR", "data")
NAME = {name!r}
RECORDS = {records!r}
SAVES = {saves!r}


def db():
    os.makedirs(DATA, exist_ok=True)
    conn = sqlite3.connect(os.path.join(DATA, "app.db"))
    conn.execute("CREATE TABLE IF NOT EXISTS walks (title TEXT)")
    if not conn.execute("SELECT 1 FROM walks").fetchone():
        conn.execute("INSERT INTO walks VALUES ('Morning walk')")
    conn.commit()
    return conn


def page(body):
    name = html.escape(NAME)
    head = f"<!doctype html><title>{{name}}</title>"
    return f'{{head}}<body data-ready="true"><h1>{{name}}</h1>{{body}}'


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def route(self):
        path = urlsplit(self.path).path
        if BASE and path.startswith(BASE):
            path = path[len(BASE):]
        return path.rstrip("/") or "/"

    def send(self, status, body, kind="text/html; charset=utf-8", location=None):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.route()
        if path == "/healthz":
            return self.send(200, "ok", "text/plain")
        if path == "/":
            return self.send(200, page(f'<a href="{{BASE}}/walks">Walks</a>'))
        if RECORDS and path == "/walks":
            rows = "".join(
                f"<li>{{html.escape(r[0])}}</li>" for r in db().execute("SELECT title FROM walks")
            )
            form = f'<form method="post" action="{{BASE}}/walks/new"><input name="title"></form>'
            return self.send(200, page(f"<ul>{{rows}}</ul>{{form}}"))
        return self.send(404, page("Not found"))

    def do_POST(self):
        if RECORDS and self.route() == "/walks/new":
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(parse_qsl(self.rfile.read(length).decode()))
            if SAVES:
                with db() as conn:
                    conn.execute("INSERT INTO walks VALUES (?)", (form.get("title", ""),))
            return self.send(303, "", location=f"{{BASE}}/walks")
        return self.send(404, page("Not found"))


host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8000"))
ThreadingHTTPServer((host, port), Handler).serve_forever()
"""

SMOKE = """\
import os
import sys
import urllib.parse
import urllib.request

base = sys.argv[1].rstrip("/")
failures = []


def get(path):
    with urllib.request.urlopen(base + path, timeout=5) as response:
        return response.status, response.read().decode()


for path in ("/healthz", "/", "/walks"):
    if get(path)[0] != 200:
        failures.append(f"{path} did not answer")
form = urllib.parse.urlencode({"title": "Smoke walk"}).encode()
urllib.request.urlopen(base + "/walks/new", data=form, timeout=5).read()
if "Smoke walk" not in get("/walks")[1]:
    failures.append("the add form did not save")
for failure in failures:
    print(failure, file=sys.stderr)
if failures:
    # Pieced together so that the secret is in the output but not in the source.
    print("ran", os.path.abspath(__file__), "with api_key=" + "sk-live-" + "KEY", file=sys.stderr)
sys.exit(1 if failures else 0)
""".replace("KEY", SECRET.removeprefix("sk-live-"))


def app(name: str, *, records: bool = True, saves: bool = True) -> str:
    return APP.format(name=name, records=records, saves=saves)


def answer(files: dict[str, str], intro: str = "Here are the files.") -> Reply:
    return Reply(f"{intro}\n\n{render_files(files)}")


def stage_answers(name: str, *, checks_saves: bool = True) -> list[Reply]:
    """One answer per building stage: landing page, records, dashboard, smoke test."""
    return [
        answer({"app.py": app(name, records=False)}),
        answer({"app.py": app(name)}),
        answer({"README.md": f"# {name}\n\n```sh\npython app.py\n```\n"}),
        answer({"app.py": app(name, saves=checks_saves), "tests/smoke.py": SMOKE}),
    ]


async def _client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client_for(create_app(settings)):
        yield client


def _settings(tmp_path: Path, server: VendorServer, provider: str, **extra: Any) -> Settings:
    url = server.anthropic_url if provider == "anthropic" else server.openai_url
    values: dict[str, Any] = {
        "runner": "model",
        "model_provider": provider,
        "model_base_url": url,
        "model_api_key": "test-key",
        "docs_enabled": False,
    }
    return make_settings(tmp_path, **(values | extra))


async def _project(client: httpx.AsyncClient, server: VendorServer | None = None) -> dict[str, Any]:
    response = await client.post("/api/projects", json={"idea": IDEA})
    assert response.status_code == 201, response.text
    if server is not None:
        # The model was asked to read the idea first (its decisions about what the app
        # stores, or a whole plan); the tests here count the build's requests.
        sent = json.dumps(server.requests[0].body)
        assert "Answer with the JSON now" in sent or "JSON schema" in sent
        server.requests.clear()
    return dict(response.json())


async def _build(client: httpx.AsyncClient, project: dict[str, Any]) -> tuple[str, list[Any]]:
    response = await client.post(f"/api/projects/{project['id']}/builds")
    assert response.status_code == 202, response.text
    job_id = str(response.json()["job_id"])
    return job_id, await stream_all(client, job_id)


async def _logs(client: httpx.AsyncClient, job_id: str) -> str:
    return "\n".join((await client.get(f"/api/jobs/{job_id}/logs")).json()["lines"])


def _sent(server: VendorServer, index: int) -> str:
    return json.dumps(server.requests[index].body)


def _completed(events: list[dict[str, Any]], stage: str) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == "build.stage.completed" and e["stage"] == stage]


async def test_the_model_writes_an_app_that_passes_its_smoke_test(tmp_path: Path) -> None:
    async with VendorServer() as server:
        async for client in _client(_settings(tmp_path, server, "anthropic")):
            project = await _project(client, server)
            replies = stage_answers(project["name"])
            server.script(*replies)
            job_id, events = await _build(client, project)

            assert events[-1]["type"] == "build.completed", events[-1]
            assert len(server.requests) == 4
            scaffold = _completed(events, "scaffold")[0]
            assert scaffold["tokens"] == 42 + len(replies[0].deltas())
            first = server.requests[0].body
            assert "standard library" in first["system"] and "APP_BASE_PATH" in first["system"]
            assert project["name"] in _sent(server, 0) and "empty" in _sent(server, 0)
            # Later stages see the files written so far.
            assert "=== path: app.py ===" in _sent(server, 1)
            page = await client.get(f"/preview/{job_id}/", follow_redirects=True)
            assert page.status_code == 200 and project["name"] in page.text
            walks = await client.get(f"/preview/{job_id}/walks", follow_redirects=True)
            assert "Morning walk" in walks.text and "Smoke walk" in walks.text
            assert "smoke tests passed" in await _logs(client, job_id)


async def test_failed_checks_go_back_to_the_model_with_the_failure(tmp_path: Path) -> None:
    async with VendorServer() as server:
        async for client in _client(_settings(tmp_path, server, "openai")):
            project = await _project(client, server)
            fix = answer({"app.py": app(project["name"])}, "The form never saved; fixed.")
            server.script(*stage_answers(project["name"], checks_saves=False), fix)
            job_id, events = await _build(client, project)

            assert events[-1]["type"] == "build.completed", events[-1]
            assert [e["outcome"] for e in _completed(events, "checks")] == ["retry", "ok"]
            started = [
                e["attempt"]
                for e in events
                if e["type"] == "build.stage.started" and e["stage"] == "scaffold"
            ]
            assert started == [1, 2]
            # The whole app is fixed in one answer; the retry's later stages keep it.
            assert len(server.requests) == 5
            fix_request = _sent(server, 4)
            assert "the add form did not save" in fix_request and "smoke test" in fix_request
            assert SECRET not in fix_request and str(tmp_path) not in fix_request
            assert all(str(tmp_path) not in _sent(server, i) for i in range(5))
            walks = await client.get(f"/preview/{job_id}/walks", follow_redirects=True)
            assert "Smoke walk" in walks.text


async def test_files_outside_the_workspace_and_foreign_imports_are_refused(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "outside.py"
    async with VendorServer() as server:
        async for client in _client(_settings(tmp_path, server, "anthropic")):
            project = await _project(client, server)
            name = project["name"]
            first = Reply(
                f"=== path: app.py ===\n```python\n{app(name)}```\n"
                "=== path: ../escape.py ===\n```python\nprint('out')\n```\n"
                f"=== path: {outside} ===\n```python\nprint('out')\n```\n"
                "=== path: helper.py ===\n```python\nimport requests\n```\n"
                "=== path: logo.png ===\n```\nnot really a picture\n```\n"
            )
            repaired = answer({"helper.py": "import urllib.request\n"})
            server.script(first, repaired, *stage_answers(name)[1:])
            job_id, events = await _build(client, project)

            assert events[-1]["type"] == "build.completed", events[-1]
            workspace = tmp_path / "data" / "workspaces" / job_id
            assert not outside.exists() and not (workspace / "escape.py").exists()
            assert not (workspace / "app" / "logo.png").exists()
            assert (workspace / "app" / "helper.py").read_text() == "import urllib.request\n"
            # The same stage asks at once for the broken file; the next stage hears the rest.
            repair = _sent(server, 1)
            assert "helper.py" in repair and "imports requests" in repair
            assert "../escape.py" in _sent(server, 2) and "logo.png" in _sent(server, 2)
            logs = await _logs(client, job_id)
            assert "refused ../escape.py" in logs and "refused helper.py" in logs


@pytest.mark.parametrize(
    ("provider", "reply"),
    [("anthropic", Reply(status=500)), ("openai", Reply.hang("=== path: app.py ==="))],
)
async def test_a_failing_model_fails_the_build_safely(
    tmp_path: Path, provider: str, reply: Reply
) -> None:
    async with VendorServer() as server:
        server.script(reply)
        settings = _settings(tmp_path, server, provider, model_timeout_s=1.0)
        async for client in _client(settings):
            job_id, events = await _build(client, await _project(client, server))

            assert events[-1]["type"] == "build.failed"
            status = (await client.get(f"/api/jobs/{job_id}")).json()
            assert status["status"] == "failed"
            assert status["error"]["message"] == FOUNDER_MESSAGES["model"]
            assert "Traceback" not in json.dumps(events)
            logs = await _logs(client, job_id)
            assert "writing the app failed" in logs and "test-key" not in logs


async def test_the_offline_model_builds_the_app_end_to_end(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, runner="model", model_provider="offline")
    async for client in _client(settings):
        project = await _project(client)
        job_id, events = await _build(client, project)

        assert events[-1]["type"] == "build.completed", events[-1]
        assert all(
            e["tokens"] > 0
            for e in events
            if e["type"] == "build.stage.completed" and e["stage"] != "starting"
        )
        page = await client.get(f"/preview/{job_id}/", follow_redirects=True)
        assert page.status_code == 200 and project["name"] in page.text
        assert "smoke tests passed" in await _logs(client, job_id)


def test_answers_are_read_in_the_formats_models_drift_into() -> None:
    answer_text = (
        "Sure, here you go.\n\n**File: `app.py`**\n```python\nprint('a')\n```\n\n"
        '```css title="static/style.css"\nbody { color: red }\n```\n\n'
        "```python\n# file: tests/smoke.py\nimport sys\n```\n\n"
        "=== path: README.md ===\n```markdown\n# Run\n```sh\npython app.py\n```\n```\n\n"
        "Run it with:\n```sh\npython app.py\n```\n"
        "=== path: cut.py ===\n```python\ndef cut(\n"
    )
    parsed = parse_files(answer_text)
    assert parsed.files == {
        "app.py": "print('a')\n",
        "static/style.css": "body { color: red }\n",
        "tests/smoke.py": "import sys\n",
        "README.md": "# Run\n```sh\npython app.py\n```\n",
    }
    assert parsed.incomplete == ["cut.py"]
    files = {"README.md": "Run:\n````sh\npython app.py\n````\n", "app.py": "x = 1\n"}
    assert parse_files(render_files(files)).files == files


def test_imports_must_come_from_the_standard_library_or_the_app() -> None:
    local = frozenset({"store"})
    assert python_problem("a.py", "import json\nimport store\n", local) is None
    assert "requests" in (python_problem("a.py", "import requests\n", local) or "")
    dynamic = "import importlib\nimportlib.import_module('flask')\n"
    assert "flask" in (python_problem("a.py", dynamic, local) or "")
    # Stage by stage, a function may import a module the app only gets later.
    later = "def page():\n    import records\n"
    assert python_problem("a.py", later, local) is None
    assert "records" in (python_problem("a.py", later, local, deferred=False) or "")
    assert "does not compile" in (python_problem("a.py", "def f(:\n", local) or "")
