"""Running at scale: events across processes, fan-out, throughput by worker count, recovery.

Real processes on loopback against a throwaway PostgreSQL: `livebuild serve --no-worker`
for the API, the worker server for builds (tests/scale_worker.py; stages slowed only for
the recovery run). The benchmark process itself appends events the way a worker does.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg

from bench.server import done_event, stage_event
from bench.streams import Client, _cpu_seconds, _percentile
from livebuild.store.db.engine import create_engine, libpq_url, migrate
from livebuild.store.eventlog.pgbus import PostgresBus
from livebuild.store.eventlog.sql import SqlEventLog
from livebuild.store.repository import LOCAL_USER_ID, Repository
from tests.cluster import Cluster, cluster
from tests.conftest import IDEA
from tests.postgres import find_bindir, postgres_server

# livebuild refuses state-changing calls without it (a guard against cross-site requests).
HEADERS = {"X-Livebuild": "1"}

# The goal's size: 2,500 streams on each of two API processes, held by client processes
# of their own (bench/sse_clients.py) so no one event loop sits behind thousands of them.
CLIENTS_PER_API = int(os.environ.get("SCALE_CLIENTS", "2500"))
CLIENT_PROCESSES_PER_API = 2
SETTLE_S = 2.0
LATENCY_EVENTS = 200
FANOUT_EVENTS = 20
INTERVAL_MS = 100
IDLE_WINDOW_S = 5.0
BUILDS = 12
STALL_S = 5.0
# Builds each worker runs at once in the throughput rounds: one (a worker process per build
# at a time, the way scaling out adds them) and the default two.
THROUGHPUT_CONCURRENCY = tuple(
    int(c) for c in os.environ.get("BENCH_THROUGHPUT_CONCURRENCY", "1,2").split(",")
)


async def _followed(
    repository: Repository, ports: list[int], clients_per_port: int
) -> tuple[list[Client], list[asyncio.Task[None]], str]:
    project = await repository.create_project(LOCAL_USER_ID, "Bench", IDEA, {})
    job = await repository.create_job(project.id, LOCAL_USER_ID, None)
    clients = [Client() for _ in ports for _ in range(clients_per_port)]
    tasks = [
        asyncio.create_task(client.run(ports[n // clients_per_port], job.id))
        for n, client in enumerate(clients)
    ]
    await asyncio.wait_for(asyncio.gather(*(c.connected.wait() for c in clients)), 120)
    await asyncio.sleep(1.0)
    return clients, tasks, job.id


async def _events_across(nodes: Cluster, parts: set[str]) -> dict[str, float]:
    engine = create_engine(nodes.database_url)
    await migrate(engine)
    repository = Repository(engine)
    await repository.ensure_local_user()
    log = SqlEventLog(engine, PostgresBus(nodes.database_url))
    await log.start()
    ports = [api.port for api in nodes.apis]
    pids = [api.popen.pid for api in nodes.apis]
    figures: dict[str, float] = {}
    try:
        if "fanout" in parts:
            figures.update(await _fanout(repository, log, ports, pids))
        if "latency" not in parts:
            return figures
        # One follower on the API process the appender is not: cross-process latency.
        clients, tasks, job_id = await _followed(repository, ports[1:], 1)
        for n in range(LATENCY_EVENTS):
            await log.append(job_id, stage_event(n))
            await asyncio.sleep(0.02)
        await log.append(job_id, done_event())
        await asyncio.wait_for(asyncio.gather(*tasks), 30)
        latency = clients[0].latencies_ms
        await repository.fail(job_id, "bench", "bench")

        return {
            **figures,
            "latency_p50_ms": statistics.median(latency),
            "latency_p99_ms": _percentile(latency, 0.99),
            "latency_events": len(latency),
        }
    finally:
        await log.stop()
        await engine.dispose()


async def _fanout(
    repository: Repository, log: SqlEventLog, ports: list[int], pids: list[int]
) -> dict[str, float]:
    """Many followers on each API process, all on one build, held by client processes."""
    project = await repository.create_project(LOCAL_USER_ID, "Bench", IDEA, {})
    job = await repository.create_job(project.id, LOCAL_USER_ID, None)
    expected = FANOUT_EVENTS + 1
    share = CLIENTS_PER_API // CLIENT_PROCESSES_PER_API
    holders = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.sse_clients",
            str(port),
            job.id,
            str(share),
            str(expected),
            "180",
            stdout=asyncio.subprocess.PIPE,
        )
        for port in ports
        for _ in range(CLIENT_PROCESSES_PER_API)
    ]
    try:
        for holder in holders:
            assert holder.stdout is not None
            line = await asyncio.wait_for(holder.stdout.readline(), 300)
            assert line.strip() == b"connected", line
        await asyncio.sleep(SETTLE_S)
        before = [(_cpu_seconds(pid), time.monotonic()) for pid in pids]
        await asyncio.sleep(IDLE_WINDOW_S)
        idle = [
            (_cpu_seconds(pid) - cpu) / (time.monotonic() - at) * 100
            for pid, (cpu, at) in zip(pids, before, strict=True)
        ]
        busy_before = [(_cpu_seconds(pid), time.monotonic()) for pid in pids]
        for n in range(FANOUT_EVENTS):
            await log.append(job.id, stage_event(n))
            await asyncio.sleep(INTERVAL_MS / 1000)
        await log.append(job.id, done_event())
        results = [json.loads((await holder.communicate())[0]) for holder in holders]
        busy = [
            (_cpu_seconds(pid) - cpu) / (time.monotonic() - at) * 100
            for pid, (cpu, at) in zip(pids, busy_before, strict=True)
        ]
    finally:
        for holder in holders:
            if holder.returncode is None:
                holder.kill()
                await holder.wait()
    await repository.fail(job.id, "bench", "bench")
    latencies = [ms for result in results for ms in result["latencies_ms"]]
    return {
        "fan_clients": sum(result["clients"] for result in results),
        "fan_complete": sum(result["complete"] for result in results),
        "fan_p50_ms": statistics.median(latencies),
        "fan_p99_ms": _percentile(latencies, 0.99),
        "fan_idle_cpu_pct": max(idle),
        "fan_busy_cpu_pct": max(busy),
    }


def _wait_all(base: str, job_ids: list[str], timeout_s: float = 600) -> list[str]:
    """Each build's final status, woken by its event stream closing (no polling)."""

    async def follow(client: httpx.AsyncClient, job_id: str) -> str:
        async with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
            async for _ in stream.aiter_bytes():
                pass  # the stream closes after the build's terminal event
        answer = await client.get(f"/api/jobs/{job_id}")
        return str(answer.json()["status"])

    async def follow_all() -> list[str]:
        timeout = httpx.Timeout(timeout_s, connect=30)
        async with httpx.AsyncClient(base_url=base, timeout=timeout, headers=HEADERS) as client:
            async with asyncio.timeout(timeout_s):
                return list(await asyncio.gather(*(follow(client, j) for j in job_ids)))

    return asyncio.run(follow_all())


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU time of the whole machine so far, every core, from /proc/stat."""
    fields = [float(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _throughput(nodes: Cluster) -> tuple[float, float]:
    """Seconds for BUILDS builds, and how busy the machine's cores were meanwhile (%)."""
    base = nodes.apis[0].url
    with httpx.Client(base_url=base, timeout=30, headers=HEADERS) as client:
        projects = [
            client.post("/api/projects", json={"idea": IDEA}).json()["id"] for _ in range(BUILDS)
        ]
        busy_before, total_before = _machine_busy()
        began = time.monotonic()
        jobs = [client.post(f"/api/projects/{p}/builds").json()["job_id"] for p in projects]
    statuses = _wait_all(base, jobs)
    elapsed = time.monotonic() - began
    busy, total = _machine_busy()
    assert statuses.count("ready") == BUILDS, statuses
    return elapsed, (busy - busy_before) / (total - total_before) * 100


