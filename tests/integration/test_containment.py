"""The bwrap sandbox is a boundary: hostile apps try to get out and report what they got.

Each test writes an `app.py` that attempts an attack when it starts, then serves its
findings as JSON; the test reads them through the sandbox's own transport.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from livebuild.appgen import app_files
from livebuild.brief.derive import derive_brief
from livebuild.core.stages import Stage
from livebuild.engine.sandbox import UnsafeSandbox, bwrap, create_provider
from livebuild.engine.sandbox.base import Sandbox, SandboxError
from livebuild.engine.sandbox.local import LocalSandboxProvider
from livebuild.settings import AuthMode, Settings
from tests.app_data import app_data
from tests.conftest import IDEA, make_settings, processes_with
from tests.uid_slots import same_slot_as
from tests.waits import all_ended

_problem = bwrap.self_test()
needs_bwrap = pytest.mark.skipif(_problem is not None, reason=f"bwrap unusable: {_problem}")

# The attack runs at start; its findings are served at any path.
_HARNESS = """
import http.server, json, os, socket, subprocess, sys, threading, time
report = {}
def attempt(name, action):
    try:
        report[name] = ["ok", repr(action())[:500]]
    except BaseException as error:
        report[name] = ["error", repr(error)[:500]]
ATTACK
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.endswith("/fill"):
            threading.Thread(target=fill, daemon=True).start()
        body = json.dumps(report).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
"""


def hostile(attack: str) -> str:
    return _HARNESS.replace("ATTACK", textwrap.dedent(attack))


class Lines(list[str]):
    async def write(self, line: str) -> None:
        self.append(line)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(
        tmp_path,
        sandbox="bwrap",
        sandbox_start_timeout_s=15,
        sandbox_file_mb=64,
        sandbox_disk_mb=128,
        sandbox_processes=32,
    )


@pytest.fixture
def provider(settings: Settings) -> bwrap.BwrapSandboxProvider:
    runtime = bwrap.find_runtime()
    if _problem is not None or runtime is None:
        pytest.skip(f"bwrap unusable: {_problem}")
    return bwrap.BwrapSandboxProvider(settings, runtime)


@pytest.fixture
async def make_box(
    provider: bwrap.BwrapSandboxProvider, settings: Settings
) -> AsyncIterator[Callable[[str, str], tuple[Sandbox, Lines]]]:
    made: list[Sandbox] = []

    def make(job_id: str, source: str) -> tuple[Sandbox, Lines]:
        workspace = settings.workspaces_dir / job_id / "app"
        workspace.mkdir(parents=True)
        (workspace / "app.py").write_text(source)
        log = Lines()
        box = provider.create(job_id, workspace, f"/preview/{job_id}", log.write)
        made.append(box)
        return box, log

    yield make
    for box in made:
        await box.stop()


async def findings(box: Sandbox, path: str = "/") -> dict[str, list[str]]:
    transport = box.transport()
    assert transport is not None
    async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
        response = await client.get(path)
    result: dict[str, list[str]] = response.json()
    return result


def refused(report: dict[str, list[str]], *names: str) -> None:
    for name in names:
        assert report[name][0] == "error", f"{name} succeeded: {report[name][1]}"


def eventually(condition: Callable[[], bool], within_s: float = 10.0) -> bool:
    # Processes in other namespaces come and go: nothing here can be woken by it.
    deadline = time.monotonic() + within_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@needs_bwrap
async def test_the_app_cannot_read_host_files_or_other_workspaces(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]], settings: Settings
) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = settings.data_dir / "livebuild.store.db"
    database.write_text("the database")
    other = settings.workspaces_dir / "other" / "app"
    other.mkdir(parents=True)
    (other / "secret.txt").write_text("another founder's app")
    box, _ = make_box(
        "reader",
        hostile(f"""
        attempt("shadow", lambda: open("/etc/shadow").read())
        attempt("etc", lambda: os.listdir("/etc"))
        attempt("root", lambda: os.listdir("/root"))
        attempt("root_ssh", lambda: os.listdir("/root/.ssh"))
        attempt("database", lambda: open({str(database)!r}).read())
        attempt("data_dir", lambda: os.listdir({str(settings.data_dir)!r}))
        attempt("other", lambda: open({str(other / "secret.txt")!r}).read())
        attempt("other_by_path", lambda: open("/app/../other/app/secret.txt").read())
        attempt("livebuild", lambda: os.listdir({str(Path(__file__).parents[2])!r}))
        attempt("own", lambda: open("/app/app.py").read(10))
        """),
    )
    await box.start()
    report = await findings(box)
    refused(report, "shadow", "etc", "root_ssh", "database", "data_dir", "other")
    refused(report, "other_by_path", "livebuild")
    # /root holds nothing but the read-only path to the interpreter, when it lives there.
    assert report["root"][0] == "error" or report["root"][1] in ("[]", "['.pyenv']")
    assert report["own"][0] == "ok"


# Two builds' apps at once: the first keeps a founder's records, the second hunts for them.
_KEEPER = """
secret = "SECRET"
def keep():
    with open("/data/records.txt", "w") as out:
        out.write(secret)
    os.makedirs("/data/uploads", exist_ok=True)
    with open("/data/uploads/photo.txt", "w") as out:
        out.write(secret)
