"""A worker's internal wake-up: an API process asks it to start a finished build's app.

Like the relay, it answers only callers with the cluster key: the API process
has already checked that the founder owns the build.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from livebuild.core.urls import worker_wake_path
from livebuild.web.deps import RepositoryDep, WakerDep
from livebuild.web.preview.cluster_only import cluster_caller

router = APIRouter(include_in_schema=False, dependencies=[Depends(cluster_caller)])


@router.post(worker_wake_path("{job_id}"))
async def wake(job_id: str, repository: RepositoryDep, waker: WakerDep) -> Response:
    await waker.wake_here(await repository.get_job(job_id))
    return Response(status_code=204)
