"""Projects and the builds started on them."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, status

from livebuild.brief import Brief, derive_brief
from livebuild.core.urls import build_path, version_label
from livebuild.safety.redact import redact_secrets
from livebuild.web.auth import PrincipalDep, ProjectDep
from livebuild.web.deps import PreviewsDep, QueueDep, RepositoryDep, SettingsDep
from livebuild.web.quotas import build_quota, project_quota
from livebuild.web.responses import CHANGES, errors
from livebuild.web.schemas import BuildCreate, ProjectCreate, job_json, project_json
from livebuild.web.views.jobs import preview_url_of

router = APIRouter(prefix="/api/projects", tags=["projects"])

MAX_PAGE = 100
MAX_OFFSET = 1_000_000


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(project_quota)],
    responses=errors(*CHANGES, 422, 429),
)
async def create_project(
    body: ProjectCreate, principal: PrincipalDep, repository: RepositoryDep
) -> dict[str, Any]:
    idea, brief = await asyncio.to_thread(_brief_of, body.idea, body.name)
    project = await repository.create_project(
        principal.user_id, brief.product_name, idea, brief.to_dict()
    )
    return project_json(project)


def _brief_of(idea: str, name: str | None) -> tuple[str, Brief]:
    # Whatever the idea or name holds by mistake (a key, a password) must not reach the app,
    # the narration, the guide or the project page; a long idea costs milliseconds of CPU,
    # which is why this runs beside the event loop rather than on it.
    idea = redact_secrets(idea)
    return idea, derive_brief(idea, redact_secrets(name) if name else None)


@router.get("", responses=errors(422))
async def list_projects(
    principal: PrincipalDep,
    repository: RepositoryDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Projects per page.")] = MAX_PAGE,
    offset: Annotated[
        int, Query(ge=0, le=MAX_OFFSET, description="Projects to skip, newest first.")
    ] = 0,
) -> dict[str, Any]:
    # One more than asked tells whether another page exists without counting them all.
    found = await repository.list_projects(principal.user_id, limit=limit + 1, offset=offset)
    following = f"/api/projects?limit={limit}&offset={offset + limit}"
    return {
        "projects": [project_json(project) for project in found[:limit]],
        "next": following if len(found) > limit else None,
    }


@router.get("/{project_id}", responses=errors(404))
async def get_project(
    project: ProjectDep, repository: RepositoryDep, previews: PreviewsDep, settings: SettingsDep
) -> dict[str, Any]:
    jobs = await repository.jobs_of_project(project.id)
    return {
        **project_json(project),
        "builds": [
            job_json(job, preview_url=preview_url_of(previews, settings, job)) for job in jobs
        ],
    }


@router.post(
    "/{project_id}/builds",
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[Depends(build_quota)],
    responses=errors(*CHANGES, 404, 409, 422, 429),
)
async def start_build(
    project: ProjectDep,
    principal: PrincipalDep,
    repository: RepositoryDep,
    queue: QueueDep,
    settings: SettingsDep,
    body: BuildCreate | None = None,
) -> dict[str, Any]:
    change = body.change_request if body is not None else None
    if change:
        # Stored redacted, so the model, the narration and the changelog only ever see this.
        change = await asyncio.to_thread(redact_secrets, change)
    job = await repository.create_job(project.id, principal.user_id, change)
    queue.submit(job.id)
    return {
        "job_id": job.id,
        "project_id": project.id,
        "version": version_label(job.version),
        "status": job.status,
        "build_url": settings.base_url + build_path(project.id, job.id),
    }
