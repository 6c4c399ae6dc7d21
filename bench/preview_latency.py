"""A small GET of a running generated app: direct, through the preview origin, and through
the previous same-origin proxy, side by side against one server process."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from bench.streams import wait_answering
from livebuild.core.net import free_port

# livebuild refuses state-changing calls without it (a guard against cross-site requests).
HEADERS = {"X-Livebuild": "1"}
IDEA = "A booking app for independent dog walkers"
WARM_UP = 30
ROUNDS = 200
PATH = "healthz"  # the generated app's smallest answer: "ok"


@contextlib.contextmanager
def _server() -> Iterator[tuple[str, int]]:
    port, preview_port = free_port(), free_port()
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as data_dir:
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.preview_server", str(port), str(preview_port), data_dir],
            env={**os.environ, "LIVEBUILD_LOG_LEVEL": "warning"},
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_answering(base)
            yield base, preview_port
        finally:
            process.terminate()
            process.wait(15)


def _build(api: httpx.Client) -> dict[str, Any]:
    project = api.post("/api/projects", json={"idea": IDEA}).json()
    job = api.post(f"/api/projects/{project['id']}/builds").json()
    with api.stream("GET", f"/api/jobs/{job['job_id']}/events/stream", timeout=120) as stream:
        body = stream.read().decode()
    assert "build.completed" in body, body[-500:]
    status: dict[str, Any] = api.get(f"/api/jobs/{job['job_id']}").json()
    assert status["preview_url"], status
    return status


def _summary(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    return {
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000,
    }


def run() -> dict[str, dict[str, float]]:
    """p50/p95 per way in: `direct`, `origin` (today's) and `previous` (same-origin proxy)."""
    with _server() as (base, preview_port), httpx.Client(base_url=base, headers=HEADERS) as api:
        job = _build(api)
        direct_url = api.get(f"/bench/direct/{job['job_id']}").json()["url"]
        preview_host = httpx.URL(job["preview_url"]).netloc.decode()
        with (
            httpx.Client(base_url=direct_url) as direct,
            # As a browser sends it: `<token>.localhost` is loopback, by name, on the preview port.
            httpx.Client(
                base_url=f"http://127.0.0.1:{preview_port}", headers={"Host": preview_host}
            ) as origin,
            httpx.Client(base_url=f"{base}/bench/previous-preview/{job['job_id']}") as previous,
        ):
            ways: dict[str, Callable[[], httpx.Response]] = {
                "direct": lambda: direct.get(f"/{PATH}"),
                "origin": lambda: origin.get(f"/{PATH}"),
                "previous": lambda: previous.get(f"/{PATH}"),
            }
            timings: dict[str, list[float]] = {name: [] for name in ways}
            for round_ in range(WARM_UP + ROUNDS):
                # Interleaved, so a busy moment of the machine falls on every way alike.
                for name, get in ways.items():
                    started = time.perf_counter()
                    response = get()
                    elapsed = time.perf_counter() - started
                    assert response.status_code == 200 and response.text == "ok", (name, response)
                    if round_ >= WARM_UP:
                        timings[name].append(elapsed)
    return {name: _summary(values) for name, values in timings.items()}


if __name__ == "__main__":
    print(run())
