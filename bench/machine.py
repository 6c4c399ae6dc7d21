"""One machine, many builds: screenshots on, through one and two workers; memory while five
builds capture at once; a burst of 30 builds; CPU-seconds per build by process.

`python -m bench.machine [throughput] [capture] [burst] [model]` (all by default), each with
the machine's shared browser and, for comparison, with a browser in every process
(`BENCH_MACHINE_BROWSERS=shared,inprocess`); `model` is a founder's plan reading with the
local model while four builds capture (`BENCH_MACHINE_HOLD=off`: without the hold).
The throughput part runs `BENCH_MACHINE_REPEATS` (3) alternated pairs of rounds and reports
medians with their spread: one round's 1 → 2 ratio moves more between runs than a change does.
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy.engine import make_url

from bench import machine_procs as procs
from bench import machine_timeline as timeline
from bench.machine_model import HEADERS, LIMITS, model_while_capturing, serve
from bench.scale import _machine_busy, _throughput, _workers
from bench.streams import _percentile
from livebuild.core.net import free_port
from tests.cluster import cluster
from tests.postgres import find_bindir, postgres_server

BROWSERS = tuple(os.environ.get("BENCH_MACHINE_BROWSERS", "shared,inprocess").split(","))
CAPTURING = 5
# A build's technical log line for each picture: "screenshot after scaffold took 412 ms".
TOOK = re.compile(r"screenshot after \S+ took (\d+) ms")
BURST = 30


def _per_build(cpu: dict[str, float], builds: int) -> dict[str, float]:
    return {name: round(seconds / builds, 3) for name, seconds in cpu.items()}


REPEATS = int(os.environ.get("BENCH_MACHINE_REPEATS", "3"))


def _job_ids(database_url: str) -> set[str]:
    with psycopg.connect(database_url) as db:
        return {row[0] for row in db.execute("SELECT id FROM jobs").fetchall()}


def throughput(browser: str) -> dict[str, Any]:
    """12 builds, screenshots on, through one worker and through two (one build at a time
    each), `REPEATS` times alternated (1, 2, then 2, 1, …, so a drift in the machine's load
    falls on both alike): each worker count's median and spread, the ratio of each
    repetition's pair, and where a worker's wall time went in each round."""
    bindir = find_bindir()
    if bindir is None:
        return {}
    rounds: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    with postgres_server(bindir) as base, tempfile.TemporaryDirectory() as root:
        name = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"postgresql://{base}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = f"postgresql+asyncpg://{base}/{name}"
        shots = Path(root) / "shots"
        env = {
            **LIMITS,
            "LIVEBUILD_SCREENSHOT_BROWSER": browser,
            "LIVEBUILD_SCREENSHOT_SERVICE_DIR": str(shots),
        }
        # The sandboxes' orphans come to this process, so their apps' CPU is counted.
        procs.adopt_orphans()
        with cluster(url, Path(root), **env) as nodes:
            nodes.add_api()
            nodes.wait_ready()
            for repetition in range(REPEATS):
                for workers in (1, 2) if repetition % 2 == 0 else (2, 1):
                    _workers(nodes, workers, screenshots=True, concurrency=1)
                    rounds[workers].append(_round(nodes, shots, url))
    figures: dict[str, Any] = {"repeats": REPEATS}
    for workers, done in rounds.items():
        figures[f"{workers}w"] = timeline.summary([r["s"] for r in done])
        figures[f"{workers}w_s"] = figures[f"{workers}w"]["median"]
        figures[f"{workers}w_busy_pct"] = statistics.median(r["busy_pct"] for r in done)
        total: dict[str, float] = {}
        for r in done:
            for part, seconds in r["cpu"].items():
                total[part] = total.get(part, 0.0) + seconds
        figures[f"{workers}w_cpu_per_build"] = _per_build(total, 12 * len(done))
        figures[f"{workers}w_rounds"] = [
            {"s": round(r["s"], 2), "load": round(r["load"], 1), **r["timeline"]} for r in done
        ]
        figures[f"{workers}w_outside"] = [
            {"machine_cpu_s": r["machine_cpu_s"], **r["outside"]} for r in done
        ]
    ratios = [one["s"] / two["s"] for one, two in zip(rounds[1], rounds[2], strict=True)]
    figures["ratios"] = timeline.summary(ratios)
    figures["ratio"] = figures["ratios"]["median"]
    figures["load"] = os.getloadavg()
    return figures


def _round(nodes: Any, shots: Path, url: str) -> dict[str, Any]:
    """One round of 12 builds: its seconds, how busy the cores were, CPU-s by part of the
    builds, and what the rest of the machine spent meanwhile (kernel threads, this
    benchmark, other programs, and what no process on the machine accounts for)."""
    names = {w.popen.pid: "worker" for w in nodes.workers}
    names[nodes.apis[0].popen.pid] = "API"
    port = make_url(url).port
    plain = url.replace("postgresql+asyncpg", "postgresql")
    procs.reap_orphans({p.popen.pid for p in [*nodes.workers, *nodes.apis]})
    seen = _job_ids(plain)
    machine_before, table_before = _machine_busy(), procs.table()
    builds_before = procs.counted(list(names), shots, port)
    before = procs.cpu_snapshot(list(names), shots, port, names=names)
    elapsed, busy = _throughput(nodes)
    after = procs.cpu_snapshot(list(names), shots, port, names=names)
    table_after, machine_after = procs.table(), _machine_busy()
    cpu = procs.cpu_delta(before, after)
    builds = procs.counted(list(names), shots, port)
    rest = procs.outside(table_before, table_after, builds, builds_before)
    machine_s = (machine_after[0] - machine_before[0]) / procs.TICK
    # Negative when a program that ended was waited for by one that ended too (its time is
    # then lost to both tables): shown as it is.
    rest["no process"] = machine_s - sum(cpu.values()) - sum(rest.values())
    jobs = sorted(_job_ids(plain) - seen)
    return {
        "s": elapsed,
        "busy_pct": busy,
        "cpu": cpu,
        "outside": {name: round(seconds, 2) for name, seconds in rest.items()},
        "machine_cpu_s": round(machine_s, 2),
        "timeline": timeline.round_timeline(plain, jobs, elapsed),
        "load": os.getloadavg()[0],
    }


async def _projects(client: httpx.AsyncClient, ideas: list[str]) -> list[str]:
    """A project for each idea, one after another: their ids."""
    return [
        str((await client.post("/api/projects", json={"idea": idea})).json()["id"])
        for idea in ideas
    ]


async def _builds(client: httpx.AsyncClient, projects: list[str]) -> list[str]:
    """A build of each project, started one after another: their job ids."""
    return [
        str((await client.post(f"/api/projects/{p}/builds")).json()["job_id"]) for p in projects
    ]


async def _finished(client: httpx.AsyncClient, job_id: str) -> None:
    """Returns once the build's event stream has ended (its last event is its end)."""
    async with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
        await stream.aread()


