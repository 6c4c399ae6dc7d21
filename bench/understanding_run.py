"""Driving the product through its public HTTP API for the understanding benchmark.

Ideas: `POST /api/projects {"idea"}` → a plan, or a refusal with a detail.
Changes: each request gets a fresh copy of its base app (created from the base idea, its plan
set by `PATCH /api/projects/{id}`), then either `POST /api/projects/{id}/plan-change` when the
product answers it (the reading alone is timed), or, where it doesn't, a v0.1 build and a change
build (`POST /api/projects/{id}/builds {"change_request"}`; the whole change build is timed) and
the plan read back from `GET /api/projects/{id}`.
"""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.understanding_changes import Outcome
from bench.understanding_plans import Answer, IdeaCase
from livebuild.settings import Settings
from livebuild.web.app import create_app

# livebuild refuses state-changing calls without it (a guard against cross-site requests).
HEADERS = {"X-Livebuild": "1"}
WAIT_S = 900.0


def bench_settings(data_dir: Path) -> Settings:
    """Settings for the run: everything about the model comes from the environment
    (LIVEBUILD_MODEL_PROVIDER and friends); pictures and the guide are off for speed."""
    return Settings(
        data_dir=data_dir,
        allowed_hosts="bench",
        screenshots_enabled=False,
        docs_enabled=False,
        projects_per_minute=100_000,
        builds_per_minute=100_000,
    )


@asynccontextmanager
async def product(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", headers=HEADERS, timeout=WAIT_S
        ) as client:
            yield client