attempt("keep", keep)
attempt("uid", os.getuid)
"""
# It looks for the records written backwards in its own source, so it never finds itself.
_HUNTER = """
needle = "TERCES"[::-1].encode()
def everywhere(root, found):
    for folder, _, files in os.walk(root, onerror=lambda error: None):
        for name in files:
            try:
                with open(os.path.join(folder, name), "rb") as file:
                    if needle in file.read(1 << 20):
                        found.append(os.path.join(folder, name))
            except OSError:
                pass
    return found
def through_proc():
    found = []
    for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
        for way in ("root/data", "cwd", "root/tmp"):
            everywhere(f"/proc/{pid}/{way}", found)
    return found
attempt("host_path", lambda: open("KEEPER_DATA/records.txt").read())
attempt("host_folder", lambda: os.listdir("KEEPER_DATA"))
attempt("proc", through_proc)
attempt("own_disk", lambda: everywhere("/data", []) + everywhere("/tmp", []))
attempt("pids", lambda: sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))
attempt("uid", os.getuid)
"""


@needs_bwrap
async def test_two_builds_apps_cannot_read_each_others_files(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]], settings: Settings
) -> None:
    """Two founders' apps run at once on one machine: the second finds nothing of the first's
    records, by its host path, through /proc or on its own disk; when livebuild is root they
    run as two uids (the second's chosen where the first's would be, were ids alone to choose),
    and even given the path, the second's uid cannot read the first's records."""
    secret = "records-" + secrets.token_hex(8)
    keeper_id = "build-0"
    keeper, _ = make_box(keeper_id, hostile(_KEEPER.replace("SECRET", secret)))
    await keeper.start()
    kept = await findings(keeper)
    assert kept["keep"][0] == "ok" and app_data(keeper, "records.txt") == secret
    keeper_data = keeper.workspace.parent / "data"
    hunter, _ = make_box(
        same_slot_as(keeper_id),
        hostile(_HUNTER.replace("TERCES", secret[::-1]).replace("KEEPER_DATA", str(keeper_data))),
    )
    await hunter.start()
    hunted = await findings(hunter)
    refused(hunted, "host_path", "host_folder")
    assert hunted["proc"] == ["ok", "[]"] and hunted["own_disk"] == ["ok", "[]"]
    assert secret not in json.dumps(hunted)
    # Its own processes alone: the keeper's are not there to read or signal.
    assert len(eval(hunted["pids"][1])) <= 4, hunted["pids"]
    if os.geteuid() != 0:
        return
    keeper_uid, hunter_uid = int(kept["uid"][1]), int(hunted["uid"][1])
    assert keeper_uid != hunter_uid and 0 not in (keeper_uid, hunter_uid)
    assert isinstance(keeper, bwrap.BwrapSandbox) and keeper._jail is not None
    # Inside the keeper's own sandbox, where its records are in plain reach: as the keeper's
    # uid they read, as the other app's they don't.
    inside = ["nsenter", f"--target={_pythons_under(keeper._jail.process.pid)[0]}", "-m", "-r"]
    as_keeper = [*inside, f"--setuid={keeper_uid}", f"--setgid={keeper_uid}"]
    as_hunter = [*inside, f"--setuid={hunter_uid}", f"--setgid={hunter_uid}"]
    own = await _run([*as_keeper, "/bin/cat", "/data/records.txt"])
    assert own.stdout == secret.encode(), own.stderr
    for name in ("records.txt", "uploads/photo.txt"):
        tried = await _run([*as_hunter, "/bin/cat", f"/data/{name}"])
        assert tried.returncode != 0 and secret.encode() not in tried.stdout, name
    for folder in ("/data", "/data/uploads"):
        listed = await _run([*as_hunter, "/bin/ls", folder])
        assert listed.returncode != 0, listed.stdout


async def _run(argv: list[str]) -> subprocess.CompletedProcess[bytes]:
    return await asyncio.to_thread(subprocess.run, argv, capture_output=True, check=False)


@needs_bwrap
async def test_the_app_cannot_read_livebuilds_environment(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]], monkeypatch: pytest.MonkeyPatch
) -> None:
    canary = "sk-canary-" + secrets.token_hex(8)
    monkeypatch.setenv("ANTHROPIC_API_KEY", canary)
    monkeypatch.setenv("LIVEBUILD_SMTP_PASSWORD", canary)
    box, _ = make_box(
        "environ",
        hostile("""
        def every_environ():
            seen = {}
            for pid in os.listdir("/proc"):
                if pid.isdigit():
                    try:
                        seen[pid] = open(f"/proc/{pid}/environ", "rb").read().decode()
                    except OSError as error:
                        seen[pid] = repr(error)
            return seen
        attempt("parent", lambda: open(f"/proc/{os.getppid()}/environ", "rb").read())
        attempt("pid1", lambda: open("/proc/1/cmdline", "rb").read())
        attempt("all", every_environ)
        attempt("own", lambda: dict(os.environ))
        """),
    )
    await box.start()
    report = await findings(box)
    assert canary not in json.dumps(report)
    assert "ANTHROPIC" not in json.dumps(report)
    # No host path reaches the sandbox's command lines either.
    assert "workspaces" not in report["pid1"][1]


@needs_bwrap
async def test_the_app_has_no_network(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        box, _ = make_box(
            "network",
            hostile(f"""
            attempt("loopback", lambda: socket.create_connection(("127.0.0.1", {port}), 2))
            attempt("internet", lambda: socket.create_connection(("1.1.1.1", 53), 2))
            attempt("dns", lambda: socket.getaddrinfo("example.com", 80))
            attempt("interfaces", lambda: sorted(name for _, name in socket.if_nameindex()))
            """),
        )
        await box.start()
        report = await findings(box)
    refused(report, "loopback", "internet", "dns")
    assert report["interfaces"] == ["ok", "['lo']"]


@needs_bwrap
async def test_the_app_runs_as_an_unprivileged_user(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],
) -> None:
    box, _ = make_box(
        "identity",
        hostile("""
        attempt("uid", os.getuid)
        attempt("ids", lambda: (os.getresuid(), os.getresgid(), os.getgroups()))
        attempt("caps", lambda: [l for l in open("/proc/self/status") if l.startswith("CapEff")])
        attempt("nnp", lambda: [l for l in open("/proc/self/status") if "NoNewPrivs" in l])
        attempt("setuid", lambda: os.setuid(0))
        attempt("su", lambda: subprocess.run(["/usr/bin/su", "-c", "id"], capture_output=True))
        """),
    )
    await box.start()
    report = await findings(box)
    uid = int(report["uid"][1])
    assert uid != 0 and (uid == 65534 or uid >= 1000)
    assert "0000000000000000" in report["caps"][1]
    assert "1" in report["nnp"][1]
    refused(report, "setuid")
    assert "uid=0" not in report["su"][1]


@needs_bwrap
async def test_a_fork_bomb_is_capped(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]], settings: Settings
) -> None:
    token = "forkbomb-" + secrets.token_hex(4)
    box, _ = make_box(
        "forkbomb",
        # Each child is kept, so none is reaped: one whose own fork of `sleep` was refused
        # stays a zombie and keeps its slot. Dropped, it would be reaped by the next
        # Popen, and the count below would be of processes started, not of processes at
        # once (one CI run under load counted 62 against the cap of 32).
        hostile(f"""
        def bomb():
            children = []
            try:
                for _ in range(500):
                    children.append(
                        subprocess.Popen(["/bin/sh", "-c", "sleep 600; :", "{token}"])
                    )
            except OSError as error:
                return len(children), repr(error)
            return len(children), None
        attempt("bomb", bomb)
        """),
    )
    await box.start()
    report = await findings(box)
    at_once, error = eval(report["bomb"][1])
    assert error is not None and at_once < settings.sandbox_processes, report
    assert 0 < len(processes_with(token)) < settings.sandbox_processes
    await box.stop()
    assert not processes_with(token)


@needs_bwrap
async def test_the_app_cannot_fill_the_disk(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]], settings: Settings
) -> None:
    box, log = make_box(
        "disk",
        hostile("""
        def one_file():
            with open("/data/big", "wb") as out:
                for _ in range(180):
                    out.write(b"x" * 1024 * 1024)
        attempt("one_file", one_file)
        attempt("cleanup", lambda: os.remove("/data/big"))
        def parts():
            for n in range(90):
                with open(f"/data/part{n}", "wb") as out:
                    out.write(b"x" * 4 * 1024 * 1024)
                    out.flush()
                    os.fsync(out.fileno())
        def fill():
            attempt("fill", parts)
        """),
    )
    await box.start()
    report = await findings(box)
    assert report["one_file"][0] == "error" and "27" in report["one_file"][1]  # EFBIG
    await findings(box, "/fill")
    data = settings.workspaces_dir / "disk" / "data"

    for _ in range(300):
        if not box.running or "fill" in await findings(box):
            break
        await asyncio.sleep(0.1)
    image = data.with_name("data.img")
    if image.exists():
        # Its disk is a file system of the limit's size: the write past it fails at once.
        report = await findings(box)
        assert report["fill"][0] == "error" and "28" in report["fill"][1]  # ENOSPC
        assert image.stat().st_blocks * 512 <= settings.sandbox_disk_mb * 1024 * 1024
    else:
        assert any("MB to its disk" in line for line in log)


@needs_bwrap
async def test_the_app_can_only_write_its_data(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]], settings: Settings
) -> None:
    box, _ = make_box(
        "writer",
        hostile(f"""
        attempt("usr", lambda: open("/usr/evil", "w"))
        attempt("python", lambda: open(os.path.join(sys.prefix, "evil"), "w"))
        attempt("root", lambda: open("/evil", "w"))
        attempt("host_data", lambda: open({str(settings.data_dir / "evil")!r}, "w"))
        attempt("proc", lambda: open("/proc/sys/kernel/hostname", "w").write("x"))
        def big_tmp():
            with open("/tmp/big", "wb") as out:
                for _ in range(64):
                    out.write(b"x" * 1024 * 1024)
        attempt("tmp", big_tmp)
        attempt("small_tmp", lambda: os.remove("/tmp/big"))
        attempt("app", lambda: open("/app/note", "w"))
        attempt("plant", lambda: os.symlink("/etc/passwd", "/app/index.html"))
        attempt("data", lambda: open(os.environ["APP_DATA_DIR"] + "/note", "w").write("mine"))
        """),
    )
    await box.start()
    report = await findings(box)
    # The workspace is livebuild's to write: the app cannot plant a link there for it.
    refused(report, "usr", "python", "root", "host_data", "proc", "tmp", "app", "plant")
    assert report["data"][0] == "ok"
    assert app_data(box, "note") == "mine"
    assert not (settings.data_dir / "evil").exists()


_DAEMON = """
def daemonise():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv("/bin/sh", ["/bin/sh", "-c", "sleep 600; :", "{token}"])
        os._exit(0)
    os.wait()
