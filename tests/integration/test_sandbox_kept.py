"""One kept sandbox per app: a restart runs the new code inside the sandbox already made.

The app's sandbox (namespaces, data disk, relay, cgroup) is made once; its first process
stays as a supervisor and forks the app again when livebuild asks. Generated code is
hostile: it tries to reach or kill that supervisor, forks up to its process limit, holds
its disk busy, or crashes on restart. Each test asserts what a founder would notice: the
new version runs, or the failure is reported plainly and the next start works.
"""

from __future__ import annotations

import asyncio
import secrets
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from livebuild.engine.sandbox import bwrap
from livebuild.engine.sandbox._jail import RESTART_TIMEOUT_S
from livebuild.engine.sandbox.base import Sandbox, SandboxError
from tests.conftest import processes_with
from tests.integration.test_containment import (  # noqa: F401 - fixtures
    Lines,
    _pythons_under,
    eventually,
    findings,
    hostile,
    make_box,
    needs_bwrap,
    provider,
    refused,
    settings,
)
from tests.waits import all_ended, ended

pytestmark = needs_bwrap

_WHO = """
attempt("pid", lambda: os.getpid())
attempt("version", lambda: "VERSION")
"""


def _jail_pid(box: Sandbox) -> int:
    assert isinstance(box, bwrap.BwrapSandbox) and box._jail is not None
    return box._jail.process.pid


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def _supervisor(jail: int) -> int:
    """The sandbox's first Python: the one whose parent is not one of its Pythons."""
    pythons = _pythons_under(jail)
    parent = {
        pid: int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        for pid in pythons
    }
    (found,) = [pid for pid in pythons if parent[pid] not in pythons]
    return found


def _version(box: Sandbox, attack: str, version: str) -> None:
    source = textwrap.dedent(attack) + _WHO.replace("VERSION", version)
    (box.workspace / "app.py").write_text(hostile(source))


async def _restart(box: Sandbox, attack: str, version: str) -> dict[str, list[str]]:
    _version(box, attack, version)
    await box.start()
    report = await findings(box)
    assert report["version"][1] == repr(version)
    return report


async def test_a_restart_runs_the_new_code_in_the_same_sandbox_with_its_data(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],  # noqa: F811
) -> None:
    box, _ = make_box("kept", "")
    note = """
    attempt("wrote", lambda: open("/data/note", "a").write("kept"))
    attempt("note", lambda: open("/data/note").read())
    """
    first = await _restart(box, note, "one")
    jail = _jail_pid(box)
    began = time.monotonic()
    second = await _restart(box, note, "two")
    assert _jail_pid(box) == jail, "a restart made a new sandbox"
    assert second["pid"] != first["pid"] and second["note"][1] == repr("keptkept")
    assert box.launches == 2
    # Through the host's loopback port too (Chromium's way in), not only the socket.
    async with httpx.AsyncClient() as client:
        assert (await client.get(f"http://127.0.0.1:{box.port}/")).status_code == 200
    assert time.monotonic() - began < 10


async def test_an_app_that_kills_its_supervisor_ends_its_own_sandbox_and_the_next_start_is_fresh(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],  # noqa: F811
) -> None:
    box, _ = make_box("killer", "")
    killer = """
    import signal
    def fill():
        time.sleep(0.3)  # after the answer to the request that asked for it
        os.kill(os.getppid(), signal.SIGKILL)
    """
    await _restart(box, killer, "one")
    jail = _jail_pid(box)
    await findings(box, "/fill")
    assert isinstance(box, bwrap.BwrapSandbox) and box._jail is not None
    # The sandbox outlives its supervisor by no more than the kernel's reaping.
    await asyncio.wait_for(box._jail.process.wait(), 10)
    assert not box.running
    report = await _restart(box, "", "two")
    assert _jail_pid(box) != jail and report["pid"][0] == "ok"


async def test_an_app_that_stops_its_supervisor_cannot_hold_up_the_next_version(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],  # noqa: F811
) -> None:
    token = "stopper-" + secrets.token_hex(4)
    box, _ = make_box("stopper", "")
    stopper = f"""
    import signal
    subprocess.Popen(["/bin/sh", "-c", "sleep 600; :", "{token}"])
    def fill():
        time.sleep(0.3)  # after the answer to the request that asked for it
        os.kill(os.getppid(), signal.SIGSTOP)
    """
    await _restart(box, stopper, "one")
    jail = _jail_pid(box)
    await findings(box, "/fill")
    supervisor = _supervisor(jail)
    assert await asyncio.to_thread(eventually, lambda: _state(supervisor) == "T")
    began = time.monotonic()
    await _restart(box, "", "two")
    # The stopped supervisor gets its bound, then its whole sandbox goes.
    assert time.monotonic() - began < RESTART_TIMEOUT_S + 8
    assert _jail_pid(box) != jail
    assert await ended(jail, within_s=10)
    assert all_ended(lambda: processes_with(token), within_s=10)


