"""How soon the user guide starts arriving, offline and from a streaming model."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
from datetime import datetime
from pathlib import Path

import httpx

from livebuild.brief import derive_brief
from livebuild.engine.offline_model import offline_answer
from livebuild.guide.writer import write_docs
from livebuild.providers import create_provider
from livebuild.providers.base import Task
from livebuild.settings import Settings
from livebuild.web.app import create_app
from tests.vendor_servers import Reply, VendorServer

# livebuild refuses state-changing calls without it (a guard against cross-site requests).
HEADERS = {"X-Livebuild": "1"}

BUILDS = 5
TOKENS_PER_S = 40.0  # a brisk hosted model


def _ts(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


async def _offline_first_section(data_dir: Path) -> list[float]:
    settings = Settings(data_dir=data_dir, allowed_hosts="bench", screenshots_enabled=False)
    app = create_app(settings)
    gaps = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", headers=HEADERS
        ) as client:
            for n in range(BUILDS):
                project = (
                    await client.post("/api/projects", json={"idea": f"A tutoring marketplace {n}"})
                ).json()
                job = (await client.post(f"/api/projects/{project['id']}/builds")).json()
                async with client.stream(
                    "GET", f"/api/jobs/{job['job_id']}/events/stream"
                ) as response:
                    await response.aread()
                events = (await client.get(f"/api/jobs/{job['job_id']}/events")).json()["events"]
                scaffold = next(
                    e
                    for e in events
                    if e["type"] == "build.stage.completed" and e["stage"] == "scaffold"
                )
                first = next(e for e in events if e["type"] == "documentation.updated")
                gaps.append(_ts(first["ts"]) - _ts(scaffold["ts"]))
    return gaps


async def _streaming() -> dict[str, float]:
    brief = derive_brief("A booking app for independent dog walkers")
    text = offline_answer(Task("docs", brief.to_dict()))
    async with VendorServer() as server:
        server.script(Reply(text, tokens_per_s=TOKENS_PER_S))
        provider = create_provider(
            "openai", api_key="bench", base_url=server.openai_url, model=None, timeout_s=300
        )
        announced: list[float] = []
        clock = asyncio.get_running_loop().time
        started = clock()

        async def on_section(_: str, __: str) -> None:
            announced.append(clock() - started)

        result = await write_docs(provider, brief, on_section, timeout_s=300)
        stream_end = server.finished_at[-1] - started
        await provider.aclose()
    return {
        "sections": len(announced),
        "first_s": announced[0],
        "last_s": announced[-1],
        "stream_s": stream_end,
        "status_complete": float(result.status == "complete"),
    }


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as folder:
        gaps = asyncio.run(_offline_first_section(Path(folder)))
    streaming = asyncio.run(_streaming())
    return {
        "offline_median_ms": statistics.median(gaps) * 1000,
        "offline_max_ms": max(gaps) * 1000,
        **streaming,
    }
