"""SSE fan-out to many clients, and replay of a long history, against a server process."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path

import httpx

from livebuild.core.net import free_port

# livebuild refuses state-changing calls without it (a guard against cross-site requests).
HEADERS = {"X-Livebuild": "1"}

CLIENTS = 500
LIVE_EVENTS = 20
INTERVAL_MS = 100
IDLE_WINDOW_S = 10.0
SETTLE_S = 2.0
REPLAY_EVENTS = 10_000


def wait_answering(base: str, timeout_s: float = 30.0) -> None:
    """Wait until a livebuild started in another process answers at `base`."""
    deadline = time.monotonic() + timeout_s
    while True:  # waiting for another process to bind: nothing to wake us up
        try:
            httpx.get(f"{base}/api/openapi.json", timeout=1)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextlib.contextmanager
def server_process() -> Iterator[tuple[str, int]]:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as data_dir:
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.server", str(port), data_dir],
            env={**os.environ, "LIVEBUILD_HEARTBEAT_S": "15"},
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_answering(base)
            yield base, process.pid
        finally:
            process.terminate()
            process.wait(10)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _sse_lines(port: int, job_id: str, headers: str = "") -> AsyncIterator[bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=2**20)
    writer.write(
        f"GET /api/jobs/{job_id}/events/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    try:
        while line := await reader.readline():
            yield line
    finally:
        writer.close()


class Client:
    def __init__(self) -> None:
        self.ids: list[int] = []
        self.latencies_ms: list[float] = []
        self.connected = asyncio.Event()

    async def run(self, port: int, job_id: str) -> None:
        async for line in _sse_lines(port, job_id):
            if line.startswith(b"retry:"):
                self.connected.set()
            elif line.startswith(b"data: "):
                received = time.time()
                event = json.loads(line[6:])
                sent = datetime.fromisoformat(event["ts"].replace("Z", "+00:00")).timestamp()
                self.ids.append(event["id"])
                self.latencies_ms.append((received - sent) * 1000)
                if event["type"] == "build.completed":
                    return


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def fanout(base: str, pid: int) -> dict[str, float]:
    port = int(base.rsplit(":", 1)[1])
    async with httpx.AsyncClient(base_url=base, timeout=60, headers=HEADERS) as http:
        job_id = (await http.post("/bench/job")).json()["job_id"]
        clients = [Client() for _ in range(CLIENTS)]
        tasks = [asyncio.create_task(c.run(port, job_id)) for c in clients]
        await asyncio.wait_for(asyncio.gather(*(c.connected.wait() for c in clients)), 60)
        # Each stream reads the (empty) history just after its first frame; let that
        # finish so the window measures streams that really sit idle.
        await asyncio.sleep(SETTLE_S)
        cpu_before, wall_before = _cpu_seconds(pid), time.monotonic()
        await asyncio.sleep(IDLE_WINDOW_S)
        idle_cpu = (_cpu_seconds(pid) - cpu_before) / (time.monotonic() - wall_before) * 100
        await http.post(
            f"/bench/emit/{job_id}", params={"n": LIVE_EVENTS, "interval_ms": INTERVAL_MS}
        )
        await asyncio.wait_for(asyncio.gather(*tasks), 120)
    expected = list(range(1, LIVE_EVENTS + 2))
    complete = sum(1 for c in clients if c.ids == expected)
    latencies = [ms for c in clients for ms in c.latencies_ms]
    return {
        "clients": CLIENTS,
        "complete": complete,
        "p50_ms": statistics.median(latencies),
        "p99_ms": _percentile(latencies, 0.99),
        "idle_cpu_pct": idle_cpu,
    }


async def replay(base: str) -> dict[str, float]:
    port = int(base.rsplit(":", 1)[1])
    async with httpx.AsyncClient(base_url=base, timeout=60, headers=HEADERS) as http:
        job_id = (await http.post("/bench/job")).json()["job_id"]
        await http.post(f"/bench/seed/{job_id}", params={"n": REPLAY_EVENTS})
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        count = 0
        async for line in _sse_lines(port, job_id):
            if line.startswith(b"data: "):
                count += 1
                if count == REPLAY_EVENTS:
                    break
        timings.append(time.perf_counter() - started)
        assert count == REPLAY_EVENTS, count
    return {"events": REPLAY_EVENTS, "median_ms": statistics.median(timings) * 1000}


def run() -> tuple[dict[str, float], dict[str, float]]:
    with server_process() as (base, pid):
        fan = asyncio.run(fanout(base, pid))
        rep = asyncio.run(replay(base))
    return fan, rep
