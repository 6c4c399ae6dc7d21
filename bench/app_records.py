"""A generated app holding 10,000 records: list, search and record pages, CSV in and out,
and a change to an app that full against the same change to an empty one."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from livebuild.appgen import app_files
from livebuild.brief import derive_brief
from livebuild.core.net import free_port
from livebuild.core.stages import Stage
from livebuild.settings import Settings
from livebuild.web.app import create_app

IDEA = "Inventory app for my bike repair shop — track parts, repair jobs and customer bikes."
RECORDS = 10_000
ROUNDS = 40
HEADERS = {"X-Livebuild": "1"}


def sheet(rows: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Part", "In stock", "Price", "Notes"])
    for n in range(rows):
        writer.writerow([f"Spoke {n:05d}", n % 40, f"{(n % 500) / 4:.2f}", f"Shelf {n % 12}"])
    return out.getvalue()


@contextmanager
def _app(folder: Path) -> Iterator[str]:
    app_dir = folder / "app"
    for rel, text in app_files(derive_brief(IDEA), Stage.CHECKS).items():
        (app_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (app_dir / rel).write_text(text, encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PORT": str(port), "APP_DATA_DIR": str(folder / "data")}
    process = subprocess.Popen([sys.executable, "-I", "app.py"], cwd=app_dir, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/healthz").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def _p95(client: httpx.Client, path: str) -> float:
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        answer = client.get(path)
        timings.append(time.perf_counter() - started)
        assert answer.status_code == 200, (path, answer.status_code)
    return statistics.quantiles(timings, n=20)[-1] * 1000


def in_the_app() -> dict[str, float]:
    with (
        tempfile.TemporaryDirectory(prefix="livebuild-bench-") as folder,
        _app(Path(folder)) as base,
    ):
        client = httpx.Client(base_url=base, timeout=60)
        text = sheet(RECORDS)
        started = time.perf_counter()
        answer = client.post("/parts.csv", content=text, headers={"Content-Type": "text/csv"})
        imported = time.perf_counter() - started
        assert answer.json() == {"imported": RECORDS}, answer.text[:300]
        started = time.perf_counter()
        exported = client.get("/parts.csv")
        export_s = time.perf_counter() - started
        assert exported.text.count("\n") > RECORDS
        return {
            "import_s": imported,
            "export_s": export_s,
            "list_p95_ms": _p95(client, "/parts"),
            "page_p95_ms": _p95(client, "/parts?page=150&sort=-price"),
            "search_p95_ms": _p95(client, "/parts?q=Spoke+0999"),
            "record_p95_ms": _p95(client, "/parts/5000"),
            # What a link picker asks as a founder types part of a name.
            "choices_p95_ms": _p95(client, "/parts/choices?q=0999"),
            "dashboard_p95_ms": _p95(client, "/dashboard"),
        }


async def _until_done(client: httpx.AsyncClient, job_id: str) -> None:
    async with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as response:
        body = (await response.aread()).decode()
    assert "build.completed" in body, body[-500:]


async def _build(client: httpx.AsyncClient, project_id: str, body: dict[str, str]) -> float:
    started = time.perf_counter()
    job = (await client.post(f"/api/projects/{project_id}/builds", json=body)).json()
    await _until_done(client, job["job_id"])
    return time.perf_counter() - started


async def _changes(data_dir: Path) -> dict[str, float]:
    settings = Settings(data_dir=data_dir, allowed_hosts="bench", screenshots_enabled=False)
    app = create_app(settings)
    change = {"change_request": "add a supplier to parts"}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", headers=HEADERS, timeout=300
        ) as client:
            times: dict[str, float] = {}
            for label, rows in (("empty", 0), ("full", RECORDS)):
                project = (await client.post("/api/projects", json={"idea": IDEA})).json()
                await _build(client, project["id"], {})
                url = f"/api/projects/{project['id']}/data/parts.csv"
                if rows:
                    answer = await client.post(url, content=sheet(rows))
                    assert answer.json() == {"imported": rows}, answer.text[:300]
                times[label] = await _build(client, project["id"], change)
                carried = (await client.get(url)).text
                times[f"{label}_rows"] = float(carried.count("Spoke "))
                # Peak resident memory of this process (livebuild itself), in MB.
                times[f"{label}_peak_mb"] = (
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                )
    return times


def change_with_records() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as folder:
        return asyncio.run(_changes(Path(folder)))


def run() -> dict[str, float]:
    result = in_the_app()
    changes = change_with_records()
    result.update(
        change_empty_s=changes["empty"],
        change_full_s=changes["full"],
        change_ratio=changes["full"] / changes["empty"],
        carried=changes["full_rows"],
        change_empty_peak_mb=changes["empty_peak_mb"],
        change_full_peak_mb=changes["full_peak_mb"],
    )
    return result


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>20}: {value:,.3f}")
