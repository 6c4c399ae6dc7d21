"""A build's screenshots played back as one animated picture."""

from __future__ import annotations

from fastapi import APIRouter, Response

from livebuild.core.errors import Conflict
from livebuild.screenshots.timelapse import MEDIA_TYPE, timelapse
from livebuild.store.blobs import BlobStore
from livebuild.store.db.models import Job
from livebuild.store.repository import Repository
from livebuild.web.auth import JobDep
from livebuild.web.deps import BlobsDep, RepositoryDep

router = APIRouter(tags=["builds"])

# Until the build ends its picture can still grow, so browsers ask again.
_GROWING = "private, no-cache"
_FINAL = "private, max-age=86400"


async def timelapse_response(
    repository: Repository, blobs: BlobStore, job: Job, blur: bool = False
) -> Response:
    snapshots = await repository.snapshots(job.id)
    picture = await timelapse(blobs, job.id, snapshots, blur)
    if picture is None:
        raise Conflict("The time-lapse is ready once there are two pictures of your app.")
    cache = _FINAL if job.finished_at is not None else _GROWING
    return Response(picture, media_type=MEDIA_TYPE, headers={"Cache-Control": cache})


@router.get("/api/jobs/{job_id}/timelapse")
async def get_timelapse(job: JobDep, repository: RepositoryDep, blobs: BlobsDep) -> Response:
    return await timelapse_response(repository, blobs, job)