attempt("daemon", daemonise)
"""


@needs_bwrap
async def test_stop_ends_double_forked_daemons(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],
) -> None:
    token = "daemon-" + secrets.token_hex(4)
    box, _ = make_box("daemon", hostile(_DAEMON.format(token=token)))
    await box.start()
    assert (await findings(box))["daemon"][0] == "ok"
    # The app reports once the middle child has exited; the grandchild may not have exec'd
    # its marked command yet on a loaded machine: give it a few seconds to appear.
    for _ in range(200):
        if processes_with(token):
            break
        await asyncio.sleep(0.05)
    assert processes_with(token)
    await box.stop()
    assert not processes_with(token)


_DRIVER = """
import asyncio, sys
from pathlib import Path
from livebuild.engine.sandbox import bwrap
from livebuild.settings import Settings

async def main():
    settings = Settings(data_dir=Path(sys.argv[1]))
    provider = bwrap.BwrapSandboxProvider(settings, bwrap.find_runtime())
    async def log(line):
        pass
    box = provider.create("driven", Path(sys.argv[2]), "/preview/driven", log)
    await box.start()
    print("ready", flush=True)
    await asyncio.sleep(600)

asyncio.run(main())
"""


@needs_bwrap
def test_the_app_dies_when_livebuild_is_killed(tmp_path: Path, settings: Settings) -> None:
    token = "orphan-" + secrets.token_hex(4)
    workspace = settings.workspaces_dir / "driven" / "app"
    workspace.mkdir(parents=True)
    (workspace / "app.py").write_text(hostile(_DAEMON.format(token=token)))
    driver = subprocess.Popen(
        [sys.executable, "-c", _DRIVER, str(settings.data_dir), str(workspace)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    try:
        assert driver.stdout is not None
        assert driver.stdout.readline().strip() == b"ready"
        assert eventually(lambda: bool(processes_with(token)))
        driver.send_signal(signal.SIGKILL)
        driver.wait(10)
        assert all_ended(lambda: processes_with(token), within_s=10)
        # The app's disk was mounted in its own namespace: nothing of it is left behind.
        assert workspace.parent.as_posix() not in Path("/proc/self/mountinfo").read_text()
    finally:
        if driver.poll() is None:
            driver.kill()
            driver.wait()


def _pythons_under(root: int) -> list[int]:
    """The Python processes (the app, its helpers) in the process tree under `root`."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        with_stat = entry / "stat"
        if entry.name.isdigit() and with_stat.exists():
            try:
                parents[int(entry.name)] = int(with_stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    pythons = []
    for pid in found:
        try:
            if b"python" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]:
                pythons.append(pid)
        except OSError:
            continue
    return pythons