_REACH = """
import ctypes, signal, stat
def sockets():
    found = []
    for fd in range(1024):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                found.append(fd)
        except OSError:
            pass
    return found
def send_to_every_socket():
    sent = []
    for fd in sockets():
        s = socket.socket(fileno=fd)
        try:
            s.send(b"s" * 65536)
            sent.append(fd)
        finally:
            s.detach()
    return sent
libc = ctypes.CDLL(None, use_errno=True)
def ptrace():
    if libc.ptrace(16, os.getppid(), 0, 0) != 0:  # PTRACE_ATTACH
        raise OSError(ctypes.get_errno(), "ptrace")
def steal():
    fd = os.pidfd_open(os.getppid())
    got = libc.syscall(438, fd, 3, 0)  # pidfd_getfd
    if got < 0:
        raise OSError(ctypes.get_errno(), "pidfd_getfd")
    return got
attempt("sockets", sockets)
attempt("send", send_to_every_socket)
attempt("proc_fds", lambda: os.listdir(f"/proc/{os.getppid()}/fd"))
attempt("proc_fd", lambda: open(f"/proc/{os.getppid()}/fd/3", "rb"))
attempt("ptrace", ptrace)
attempt("steal", steal)
def flood():
    for _ in range(20000):
        os.kill(os.getppid(), signal.SIGCHLD)
attempt("flood", flood)
"""


async def test_the_app_cannot_reach_its_supervisor_or_restart_itself_or_another_app(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],  # noqa: F811
) -> None:
    other, _ = make_box("bystander", "")
    await _restart(other, "", "one")
    bystander = await findings(other)
    box, _ = make_box("reacher", "")
    report = await _restart(box, _REACH, "one")
    assert report["sockets"][1] == "[]", report["sockets"]
    refused(report, "proc_fds", "proc_fd", "ptrace", "steal")
    assert report["flood"][0] == "ok"
    # Nothing it did restarted it or the other app; its supervisor still obeys.
    assert (await findings(box))["pid"] == report["pid"]
    assert (await findings(other))["pid"] == bystander["pid"]
    jail = _jail_pid(box)
    began = time.monotonic()
    await _restart(box, _REACH, "two")
    assert _jail_pid(box) == jail and time.monotonic() - began < 10


async def test_a_restart_ends_every_process_of_an_app_that_forked_to_its_limit(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],  # noqa: F811
) -> None:
    token = "bomb-" + secrets.token_hex(4)
    bomb = f"""
    def bomb():
        started = 0
        try:
            for _ in range(500):
                pid = os.fork()
                if pid == 0:
                    if os.fork() == 0:  # an orphan, out of the app's own tree
                        os.execv("/bin/sh", ["/bin/sh", "-c", "sleep 600; :", "{token}"])
                    os._exit(0)
                os.waitpid(pid, 0)
                started += 1
        except OSError as error:
            return started, repr(error)
        return started, None
    attempt("bomb", bomb)
    """
    box, _ = make_box("bomb", "")
    report = await _restart(box, bomb, "one")
    started, error = eval(report["bomb"][1])
    assert error is not None and started < 32, report
    assert processes_with(token)
    jail = _jail_pid(box)
    await _restart(box, "", "two")
    assert _jail_pid(box) == jail
    assert not processes_with(token)


async def test_a_disk_held_busy_neither_blocks_a_restart_nor_the_teardown(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],  # noqa: F811
) -> None:
    token = "busy-" + secrets.token_hex(4)
    busy = f"""
    held = open("/data/held", "a")
    held.write("x"); held.flush()
    subprocess.Popen(["/bin/sh", "-c", "exec 3>>/data/held; sleep 600; :", "{token}"], cwd="/data")
    attempt("held", lambda: open("/data/held").read())
    """
    box, _ = make_box("busy", "")
    await _restart(box, busy, "one")
    first = set(processes_with(token))
    assert first
    await _restart(box, busy, "two")
    # The first version's helper is gone and the second's runs. (Counting them raced: the
    # helper's shell forks its `sleep`, and for a moment the child carries the same line.)
    now = set(processes_with(token))
    assert now and not now & first, (first, now)
    await box.stop()
    assert all_ended(lambda: processes_with(token), within_s=10)
    # The disk was let go: a new sandbox mounts it again, with what the app kept.
    report = await _restart(box, busy, "three")
    assert report["held"][1] == repr("xxx")


async def test_an_app_that_crashes_on_restart_is_reported_plainly_and_the_next_version_runs(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],  # noqa: F811
) -> None:
    box, log = make_box("crasher", "")
    await _restart(box, "", "one")
    (box.workspace / "app.py").write_text(
        "raise ValueError('the app could not find its settings')\n"
    )
    with pytest.raises(SandboxError, match="exited with code 1"):
        await box.start()
    assert not box.running
    assert "ValueError: the app could not find its settings" in "\n".join(log)
    await _restart(box, "", "two")