def _detail(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return response.text[:500]
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail if isinstance(detail, str) else (str(detail) if detail else None)


async def ask_idea(client: httpx.AsyncClient, case: IdeaCase) -> Answer:
    started = time.perf_counter()
    response = await client.post("/api/projects", json={"idea": case.text})
    seconds = time.perf_counter() - started
    if response.status_code == 201:
        return Answer(201, dict(response.json()["brief"]), None, seconds)
    return Answer(response.status_code, None, _detail(response), seconds)


@dataclass(frozen=True)
class Base:
    id: str
    idea: str
    product_name: str
    tagline: str
    theme: dict[str, str]
    entities: list[dict[str, Any]]

    @classmethod
    def from_toml(cls, entry: dict[str, Any]) -> Base:
        return cls(
            id=str(entry["id"]),
            idea=str(entry["idea"]),
            product_name=str(entry["product_name"]),
            tagline=str(entry["tagline"]),
            theme={str(k): str(v) for k, v in entry["theme"].items()},
            entities=list(entry["entity"]),
        )

    def brief(self, drafted: dict[str, Any]) -> dict[str, Any]:
        """The partial plan that makes a drafted project this base app."""
        return {
            "product_name": self.product_name,
            "tagline": self.tagline,
            "theme": {**(drafted.get("theme") or {}), **self.theme},
            "entities": [
                {
                    "singular": e["singular"],
                    "plural": e["plural"],
                    "fields": [_field(f) for f in e["fields"]],
                }
                for e in self.entities
            ],
        }


def _field(f: dict[str, Any]) -> dict[str, Any]:
    name = re.sub(r"[^a-z0-9]+", "_", str(f["label"]).lower()).strip("_")
    return {
        "name": name,
        "label": f["label"],
        "kind": f["kind"],
        "choices": list(f.get("choices", [])),
    }


class SetupError(RuntimeError):
    """The base app could not be made: the benchmark can't judge changes against it."""


async def make_base(client: httpx.AsyncClient, base: Base) -> str:
    """A new project that is the base app, not yet built."""
    created = await client.post("/api/projects", json={"idea": base.idea})
    if created.status_code != 201:
        raise SetupError(f"base {base.id}: {created.status_code} {created.text[:300]}")
    project = created.json()
    await reset_base(client, base, str(project["id"]), dict(project["brief"]))
    return str(project["id"])


async def reset_base(
    client: httpx.AsyncClient, base: Base, project_id: str, drafted: dict[str, Any]
) -> None:
    """Set (or set back) an unbuilt project's plan to the base app's."""
    patch = {"name": base.product_name, "brief": base.brief(drafted)}
    patched = await client.patch(f"/api/projects/{project_id}", json=patch)
    if patched.status_code != 200:
        raise SetupError(f"base {base.id}: PATCH {patched.status_code} {patched.text[:300]}")


async def plan(client: httpx.AsyncClient, project_id: str) -> dict[str, Any]:
    response = await client.get(f"/api/projects/{project_id}")
    response.raise_for_status()
    return dict(response.json()["brief"])


async def plan_change_answers(client: httpx.AsyncClient, base: Base) -> bool:
    """Whether this product has `POST /api/projects/{id}/plan-change` (third round)."""
    project_id = await make_base(client, base)
    probe = await client.post(
        f"/api/projects/{project_id}/plan-change", json={"change_request": "add a notes field"}
    )
    return probe.status_code not in (404, 405)


async def build(
    client: httpx.AsyncClient, project_id: str, body: dict[str, Any]
) -> tuple[dict[str, Any], float]:
    """Start a build, follow it to its end; the job's status and the seconds it took."""
    started = time.perf_counter()
    response = await client.post(f"/api/projects/{project_id}/builds", json=body)
    if response.status_code != 202:
        return {"status": "refused", "detail": _detail(response)}, time.perf_counter() - started
    job_id = response.json()["job_id"]
    async with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
        await stream.aread()
    seconds = time.perf_counter() - started
    status = await client.get(f"/api/jobs/{job_id}")
    return dict(status.json()), seconds


def _said(job: dict[str, Any]) -> str:
    """What the product told the founder about a change: unmade parts, a suggestion, an error."""
    parts: list[str] = []
    result = job.get("change_result") or {}
    parts.extend(str(x) for x in result.get("unmade") or [])
    if result.get("suggestion"):
        parts.append(str(result["suggestion"]))
    error = job.get("error") or {}
    if error.get("message"):
        parts.append(str(error["message"]))
    if job.get("detail"):
        parts.append(str(job["detail"]))
    return " ".join(parts)


async def change_by_build(
    client: httpx.AsyncClient, base: Base, request: str
) -> tuple[dict[str, Any], Outcome]:
    project_id = await make_base(client, base)
    first, _ = await build(client, project_id, {})
    if first.get("status") != "ready":
        raise SetupError(f"base {base.id} did not build: {first.get('error') or first}")
    before = await plan(client, project_id)
    job, seconds = await build(client, project_id, {"change_request": request})
    after = await plan(client, project_id)
    return before, Outcome(job.get("status") == "ready", after, _said(job), seconds)


class PlanChanges:
    """Changes read by plan-change: one unbuilt project per base app, set back to the base
    before each request (so a model reads each base idea once, not once per request)."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.projects: dict[str, tuple[str, dict[str, Any]]] = {}

    async def __call__(self, base: Base, request: str) -> tuple[dict[str, Any], Outcome]:
        if base.id not in self.projects:
            project_id = await make_base(self.client, base)
            self.projects[base.id] = (project_id, await plan(self.client, project_id))
        project_id, drafted = self.projects[base.id]
        await reset_base(self.client, base, project_id, drafted)
        return await change_by_plan(self.client, project_id, request)


async def change_by_plan(
    client: httpx.AsyncClient, project_id: str, request: str
) -> tuple[dict[str, Any], Outcome]:
    before = await plan(client, project_id)
    started = time.perf_counter()
    response = await client.post(
        f"/api/projects/{project_id}/plan-change", json={"change_request": request}
    )
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        said = _detail(response) or ""
        return before, Outcome(False, await plan(client, project_id), said, seconds)
    body = response.json()
    after = dict(body.get("brief") or await plan(client, project_id))
    return before, Outcome(True, after, _said(body), seconds)