def _own_serve(
    browser: str, run: Callable[[str, int, Path], Coroutine[Any, Any, dict[str, Any]]], **env: str
) -> dict[str, Any]:
    """`run(base, pid, shots)` against a `livebuild serve` of its own (API and worker in one
    process, screenshots through `browser`, `env` on top), stopped after."""
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as folder:
        shots = Path(folder) / "shots"
        server, base = serve(
            Path(folder) / "serve.log",
            LIVEBUILD_DATA_DIR=f"{folder}/data",
            LIVEBUILD_PREVIEW_PORT=str(free_port()),
            LIVEBUILD_SCREENSHOT_BROWSER=browser,
            LIVEBUILD_SCREENSHOT_SERVICE_DIR=str(shots),
            **env,
        )
        try:
            return asyncio.run(run(base, server.pid, shots))
        finally:
            server.terminate()
            server.wait(60)


async def _capture_run(base: str, pid: int, shots: Path) -> dict[str, Any]:
    """Five builds at once on a `livebuild serve` of its own: the peak PSS of its processes by
    part, and how fast the pictures came (per second of the run, and a capture's own time,
    from each build's technical log)."""
    async with httpx.AsyncClient(base_url=base, headers=HEADERS, timeout=300) as client:
        projects = await _projects(
            client, [f"Shop number {n} for plants" for n in range(CAPTURING)]
        )
        began = time.monotonic()
        jobs = await _builds(client, projects)
        done = asyncio.gather(*(_finished(client, job) for job in jobs))
        peak = {"total": 0.0}
        # Sampling is the measurement itself: memory has no event to wait for.
        while not done.done():
            sample = _memory(pid, shots)
            peak = sample if sample["total"] > peak["total"] else peak
            await asyncio.sleep(0.05)
        await done
        elapsed = time.monotonic() - began
        count, took = 0, []
        for job in jobs:
            count += len((await client.get(f"/api/jobs/{job}/snapshots")).json()["snapshots"])
            lines = (await client.get(f"/api/jobs/{job}/logs")).json()["lines"]
            took += [float(m[1]) for line in lines if (m := TOOK.search(line))]
    return {
        **_peaks(peak),
        "shots": count,
        "elapsed_s": round(elapsed, 2),
        "shots_per_s": round(count / elapsed, 2),
        "capture_p50_ms": round(statistics.median(took)) if took else None,
        "concurrency": os.environ.get("LIVEBUILD_SCREENSHOT_CONCURRENCY", "default"),
    }


def _peaks(peak: dict[str, float]) -> dict[str, float]:
    """The sample at the peak as figures: sizes in MB, the renderers counted."""
    return {k if k.endswith("_count") else f"peak_{k}_mb": round(v) for k, v in peak.items()}