@needs_bwrap
async def test_a_running_app_has_one_helper_that_still_ends_it_with_livebuild(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],
) -> None:
    """The relay also watches the lifeline: the app and one helper, not two (a machine
    running many apps keeps ~4 MB a helper); the kill test above shows it still ends all."""
    box, _ = make_box("helpers", hostile(""))
    await box.start()
    assert isinstance(box, bwrap.BwrapSandbox) and box._jail is not None
    assert len(_pythons_under(box._jail.process.pid)) == 2
    async with httpx.AsyncClient() as client:  # the relay still relays
        assert (await client.get(f"http://127.0.0.1:{box.port}/")).status_code == 200


@needs_bwrap
async def test_a_generated_app_runs_and_passes_its_smoke_test_inside_bwrap(
    provider: bwrap.BwrapSandboxProvider, settings: Settings
) -> None:
    workspace = settings.workspaces_dir / "generated" / "app"
    for name, text in app_files(derive_brief(IDEA), Stage.CHECKS).items():
        (workspace / name).parent.mkdir(parents=True, exist_ok=True)
        (workspace / name).write_text(text)
    log = Lines()
    box = provider.create("generated", workspace, "/preview/generated", log.write)
    try:
        await box.start()
        transport = box.transport()
        assert transport is not None
        async with httpx.AsyncClient(transport=transport) as client:
            page = await client.get("http://app/preview/generated/")
        assert page.status_code == 200 and 'data-ready="true"' in page.text
        # Chromium's way in: a loopback port on the host.
        async with httpx.AsyncClient() as client:
            page = await client.get(f"http://127.0.0.1:{box.port}/preview/generated/")
        assert page.status_code == 200
        result = await box.run_python(["tests/smoke.py", f"http://127.0.0.1:{box.port}"], 60)
        assert result.ok, result.output
    finally:
        await box.stop()
    assert box.port is None and box.transport() is None


