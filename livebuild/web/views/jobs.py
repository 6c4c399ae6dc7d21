"""A build's status, event history and technical logs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from livebuild.build.previews import Previews
from livebuild.core.clock import iso
from livebuild.core.events import MAX_EVENT_ID
from livebuild.core.urls import preview_url
from livebuild.settings import Settings
from livebuild.store.db.models import Job
from livebuild.web.auth import JobDep
from livebuild.web.deps import EventsDep, PreviewsDep, RepositoryDep, SettingsDep
from livebuild.web.responses import errors
from livebuild.web.schemas import job_json

router = APIRouter(prefix="/api/jobs", tags=["builds"])

MAX_EVENTS_PAGE = 10_000


def preview_url_of(previews: Previews, settings: Settings, job: Job) -> str | None:
    """Where the job's app answers now, or None while it sleeps."""
    if previews.get(job.id) is None:
        return None
    return preview_url(settings.base_url, job.id)


@router.get("/{job_id}", responses=errors(404))
async def get_job(job: JobDep, previews: PreviewsDep, settings: SettingsDep) -> dict[str, Any]:
    return job_json(job, preview_url=preview_url_of(previews, settings, job))


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
