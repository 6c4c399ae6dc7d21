"""The records of a project's hosted app as CSV: export a kind, or import a spreadsheet into it.

The app itself (its latest ready version, woken if asleep) does the work through its
own `/<kind>.csv`, so an import is checked and saved exactly as in the app's import page.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from livebuild.appgen.spec import build_spec
from livebuild.brief import Brief
from livebuild.core.errors import Conflict, NotFound, Unavailable
from livebuild.core.urls import CLUSTER_KEY_HEADER, worker_relay_path
from livebuild.store.db.models import Job
from livebuild.web.auth import ProjectDep
from livebuild.web.deps import ClusterKeyDep, PreviewsDep, RepositoryDep, WakerDep
from livebuild.web.responses import CHANGES, errors

router = APIRouter(prefix="/api/projects", tags=["projects"])

NO_APP = "Your app has no ready version yet; its records can be exported once it is built."
NOT_ANSWERING = "Your app didn't answer. Please try again in a moment."
_TIMEOUT = httpx.Timeout(120.0, connect=5.0)
# The one route whose body may be a whole spreadsheet (LIVEBUILD_MAX_IMPORT_BYTES).
IMPORT_PATH = re.compile(r"/api/projects/[^/]+/data/[^/]+\.csv")


async def _app_base(
    project_id: str,
    slug: str,
    repository: RepositoryDep,
    waker: WakerDep,
    previews: PreviewsDep,
    cluster_key: str,
) -> tuple[str, dict[str, str]]:
    """Where the project's latest ready app answers, after checking it keeps `slug`, and the
    headers that reach it (a worker's relay answers only with the cluster key)."""
    job: Job | None = await repository.latest_ready(project_id)
    if job is None:
        raise Conflict(NO_APP)
    if job.brief is None or slug not in {
        e["slug"] for e in build_spec(Brief.from_dict(job.brief)).entities
    }:
        raise NotFound("record kind")
    await waker.wake(job)
    local = previews.address(job.id)
    if local is not None:
        return local.url, {}
    worker = previews.elsewhere(job.worker_address)
    if worker is None:
        raise Unavailable(NOT_ANSWERING)
    return worker + worker_relay_path(job.id), {CLUSTER_KEY_HEADER: cluster_key}


async def _call(method: str, url: str, **kwargs: Any) -> httpx.Response:
    try:
        async with httpx.AsyncClient(timeout=_TIMEOUT, follow_redirects=False) as client:
            return await client.request(method, url, **kwargs)
    except httpx.HTTPError as error:
        raise Unavailable(NOT_ANSWERING) from error


@router.get("/{project_id}/data/{slug}.csv", responses=errors(404, 409))
async def export_records(
    project: ProjectDep,
    slug: str,
    repository: RepositoryDep,
    waker: WakerDep,
    previews: PreviewsDep,
    key: ClusterKeyDep,
) -> Response:
    base, headers = await _app_base(project.id, slug, repository, waker, previews, key)
    answer = await _call("GET", f"{base}/{slug}.csv", headers=headers)
    if answer.status_code != 200:
        raise Unavailable(NOT_ANSWERING)
    return Response(
        answer.content,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{slug}.csv"'},
    )


@router.post("/{project_id}/data/{slug}.csv", responses=errors(*CHANGES, 404, 409, 422))
async def import_records(
    request: Request,
    project: ProjectDep,
    slug: str,
    repository: RepositoryDep,
    waker: WakerDep,
    previews: PreviewsDep,
    key: ClusterKeyDep,
) -> JSONResponse:
    """All rows or none: 200 {"imported": n}, or 422 {"detail", "rows": [{"row", "message"}]}."""
    body = await request.body()
    base, headers = await _app_base(project.id, slug, repository, waker, previews, key)
    answer = await _call(
        "POST", f"{base}/{slug}.csv", content=body, headers={**headers, "Content-Type": "text/csv"}
    )
    try:
        result = answer.json()
    except ValueError as error:
        raise Unavailable(NOT_ANSWERING) from error
    if answer.status_code == 200 and isinstance(result.get("imported"), int):
        return JSONResponse({"imported": result["imported"]})
    if answer.status_code == 422 and isinstance(result, dict):
        rows = [
            {"row": int(r["row"]), "message": str(r["message"])}
            for r in result.get("rows", [])
            if isinstance(r, dict) and "row" in r and "message" in r
        ]
        return JSONResponse({"detail": str(result.get("detail", "")), "rows": rows}, 422)
    raise Unavailable(NOT_ANSWERING)