def _recovery(nodes: Cluster) -> float:
    import json

    base = nodes.apis[1].url
    with httpx.Client(base_url=base, timeout=60, headers=HEADERS) as client:
        project = client.post("/api/projects", json={"idea": IDEA}).json()["id"]
        job_id = client.post(f"/api/projects/{project}/builds").json()["job_id"]
        with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
            for line in stream.iter_lines():
                if line.startswith("data: ") and json.loads(line[6:]).get("stage") == "code":
                    break
        with psycopg.connect(libpq_url(nodes.database_url)) as conn:
            row = conn.execute(
                "SELECT worker_address FROM jobs WHERE id = %s", (job_id,)
            ).fetchone()
        assert row is not None
        victim = next(w for w in nodes.workers if row[0].endswith(f":{w.port}"))
        victim.kill()
        killed = time.monotonic()
        with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
            for _ in stream.iter_lines():
                pass
        return time.monotonic() - killed


PARTS = ("fanout", "latency", "throughput", "recovery")


def _workers(
    nodes: Cluster,
    count: int,
    *,
    screenshots: bool = False,
    stage_delay_s: float = 0.0,
    concurrency: int = 2,
) -> None:
    """Replace the cluster's workers with `count` fresh ones, each running `concurrency`."""
    for worker in nodes.workers:
        worker.popen.terminate()
        worker.popen.wait(30)
    nodes.workers.clear()
    for _ in range(count):
        nodes.add_worker(
            stage_delay_s=stage_delay_s,
            LIVEBUILD_SCREENSHOTS_ENABLED="true" if screenshots else "false",
            LIVEBUILD_CONCURRENCY=str(concurrency),
        )
    nodes.wait_ready()


