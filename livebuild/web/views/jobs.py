"""A build's status, event history and technical logs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from livebuild.build.pipeline import preview_path
from livebuild.core.clock import iso
from livebuild.services import Services
from livebuild.store.db.models import Job
from livebuild.web.auth import JobDep, ServicesDep
from livebuild.web.schemas import job_json

router = APIRouter(prefix="/api/jobs", tags=["builds"])

MAX_EVENTS_PAGE = 10_000


def preview_url_of(services: Services, job: Job) -> str | None:
    if services.previews.get(job.id) is None:
        return None
    return f"{services.settings.base_url}{preview_path(job.id)}/"


@router.get("/{job_id}")
async def get_job(job: JobDep, services: ServicesDep) -> dict[str, Any]:
    return job_json(job, preview_url=preview_url_of(services, job))


@router.get("/{job_id}/events")
async def list_events(
    job: JobDep,
    services: ServicesDep,
    after: Annotated[int, Query(ge=0, description="Only events with a larger id.")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_EVENTS_PAGE)] = MAX_EVENTS_PAGE,
) -> Response:
    events = await services.events.read(job.id, after, limit)
    # Stored events are already their JSON text: join them rather than parse and re-encode.
    body = '{"events":[' + ",".join(event.data for event in events) + "]}"
    return Response(body, media_type="application/json")


@router.get("/{job_id}/logs")
async def get_logs(job: JobDep, services: ServicesDep) -> dict[str, Any]:
    lines = await services.repository.log_lines(job.id)
    return {"lines": [f"{iso(ts)} {line}" for ts, line in lines]}
