"""A folder served over HTTP on loopback by Python's own file server, for tests that picture
plain pages."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx

from livebuild.core.net import free_port


@contextmanager
def served(folder: Path, stderr: IO[bytes] | int = subprocess.DEVNULL) -> Iterator[str]:
    """`folder` served on a free port until the block ends: its address."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 10
        while True:  # another process binds the port; nothing can wake us when it does
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait()
