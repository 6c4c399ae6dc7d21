"""The terminal as a founder meets it: the plan is offered before the build (build, edit in
$EDITOR, change in words, quit), a busy port is one plain line, Ctrl-C is quiet, a change
says where the new version runs, and projects are listed, opened and deleted."""

from __future__ import annotations

import re
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from livebuild.core.net import free_port
from tests.integration.test_cli import _run
from tests.terminal import in_terminal

IDEA = "A booking app for independent dog walkers called Pawpath"
ASK = "or quit (q)?"
NOISE = ("Traceback", "Future exception", "never retrieved", "Exception")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "LIVEBUILD_DATA_DIR": str(tmp_path / "data"),
        "LIVEBUILD_PORT": str(free_port()),
        "LIVEBUILD_PREVIEW_PORT": str(free_port()),
        **extra,
    }


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def test_plan_is_offered_edited_changed_in_words_then_built(tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import json, sys\n"
        "path = sys.argv[1]\n"
        "plan = json.load(open(path))\n"
        "plan['features'] = ['Plan every walk together']\n"
        "json.dump(plan, open(path, 'w'))\n"
    )
    session = in_terminal(
        ["build", IDEA],
        [
            (ASK, "e\n"),
            (ASK, "c\n"),
            ("What should be different?", "add a Phone field to pets\n"),
            (ASK, "b\n"),
            ("press Ctrl-C to stop", "\x03"),
        ],
        _env(tmp_path, EDITOR=f"{sys.executable} {editor}"),
    )
    out = session.output
    assert session.returncode == 0, out
    assert "Plan saved." in out and "Plan every walk together" in out
    assert "Changed:" in out and "Phone (" in out
    assert out.index("Phone (") < out.index("Building Pawpath")
    assert "Pawpath is ready" in out and ".localhost:" in out
    assert "Stopped." in out
    for noise in NOISE:
        assert noise not in out, out[-2000:]


def test_ctrl_c_stops_a_build_started_with_ctrl_c_ignored(tmp_path: Path) -> None:
    # A script's shell may start a command with Ctrl-C ignored; run at a terminal, the
    # command still stops on the Ctrl-C it asks for (it used to stop serving the app, then
    # wait for ever: the servers had taken Ctrl-C and handed it back to "ignore").
    session = in_terminal(
        ["build", IDEA, "--yes", "--keep-running"],
        [("press Ctrl-C to stop", "\x03")],
        _env(tmp_path),
        ctrl_c_ignored=True,
    )
    out = session.output
    assert session.returncode == 0, out
    assert "Pawpath is ready" in out and "Stopped." in out
    for noise in NOISE:
        assert noise not in out, out[-2000:]


def test_quit_keeps_the_plan_as_a_draft_and_yes_builds_at_once(tmp_path: Path) -> None:
    env = _env(tmp_path)
    quit_session = in_terminal(["build", IDEA], [(ASK, "q\n")], env)
    assert quit_session.returncode == 0, quit_session.output
    assert "kept as a draft" in quit_session.output
    assert "Building" not in quit_session.output
    listed = _run(tmp_path, "projects", LIVEBUILD_PORT=str(free_port()))
    assert listed.returncode == 0 and "Pawpath" in listed.stdout
    assert "Draft: not built yet" in listed.stdout

    yes = in_terminal(["build", IDEA, "--yes", "--no-keep-running"], [], env)
    assert yes.returncode == 0, yes.output
    assert ASK not in yes.output and "Pawpath is ready" in yes.output


def test_a_busy_port_is_one_plain_line_and_exit_2(tmp_path: Path, busy_port: int) -> None:
    for env in ({"LIVEBUILD_PORT": str(busy_port)}, {"LIVEBUILD_PREVIEW_PORT": str(busy_port)}):
        result = _run(tmp_path, "serve", **env)
        assert result.returncode == 2, result.stdout + result.stderr
        lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
        assert lines == [lines[0]] and f"Port {busy_port}" in lines[0], lines
        assert "already in use" in lines[0] and "Traceback" not in lines[0]
    asked = _run(tmp_path, "build", IDEA, "--port", str(busy_port))
    assert asked.returncode == 2 and "already in use" in asked.stderr


def test_change_says_where_it_runs_and_projects_open_and_delete(tmp_path: Path) -> None:
    built = _run(tmp_path, "build", IDEA)
    assert built.returncode == 0, built.stdout + built.stderr
    # Offline, no model spent tokens: none are claimed.
    assert "tokens" not in built.stdout
    changed = _run(tmp_path, "change", "Pawpath", "add a Phone field to pets")
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert "v0.2 is ready" in changed.stdout
    after = changed.stdout.split("v0.2 is ready", 1)[1]
    # "Open your app" is the project's own address, which keeps the latest version and its
    # records; the version's own preview is said after it.
    stable = re.search(r"/app/([\w-]+)/", after)
    assert stable is not None and after.index("/app/") < after.index(".localhost:"), after
    project_id = stable.group(1)

    listed = _run(tmp_path, "projects", "list")
    assert "Pawpath" in listed.stdout and "v0.2 (ready)" in listed.stdout
    opened = _run(tmp_path, "projects", "open", "pawpath", "--no-keep-running")
    assert opened.returncode == 0, opened.stdout + opened.stderr
    assert "Pawpath v0.2 runs here" in opened.stdout and ".localhost:" in opened.stdout
    runs_at = opened.stdout.split("runs here:", 1)[1].split()[0]
    assert runs_at.endswith(f"/app/{project_id}/"), opened.stdout
    missing = _run(tmp_path, "projects", "open", "nothing")
    assert missing.returncode == 2 and "no project called" in missing.stdout

    unasked = _run(tmp_path, "projects", "delete", "Pawpath")
    assert unasked.returncode == 2 and "--yes" in unasked.stderr
    kept = in_terminal(["projects", "delete", "Pawpath"], [("undone.", "n\n")], _env(tmp_path))
    assert "Kept." in kept.output
    deleted = _run(tmp_path, "projects", "delete", "Pawpath", "--yes")
    assert deleted.returncode == 0 and "Deleted Pawpath." in deleted.stdout
    assert "No projects yet" in _run(tmp_path, "projects").stdout