def run(parts: tuple[str, ...] = PARTS) -> dict[str, Any] | None:
    """The scale figures; `python -m bench.scale fanout` (or any of PARTS) runs only those."""
    bindir = find_bindir()
    if bindir is None:
        return None
    with postgres_server(bindir) as base, tempfile.TemporaryDirectory() as root:
        name = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"postgresql://{base}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = f"postgresql+asyncpg://{base}/{name}"
        env = {
            "LIVEBUILD_WORKER_STALL_S": str(STALL_S),
            "LIVEBUILD_DOCS_ENABLED": "false",
            # Four rounds of twelve builds within minutes: not what the limits are there for.
            "LIVEBUILD_PROJECTS_PER_MINUTE": "1000",
            "LIVEBUILD_BUILDS_PER_MINUTE": "1000",
        }
        figures: dict[str, Any] = {}
        with cluster(url, Path(root), **env) as nodes:
            nodes.add_api()
            nodes.add_api()
            nodes.wait_ready()
            if {"fanout", "latency"} & set(parts):
                figures.update(asyncio.run(_events_across(nodes, set(parts))))
            if "throughput" in parts:
                rounds = [
                    (w, s, c) for c in THROUGHPUT_CONCURRENCY for s in (False, True) for w in (1, 2)
                ]
                for workers, screenshots, concurrency in rounds:
                    _workers(nodes, workers, screenshots=screenshots, concurrency=concurrency)
                    key = f"{'shots_' if screenshots else ''}{workers}w{concurrency}c"
                    figures[f"{key}_s"], figures[f"{key}_cpu_pct"] = _throughput(nodes)
            if "recovery" in parts:
                _workers(nodes, 2, stage_delay_s=1.0)
                figures["recovery_s"] = _recovery(nodes)
                figures["stall_s"] = STALL_S
            return figures


if __name__ == "__main__":
    print(run(tuple(sys.argv[1:]) or PARTS))
