"""A page that recurses too deep is one visitor's error page, not the end of the app.

Pages are generated and change requests add code; a recursion that goes through C (a sort
whose key calls back) must reach Python's recursion limit before its thread's stack ends:
a crash there ends the app for every visitor."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from livebuild.appgen import app_files
from livebuild.core.stages import Stage
from tests.integration.test_app_records import walkers_and_walks
from tests.integration.test_appgen import fetch, free_port, write_app

_DEEP_PAGE = """
import web


def deep(n: int) -> int:
    return 0 if n == 0 else sorted([1], key=lambda x: deep(n - 1))[0]


def page(request: web.Request) -> web.Response:
    return web.Response(body=str(deep(100_000)), content_type="text/plain")


def routes() -> list[web.Route]:
    return [web.route("GET", "/deep", page)]
"""


def test_a_page_recursing_too_deep_is_one_error_page(tmp_path: Path) -> None:
    files = app_files(walkers_and_walks(), Stage.CHECKS)
    files["deep.py"] = _DEEP_PAGE
    files["content.py"] = files["content.py"].replace("'about')", "'about', 'deep')")
    app = write_app(tmp_path / "app", files)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("APP_")}
    env.update(PORT=str(port), APP_DATA_DIR=str(tmp_path / "data"))
    with (tmp_path / "said").open("wb") as said:
        # What the app says of the error (a long trace) goes to a file, not a pipe it fills.
        proc = subprocess.Popen(
            [sys.executable, "-I", "app.py"], cwd=app, env=env, stdout=subprocess.PIPE, stderr=said
        )
    try:
        assert proc.stdout is not None and proc.stdout.readline().startswith(b"Serving")
        base = f"http://127.0.0.1:{port}"
        for _ in range(2):
            status, page, _headers = fetch(base + "/deep")
            assert status == 500
            assert "RecursionError" not in page
        assert fetch(base + "/healthz")[:2] == (200, "ok")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
        assert proc.stdout is not None
        proc.stdout.close()
