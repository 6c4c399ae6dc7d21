"""A finished build's app: woken up to open it, or downloaded to run anywhere."""

from __future__ import annotations

import asyncio
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Response

from livebuild.core.errors import NotFound
from livebuild.core.urls import version_label
from livebuild.engine.waking import app_dir
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


def _zip(workspace: Path, folder: str) -> bytes:
    """The files the version holds (never its data, caches or hidden files), in `folder`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in app_paths(workspace):
            archive.write(path, f"{folder}/{path.relative_to(workspace).as_posix()}")
    return buffer.getvalue()


@router.get("/{job_id}/app.zip", responses=errors(404, 409))
async def download_app(
    job: JobDep, repository: RepositoryDep, settings: SettingsDep, versions: VersionsDep
) -> Response:
    workspace = await app_dir(settings, versions, job)
    project = await repository.get_project(job.project_id, job.owner_id)
    slug = re.sub(r"[^a-z0-9]+", "-", project.name.lower()).strip("-") or "app"
    folder = f"{slug}-{version_label(job.version)}"
    body = await asyncio.to_thread(_zip, workspace, folder)
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