def _memory(root: int, shots: Path) -> dict[str, float]:
    table = procs.table()
    everything = procs.tree(root, table)
    shared = procs.service_pid(shots)
    browser = procs.tree(shared, table) if shared is not None else set()
    for pid in everything:
        if "playwright" in table[pid].command:
            browser |= procs.tree(pid, table)
    everything |= browser
    own = {root}
    apps = everything - browser - own
    sizes = {"livebuild": procs.pss_mb(own), "browser": procs.pss_mb(browser)}
    sizes["apps"] = procs.pss_mb(apps)
    sizes["total"] = sum(sizes.values())
    sizes["livebuild_anon"] = procs.pss_mb(own, "Pss_Anon:")
    sizes["browser_anon"] = procs.pss_mb(browser, "Pss_Anon:")
    # The browser by part (its main process, renderers, driver, the service's Python).
    for pid in browser:
        part = "browser: " + procs.browser_part(table[pid].command)
        sizes[part] = sizes.get(part, 0.0) + procs.pss_mb({pid})
    sizes["renderers_count"] = sum(
        "--type=renderer" in table[pid].command for pid in browser if pid in table
    )
    return sizes


def capture(browser: str) -> dict[str, Any]:
    """Five builds capturing at once through one `livebuild serve` (API and worker in one
    process, as a small install runs): livebuild is that process, not this benchmark's."""
    return _own_serve(browser, _capture_run, LIVEBUILD_CONCURRENCY=str(CAPTURING))


async def _burst_run(base: str, pid: int, shots: Path) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base, headers=HEADERS, timeout=300) as client:
        projects = await _projects(client, [f"A booking app number {n}" for n in range(BURST)])
        before = procs.cpu_snapshot([pid], shots)
        began = time.monotonic()
        jobs = await _builds(client, projects)

        async def finish(job_id: str) -> str:
            await _finished(client, job_id)
            return str((await client.get(f"/api/jobs/{job_id}")).json()["status"])

        done = asyncio.gather(*(finish(job) for job in jobs))
        latencies: list[float] = []
        peak = {"total": 0.0}
        n = 0
        while not done.done():
            started = time.perf_counter()
            answer = await client.get(f"/api/jobs/{jobs[n % BURST]}")
            latencies.append((time.perf_counter() - started) * 1000)
            assert answer.status_code == 200
            n += 1
            if n % 5 == 0:
                sample = _memory(pid, shots)
                peak = sample if sample["total"] > peak["total"] else peak
            await asyncio.sleep(0.05)
        statuses = await done
        elapsed = time.monotonic() - began
        cpu = procs.cpu_delta(before, procs.cpu_snapshot([pid], shots))
    return {
        "ready": statuses.count("ready"),
        "builds": BURST,
        "elapsed_s": round(elapsed, 1),
        "status_p50_ms": round(statistics.median(latencies), 1),
        "status_p99_ms": round(_percentile(latencies, 0.99), 1),
        "status_max_ms": round(max(latencies), 1),
        **_peaks(peak),
        "cpu_per_build": _per_build(cpu, BURST),
    }


def burst(browser: str) -> dict[str, Any]:
    """30 builds at once on one `livebuild serve` (API and worker in one process)."""
    return _own_serve(browser, _burst_run, LIVEBUILD_SANDBOX_KEEPALIVE_S="120")


PARTS = ("throughput", "capture", "burst", "model")


def run(parts: tuple[str, ...] = PARTS) -> dict[str, Any]:
    figures: dict[str, Any] = {"cores": os.cpu_count(), "load_before": os.getloadavg()}
    for browser in BROWSERS:
        if "throughput" in parts:
            figures[f"throughput_{browser}"] = throughput(browser)
        if "capture" in parts:
            figures[f"capture_{browser}"] = capture(browser)
        if "burst" in parts and browser == BROWSERS[0]:
            figures[f"burst_{browser}"] = burst(browser)
    if "model" in parts:
        held = os.environ.get("BENCH_MACHINE_HOLD", "on") != "off"
        figures["model_while_capturing"] = model_while_capturing(held)
    figures["load_after"] = os.getloadavg()
    return figures


def print_table(figures: dict[str, Any]) -> None:
    """The figures as the rows `python -m bench` shows them, with the load around them."""
    from bench.machine_rows import machine_rows

    def row(name: str, value: str, target: str, met: bool) -> None:
        print(
            f"{name}\n    {value}"
            + (f"   (goal {target}: {'yes' if met else 'NO'})" if target else "")
        )

    machine_rows(row, figures)
    load = [f"{figures['load_before'][0]:.1f}", f"{figures['load_after'][0]:.1f}"]
    print(f"{figures['cores']} cores; load average {' → '.join(load)} (1 min, before → after)")


if __name__ == "__main__":
    import json

    measured = run(tuple(sys.argv[1:]) or PARTS)
    print(json.dumps(measured, indent=1))
    print_table(measured)
