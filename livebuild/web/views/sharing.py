"""Issuing, listing and revoking a finished build's read-only links."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status

from livebuild.core.clock import iso
from livebuild.core.errors import Conflict, NotFound
from livebuild.core.stages import Stage
from livebuild.web.auth import JobDep
from livebuild.web.deps import SettingsDep, SharesDep
from livebuild.web.responses import CHANGES, errors

router = APIRouter(prefix="/api/jobs", tags=["sharing"])

TOKEN_MAX = 64


def share_path(token: str) -> str:
    return f"/s/{token}"


@router.post(
    "/{job_id}/share", status_code=status.HTTP_201_CREATED, responses=errors(*CHANGES, 404, 409)
)
async def share_build(job: JobDep, shares: SharesDep, settings: SettingsDep) -> dict[str, Any]:
    if job.status != Stage.READY.value:
        raise Conflict("You can share your app once it's built.")
    token = await shares.create(job.id)
    return {"url": settings.base_url + share_path(token), "token": token}


@router.get("/{job_id}/shares", responses=errors(404))
async def live_shares(job: JobDep, shares: SharesDep, settings: SettingsDep) -> dict[str, Any]:
    """The build's links that still open, oldest first; a link made before livebuild kept
    addresses has `url` and `token` null (stopping all sharing revokes it)."""
    return {
        "shares": [
            {
                "url": settings.base_url + share_path(link.token) if link.token else None,
                "token": link.token,
                "created_at": iso(link.created_at),
            }
            for link in await shares.live(job.id)
        ]
    }


@router.delete(
    "/{job_id}/share",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(*CHANGES, 404),
)
async def stop_sharing(job: JobDep, shares: SharesDep) -> Response:
    await shares.revoke(job.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete(
    "/{job_id}/shares/{token}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(*CHANGES, 404),
)
async def revoke_link(job: JobDep, token: str, shares: SharesDep) -> Response:
    if len(token) > TOKEN_MAX or not await shares.revoke_one(job.id, token):
        raise NotFound("link")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
