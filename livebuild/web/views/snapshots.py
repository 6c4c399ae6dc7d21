"""A build's screenshots: the list, and the images themselves when stored locally."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from livebuild.core.clock import iso
from livebuild.core.errors import NotFound
from livebuild.store.blobs.base import IMMUTABLE
from livebuild.web.auth import JobDep
from livebuild.web.deps import BlobsDep, RepositoryDep
from livebuild.web.picture_address import shown_picture
from livebuild.web.responses import errors

router = APIRouter(tags=["builds"])


@router.get("/api/jobs/{job_id}/snapshots", responses=errors(404))
async def list_snapshots(job: JobDep, repository: RepositoryDep) -> dict[str, Any]:
    snapshots = await repository.snapshots(job.id)
    return {
        "snapshots": [
            {
                "stage": snapshot.stage,
                "url": shown_picture(snapshot.url),
                "captured_at": iso(snapshot.captured_at),
                "width": snapshot.width,
                "height": snapshot.height,
                "size_bytes": snapshot.size_bytes,
            }
            for snapshot in snapshots
        ],
        "note": job.snapshot_note,
    }


@router.get("/blobs/snapshots/{job_id}/{name}", include_in_schema=False)
async def snapshot_image(
    name: str, job: JobDep, repository: RepositoryDep, blobs: BlobsDep
) -> Response:
    # Only keys recorded as this build's snapshots are served: nothing else in the
    # store can be reached through this route, whatever the name says.
    snapshot = await repository.snapshot_by_key(job.id, f"snapshots/{job.id}/{name}")
    if snapshot is None:
        raise NotFound("picture")
    data = await blobs.get(snapshot.key)
    if data is None:
        raise NotFound("picture")
    return Response(
        data,
        media_type="image/png",
        headers={"Cache-Control": IMMUTABLE, "ETag": f'"{snapshot.sha256}"'},
    )