async def test_a_stop_during_a_restart_ends_everything(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],  # noqa: F811
) -> None:
    token = "slow-" + secrets.token_hex(4)
    slow = f"""
    subprocess.Popen(["/bin/sh", "-c", "sleep 600; :", "{token}"])
    time.sleep(30)
    """
    box, _ = make_box("slow", "")
    await _restart(box, "", "one")
    _version(box, slow, "two")
    starting = asyncio.create_task(box.start())
    assert await asyncio.to_thread(eventually, lambda: bool(processes_with(token)))
    starting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await starting
    await box.stop()
    assert all_ended(lambda: processes_with(token), within_s=10)
    assert not box.running


_SHADOWING = """
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
preloaded = "sqlite3" in sys.modules and "http.server" in sys.modules
import calendar
import http.server, json
report = {"calendar": calendar.MARK, "preloaded": preloaded, "version": "VERSION"}
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps(report).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
"""


async def test_an_apps_own_module_wins_over_one_its_supervisor_preloaded(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],  # noqa: F811
) -> None:
    """The supervisor imports common standard modules once for every app it forks; an app
    with a file of the same name in its folder still gets its own file, as it would
    without them, and the supervisor never ran it."""
    box, _ = make_box("shadow", "")
    (box.workspace / "calendar.py").write_text("import os\nMARK = ['own', os.getpid()]\n")
    for version in ("one", "two"):
        (box.workspace / "app.py").write_text(_SHADOWING.replace("VERSION", version))
        await box.start()
        async with httpx.AsyncClient() as client:
            report = (await client.get(f"http://127.0.0.1:{box.port}/")).json()
        assert report["version"] == version and report["preloaded"] is True
        mark, imported_by = report["calendar"]
        assert mark == "own" and imported_by > 2  # the app's process, not its supervisor


_WALKS = """
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import walks, routes
import http.server, json
loader = type(walks.__loader__).__name__
report = {"walks": walks.WALKS, "routes": routes.ROUTES, "compiled": loader}
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps(report).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
"""


async def _report(box: Sandbox) -> dict[str, object]:
    await box.start()
    async with httpx.AsyncClient() as client:
        answer = (await client.get(f"http://127.0.0.1:{box.port}/")).json()
    assert isinstance(answer, dict)
    return answer


async def test_each_start_runs_the_modules_as_they_are_now_compiled_once_a_version(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],  # noqa: F811
) -> None:
    """The supervisor compiles the app's modules ahead of each start, only those whose
    files changed (a read-only folder keeps no bytecode): every start still runs each
    module's code as it is now, and one that no longer compiles is reported as Python
    reports it, and the next version runs."""
    box, log = make_box("compiled", "")
    (box.workspace / "app.py").write_text(_WALKS)
    (box.workspace / "routes.py").write_text("ROUTES = ['park']\n")
    (box.workspace / "walks.py").write_text("WALKS = 1\n")
    first = await _report(box)
    assert first == {"walks": 1, "routes": ["park"], "compiled": "Compiled"}
    # The same size, written again: the new code runs.
    (box.workspace / "walks.py").write_text("WALKS = 2\n")
    assert (await _report(box))["walks"] == 2
    (box.workspace / "walks.py").write_text("WALKS = (\n")
    with pytest.raises(SandboxError, match="exited with code 1"):
        await box.start()
    assert "SyntaxError" in "\n".join(log) and "walks.py" in "\n".join(log)
    (box.workspace / "walks.py").write_text("WALKS = 3\n")
    (box.workspace / "routes.py").write_text("ROUTES = ['park', 'river']\n")
    assert await _report(box) == {"walks": 3, "routes": ["park", "river"], "compiled": "Compiled"}


def _big_module(version: str) -> str:
    """Python that takes the supervisor about two seconds to compile here (under its 2 MB
    a file), and that the app never imports."""
    body = "".join(
        f"def f{i}(a, b):\n    return [a + b * {i}, {{'k{i}': a}}, (b, {i})]\n"
        for i in range(26000)
    )
    return f"VERSION = {version!r}\n{body}"


async def test_an_app_with_more_code_than_the_restart_answer_allows_still_restarts_in_place(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],  # noqa: F811
) -> None:
    """A version whose folder has several big modules that all changed restarts in the
    sandbox already made: compiling them ahead never makes livebuild give up on the
    supervisor (which answers within `RESTART_TIMEOUT_S`) and build a new sandbox."""
    box, _ = make_box("bigcode", "")
    await _restart(box, "", "one")
    jail = _jail_pid(box)
    for n in range(4):
        (box.workspace / f"tables_{n}.py").write_text(_big_module(f"two {n}"))
    second = await _restart(box, "", "two")
    assert _jail_pid(box) == jail, "a restart made a new sandbox"
    assert second["version"][1] == repr("two")