@needs_bwrap
async def test_the_smoke_test_is_contained_too(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]], settings: Settings
) -> None:
    box, _ = make_box("checker", hostile(""))
    await box.start()
    probe = """
import os, socket, sys, urllib.request
print(urllib.request.urlopen(sys.argv[1]).status)
for path in ("/etc/shadow", sys.argv[2]):
    try:
        open(path).read()
        print("read", path)
    except OSError:
        pass
try:
    socket.create_connection(("1.1.1.1", 53), 2)
    print("network")
except OSError:
    pass
print(os.getuid())
"""
    (box.workspace / "probe.py").write_text(probe)
    database = settings.data_dir / "livebuild.store.db"
    database.write_text("the database")
    result = await box.run_python(["probe.py", f"http://127.0.0.1:{box.port}/", str(database)], 30)
    assert result.ok, result.output
    lines = result.output.split()
    assert lines[0] == "200" and "read" not in lines and "network" not in lines
    assert int(lines[-1]) != 0


@needs_bwrap
async def test_a_crashing_app_fails_to_start_cleanly(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],
) -> None:
    box, log = make_box("crash", "raise SystemExit('no luck')\n")
    with pytest.raises(SandboxError, match="exited"):
        await box.start()
    assert "no luck" in "\n".join(log)
    assert not box.running


