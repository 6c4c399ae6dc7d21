"""Issuing and revoking a finished build's read-only link."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status

from livebuild.core.errors import Conflict
from livebuild.core.stages import Stage
from livebuild.web.auth import JobDep
from livebuild.web.deps import SettingsDep, SharesDep

router = APIRouter(prefix="/api/jobs", tags=["sharing"])


def share_path(token: str) -> str:
    return f"/s/{token}"


@router.post("/{job_id}/share", status_code=status.HTTP_201_CREATED)
async def share_build(job: JobDep, shares: SharesDep, settings: SettingsDep) -> dict[str, Any]:
    if job.status != Stage.READY.value:
        raise Conflict("You can share your app once it's built.")
    token = await shares.create(job.id)
    return {"url": settings.base_url + share_path(token), "token": token}


@router.delete("/{job_id}/share", status_code=status.HTTP_204_NO_CONTENT)
async def stop_sharing(job: JobDep, shares: SharesDep) -> Response:
    await shares.revoke(job.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
