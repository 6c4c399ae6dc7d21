"""A build's status, event history and technical logs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from livebuild.core.clock import iso
from livebuild.core.events import MAX_EVENT_ID
from livebuild.core.preview_address import PreviewAddress
from livebuild.engine.previews import Previews
from livebuild.store.db.models import Job
from livebuild.web.auth import JobDep
from livebuild.web.deps import EventsDep, PreviewAddressDep, PreviewsDep, RepositoryDep
from livebuild.web.responses import errors
from livebuild.web.schemas import job_json

router = APIRouter(prefix="/api/jobs", tags=["builds"])

MAX_EVENTS_PAGE = 10_000


def preview_url_of(previews: Previews, address: PreviewAddress, job: Job) -> str | None:
    """Where the job's app answers now, or None while it sleeps."""
    # A worker process elsewhere may run it; a failed build's app was stopped.
    remote = previews.elsewhere(job.worker_address) if job.status != "failed" else None
    if (previews.get(job.id) is None and remote is None) or not job.preview_token:
        return None
    return address.url(job.preview_token)


@router.get("/{job_id}", responses=errors(404))
async def get_job(
    job: JobDep, previews: PreviewsDep, address: PreviewAddressDep, repository: RepositoryDep
) -> dict[str, Any]:
    base = await repository.get_job(job.base_job_id) if job.base_job_id is not None else None
    return job_json(job, preview_url=preview_url_of(previews, address, job), base=base)


@router.get("/{job_id}/events", responses=errors(404, 422))
async def list_events(
    job: JobDep,
    events: EventsDep,
    after: Annotated[
        int, Query(ge=0, le=MAX_EVENT_ID, description="Only events with a larger id.")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_EVENTS_PAGE)] = MAX_EVENTS_PAGE,
) -> Response:
    stored = await events.read(job.id, after, limit)
    # Stored events are already their JSON text: join them rather than parse and re-encode.
    body = '{"events":[' + ",".join(event.data for event in stored) + "]}"
    return Response(body, media_type="application/json")


@router.get("/{job_id}/logs", responses=errors(404))
async def get_logs(job: JobDep, repository: RepositoryDep) -> dict[str, Any]:
    lines = await repository.log_lines(job.id)
    return {"lines": [f"{iso(ts)} {line}" for ts, line in lines]}
