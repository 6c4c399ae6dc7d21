"""Another user's API calls while anonymous clients read a shared page whose guide is
edited to the worst shape for a Markdown parser (`"![" * 10000`).

The server runs on its own thread and event loop, as in production; the readers and
the other user's `GET /api/projects` reach it over loopback HTTP.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from livebuild.core.net import free_port
from livebuild.settings import Settings
from tests.shared_build import finished_build

READERS = 3
DURATION_S = 15.0
HOSTILE = "![" * 10_000
IDEA = "A booking app for independent dog walkers"


async def _load(base_url: str, job_id: str) -> dict[str, float]:
    async with httpx.AsyncClient(
        base_url=base_url, timeout=120, headers={"X-Livebuild": "1"}
    ) as client:
        edited = await client.put(f"/api/jobs/{job_id}/docs/overview", json={"markdown": HOSTILE})
        edited.raise_for_status()
        token = (await client.post(f"/api/jobs/{job_id}/share")).json()["token"]
        deadline = time.monotonic() + DURATION_S
        pages = 0

        async def reader() -> None:
            nonlocal pages
            while time.monotonic() < deadline:
                (await client.get(f"/s/{token}")).raise_for_status()
                pages += 1

        probes: list[float] = []

        async def other_user() -> None:
            while time.monotonic() < deadline:
                started = time.monotonic()
                (await client.get("/api/projects")).raise_for_status()
                probes.append(time.monotonic() - started)
                await asyncio.sleep(0.2)

        await asyncio.gather(*(reader() for _ in range(READERS)), other_user())
    probes.sort()
    return {
        "p50_ms": statistics.median(probes) * 1000,
        "p95_ms": probes[int(0.95 * (len(probes) - 1))] * 1000,
        "probes": float(len(probes)),
        "pages_per_s": pages / DURATION_S,
    }


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as directory:
        settings = Settings(
            data_dir=Path(directory),
            port=free_port(),
            preview_port=free_port(),
            screenshots_enabled=False,
        )
        with finished_build(settings, IDEA) as finished:
            return asyncio.run(_load(settings.base_url, finished.build["job_id"]))


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:.1f}")
