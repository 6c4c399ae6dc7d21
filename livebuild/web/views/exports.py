"""A finished build's app: woken up to open it, or downloaded to run anywhere."""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Response

from livebuild.build.previews import PreviewUnavailable
from livebuild.core.errors import Conflict, NotFound, Unavailable
from livebuild.core.stages import Stage
from livebuild.core.urls import version_label
from livebuild.settings import Settings
from livebuild.store.blobs import BlobStoreError
from livebuild.store.db.models import Job
from livebuild.store.versions import VersionStore
from livebuild.web.auth import JobDep
from livebuild.web.deps import (
    PreviewAddressDep,
    PreviewsDep,
    RepositoryDep,
    SettingsDep,
    VersionsDep,
)
from livebuild.web.responses import CHANGES, errors

router = APIRouter(prefix="/api/jobs", tags=["builds"])

# What the running app wrote for itself stays behind: its data and Python's caches.
_LEFT_OUT = frozenset({"data", "__pycache__"})


async def _app_dir(settings: Settings, versions: VersionStore, job: Job) -> Path:
    if job.status != Stage.READY.value:
        raise Conflict("Your app can be opened and downloaded once the build is ready.")
    workspace = settings.workspaces_dir / job.id / "app"
    if not (workspace / "app.py").is_file() and job.manifest is not None:
        # The workspace was cleaned up; the version's stored files bring it back.
        with contextlib.suppress(OSError, BlobStoreError):
            await versions.restore(job.manifest, workspace)
    if not (workspace / "app.py").is_file():
        raise Conflict("This build's files are no longer available. Start a new build.")
    return workspace


def _zip(workspace: Path, folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(workspace.rglob("*")):
            relative = path.relative_to(workspace)
            if not path.is_file() or path.is_symlink():
                continue
            if _LEFT_OUT & set(relative.parts) or relative.name.startswith("."):
                continue
            archive.write(path, f"{folder}/{relative.as_posix()}")
    return buffer.getvalue()


@router.get("/{job_id}/app.zip", responses=errors(404, 409))
async def download_app(
    job: JobDep, repository: RepositoryDep, settings: SettingsDep, versions: VersionsDep
) -> Response:
    workspace = await _app_dir(settings, versions, job)
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
async def wake_preview(
    job: JobDep,
    previews: PreviewsDep,
    settings: SettingsDep,
    versions: VersionsDep,
    address: PreviewAddressDep,
) -> dict[str, Any]:
    """Start the finished app again if it has gone to sleep, and say where it runs."""
    workspace = await _app_dir(settings, versions, job)
    if not job.preview_token:
        raise NotFound("preview")
    try:
        await previews.wake(
            job.id, workspace, address.base_path(job.preview_token), owner_id=job.owner_id
        )
    except PreviewUnavailable as error:
        raise Unavailable("We couldn't wake your app up. Please try again.") from error
    return {"job_id": job.id, "preview_url": address.url(job.preview_token)}
