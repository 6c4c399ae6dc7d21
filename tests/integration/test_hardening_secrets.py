"""No secret of livebuild's reaches a generated app: not the cluster key, the model API key
or the SMTP password, in the app's environment or in its files, on either sandbox.

The secrets are set the way an operator sets them (livebuild's environment, hence its
settings). The app writes everything it can see of itself to a file in its data folder,
reads that file back and serves it; its smoke-test command does the same. On `bwrap` it
also reads every process's environment and command line it can find, and `/tmp`: on
`local` (development only, documented as able to read whatever livebuild's user can) those
would show livebuild's own environment, which is not what is asked here.
"""

from __future__ import annotations

import base64
import io
import secrets
import zipfile
import zlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from livebuild.engine.sandbox import bwrap, create_provider
from livebuild.engine.sandbox.base import Sandbox
from livebuild.settings import Settings
from livebuild.web.app import create_app
from tests.conftest import API_HEADERS, make_settings, start_build, wait_done

_SECRET_VARIABLES = (
    "LIVEBUILD_CLUSTER_KEY",
    "LIVEBUILD_MODEL_API_KEY",
    "LIVEBUILD_SMTP_PASSWORD",
    "ANTHROPIC_API_KEY",
    "OPENAI_API_KEY",
)

_DUMP = r"""
import json, os, sys

EVERYWHERE = {everywhere}
seen = {{"environ": dict(os.environ)}}


def read(path):
    try:
        with open(path, "rb") as file:
            return file.read(1_000_000).decode(errors="replace")
    except OSError as error:
        return repr(error)


def walk(top):
    found = {{}}
    for folder, _, names in os.walk(top):
        for name in names:
            path = os.path.join(folder, name)
            if not path.endswith(".json"):
                found[path] = read(path)
    return found


seen["self"] = read("/proc/self/environ") + read("/proc/self/cmdline")
for top in {{os.getcwd(), os.environ.get("HOME", "."), os.environ.get("APP_DATA_DIR", ".")}}:
    seen["files " + top] = walk(top)
if EVERYWHERE:
    seen["tmp"] = walk("/tmp")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        seen["proc " + pid] = read(f"/proc/{{pid}}/environ") + read(f"/proc/{{pid}}/cmdline")
where = os.path.join(os.environ["APP_DATA_DIR"], sys.argv[1] if len(sys.argv) > 1 else "app.json")
with open(where, "w") as out:
    json.dump(seen, out)
"""

_SERVE = r"""
import http.server, os

with open(os.path.join(os.environ["APP_DATA_DIR"], "app.json"), "rb") as back:
    body = back.read()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
"""


@pytest.fixture
def planted(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Each secret as livebuild's environment holds it, a canary of its own."""
    values = {name: f"canary-{name.lower()}-{secrets.token_hex(12)}" for name in _SECRET_VARIABLES}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def _settings(tmp_path: Path, sandbox: str, planted: dict[str, str]) -> Settings:
    settings = make_settings(tmp_path, sandbox=sandbox, sandbox_start_timeout_s=15)
    # Read from the environment, as `livebuild serve` reads them.
    held = [settings.cluster_key, settings.model_api_key, settings.smtp_password]
    assert [s.get_secret_value() if s else None for s in held] == [
        planted["LIVEBUILD_CLUSTER_KEY"],
        planted["LIVEBUILD_MODEL_API_KEY"],
        planted["LIVEBUILD_SMTP_PASSWORD"],
    ]
    return settings


def _leaks(text: str, planted: dict[str, str]) -> list[str]:
    return [name for name, value in planted.items() if value in text]


_SANDBOXES = [
    "local",
    pytest.param(
        "bwrap",
        marks=pytest.mark.skipif(
            bwrap.self_test() is not None, reason=f"bwrap unusable: {bwrap.self_test()}"
        ),
    ),
]


@pytest.fixture(params=_SANDBOXES)
async def box(
    request: pytest.FixtureRequest, tmp_path: Path, planted: dict[str, str]
) -> AsyncIterator[Sandbox]:
    settings = _settings(tmp_path, request.param, planted)
    workspace = settings.workspaces_dir / "job" / "app"
    workspace.mkdir(parents=True)
    everywhere = request.param == "bwrap"
    (workspace / "dump.py").write_text(_DUMP.format(everywhere=everywhere))
    (workspace / "app.py").write_text(
        'exec(open("dump.py").read())  # as a script of its own would\n' + _SERVE
    )

    async def log(line: str) -> None:
        pass

    made = create_provider(settings).create("job", workspace, "/preview/job", log)
    yield made
    await made.stop()


async def test_no_secret_reaches_the_apps_environment_or_files(
    box: Sandbox, planted: dict[str, str]
) -> None:
    await box.start()
    transport = box.transport()
    base = "http://app" if transport is not None else f"http://127.0.0.1:{box.port}"
    async with httpx.AsyncClient(transport=transport, base_url=base, timeout=30) as client:
        answer = await client.get("/")
    seen = answer.json()
    # The app did look: its own environment and its files are in what it read back.
    assert seen["environ"]["APP_DATA_DIR"] and any(k.startswith("files ") for k in seen)
    assert not _leaks(answer.text, planted)
    assert not [name for name in seen["environ"] if name in _SECRET_VARIABLES]
    # Its smoke test, run as a command in the sandbox, sees no more.
    result = await box.run_python(["dump.py", "command.json"], timeout_s=30)
    assert result.ok, result.output
    check = await box.run_python(["-c", _PRINT_BACK], timeout_s=30)
    assert check.ok, check.output
    # Packed: every process's command line is in it (the sandbox's launcher's is its whole
    # source), more than a command's output keeps, and a cut copy would hide a leak.
    printed = zlib.decompress(base64.b64decode(check.output.split()[-1])).decode()
    assert '"environ"' in printed
    assert not _leaks(printed, planted)


_PRINT_BACK = (
    "import base64, os, zlib; path = os.path.join(os.environ['APP_DATA_DIR'], 'command.json');"
    " print(base64.b64encode(zlib.compress(open(path, 'rb').read(), 9)).decode())"
)


async def test_no_secret_is_written_into_a_built_apps_files(
    tmp_path: Path, planted: dict[str, str]
) -> None:
    settings = _settings(tmp_path, "local", planted)
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://testserver",
            headers=API_HEADERS,
            timeout=60,
        ) as client,
    ):
        job = await start_build(client)
        assert (await wait_done(client, job["job_id"]))["status"] == "ready"
        download = await client.get(f"/api/jobs/{job['job_id']}/app.zip")
        assert download.status_code == 200
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        shipped = {name: archive.read(name).decode(errors="replace") for name in archive.namelist()}
    assert any(name.endswith("/app.py") for name in shipped), list(shipped)
    assert not {
        name: _leaks(text, planted) for name, text in shipped.items() if _leaks(text, planted)
    }
    job_dir = settings.workspaces_dir / job["job_id"]
    on_disk = [path for path in job_dir.rglob("*") if path.is_file()]
    assert any(path.name == "app.py" for path in on_disk)
    for path in on_disk:
        assert not _leaks(path.read_bytes().decode(errors="replace"), planted), path
