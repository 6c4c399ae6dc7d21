"""The command line, run as a user runs it: a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from livebuild.core.net import free_port
from livebuild.settings import settings_markdown


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "LIVEBUILD_DATA_DIR": str(tmp_path / "data"),
        "LIVEBUILD_PORT": str(free_port()),
        # Its own previews port too: test processes running at once would otherwise all
        # reach for the default one, and one could take it between another's check and bind.
        "LIVEBUILD_PREVIEW_PORT": str(free_port()),
        "COLUMNS": "160",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "livebuild", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_build_shows_the_build_and_exits_0_when_ready(tmp_path: Path) -> None:
    result = _run(tmp_path, "build", "A recipe box for busy parents called Supper Club")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Building Supper Club (v0.1)" in out
    assert "We're" in out and "Supper Club is ready" in out
    assert "Testing everything works" in out and "tokens" not in out
    assert ".localhost:" in out and "python app.py" in out


def test_build_exits_1_when_the_build_fails(tmp_path: Path) -> None:
    result = _run(tmp_path, "build", "A tiny todo list", LIVEBUILD_SANDBOX_START_TIMEOUT_S="0.001")
    assert result.returncode == 1
    assert "couldn't get your app to start" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_empty_idea_is_refused_plainly(tmp_path: Path) -> None:
    result = _run(tmp_path, "build", "   ")
    assert result.returncode == 2 and "can't be empty" in result.stdout


def test_local_mode_refuses_to_listen_beyond_loopback(tmp_path: Path) -> None:
    result = _run(tmp_path, "serve", "--host", "0.0.0.0")
    assert result.returncode != 0 and "loopback" in result.stderr


def test_the_operations_guide_documents_every_setting() -> None:
    guide = (Path(__file__).parents[2] / "docs" / "operations.md").read_text()
    assert settings_markdown() in guide
