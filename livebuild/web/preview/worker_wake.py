"""A worker's internal wake-up: an API process asks it to start a finished build's app.

Like the relay, it listens on the worker's internal address only: the API process
has already checked that the founder owns the build.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from livebuild.core.urls import worker_wake_path
from livebuild.web.deps import RepositoryDep, WakerDep

router = APIRouter(include_in_schema=False)


@router.post(worker_wake_path("{job_id}"))
async def wake(job_id: str, repository: RepositoryDep, waker: WakerDep) -> Response:
    await waker.wake_here(await repository.get_job(job_id))
    return Response(status_code=204)