def test_bwrap_is_the_default_where_it_works(tmp_path: Path) -> None:
    provider = create_provider(make_settings(tmp_path))
    expected = LocalSandboxProvider if _problem else bwrap.BwrapSandboxProvider
    assert isinstance(provider, expected)


def test_without_bwrap_livebuild_falls_back_loudly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(bwrap, "self_test", lambda: "user namespaces are disabled")
    with caplog.at_level(logging.WARNING):
        provider = create_provider(make_settings(tmp_path))
    assert isinstance(provider, LocalSandboxProvider)
    assert "UNSANDBOXED" in caplog.text and "user namespaces are disabled" in caplog.text
    with pytest.raises(UnsafeSandbox):
        create_provider(make_settings(tmp_path, sandbox="bwrap"))


def test_signed_in_users_model_apps_never_run_unsandboxed_without_consent(
    tmp_path: Path,
) -> None:
    unsafe: dict[str, Any] = {"auth_mode": AuthMode.TOKEN, "runner": "model"}
    with pytest.raises(UnsafeSandbox, match="LIVEBUILD_ALLOW_UNSAFE_SANDBOX"):
        create_provider(make_settings(tmp_path, sandbox="local", **unsafe))
    allowed = make_settings(tmp_path, sandbox="local", allow_unsafe_sandbox="local", **unsafe)
    assert isinstance(create_provider(allowed), LocalSandboxProvider)
    offline = make_settings(tmp_path, sandbox="local", auth_mode=AuthMode.TOKEN)
    assert isinstance(create_provider(offline), LocalSandboxProvider)
