"""A finished build's app: woken up to open it, or downloaded to run anywhere."""

from __future__ import annotations

import asyncio
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Response

from livebuild.brief import Brief
from livebuild.core.errors import NotFound
from livebuild.core.stages import Stage
from livebuild.core.urls import version_label
from livebuild.engine.carry_renames import SHIPPED, rename_history
from livebuild.engine.waking import app_dir
from livebuild.store.db.models import Job
from livebuild.store.repository import Repository
from livebuild.store.versions import app_paths
from livebuild.web.auth import JobDep
from livebuild.web.deps import (
    PreviewAddressDep,
    RepositoryDep,
    SettingsDep,
    VersionsDep,
    WakerDep,
)
from livebuild.web.responses import CHANGES, errors

router = APIRouter(prefix="/api/jobs", tags=["builds"])


def _zip(workspace: Path, folder: str, renames: str) -> bytes:
    """The files the version holds (never its data, caches or hidden files), in `folder`,
    with the renames between its versions that its start-up makes over older data."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in app_paths(workspace):
            if path.relative_to(workspace).as_posix() == SHIPPED:
                continue
            archive.write(path, f"{folder}/{path.relative_to(workspace).as_posix()}")
        archive.writestr(f"{folder}/{SHIPPED}", renames)
    return buffer.getvalue()


async def _history(repository: Repository, job: Job, fallback: dict[str, Any]) -> str:
    """The renames from the project's first ready version up to `job`."""
    jobs = await repository.jobs_of_project(job.project_id)
    ready = [j for j in jobs if j.status == Stage.READY.value and j.version < job.version]
    plans = [(j.version, Brief.from_dict(j.brief or fallback)) for j in [*ready, job]]
    return await asyncio.to_thread(rename_history, plans)


@router.get("/{job_id}/app.zip", responses=errors(404, 409))
async def download_app(
    job: JobDep, repository: RepositoryDep, settings: SettingsDep, versions: VersionsDep
) -> Response:
    workspace = await app_dir(settings, versions, job)
    project = await repository.get_project(job.project_id, job.owner_id)
    slug = re.sub(r"[^a-z0-9]+", "-", project.name.lower()).strip("-") or "app"
    folder = f"{slug}-{version_label(job.version)}"
    renames = await _history(repository, job, project.brief)
    body = await asyncio.to_thread(_zip, workspace, folder, renames)
    return Response(
        body,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{folder}.zip"'},
    )


@router.post("/{job_id}/preview", responses=errors(*CHANGES, 404, 409))
async def wake_preview(job: JobDep, waker: WakerDep, address: PreviewAddressDep) -> dict[str, Any]:
    """Start the finished app again if it has gone to sleep, and say where it runs."""
    if not job.preview_token:
        raise NotFound("preview")
    await waker.wake(job)
    return {"job_id": job.id, "preview_url": address.url(job.preview_token)}
