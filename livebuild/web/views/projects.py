"""Projects and the builds started on them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from livebuild.brief import derive_brief
from livebuild.core.urls import build_path, version_label
from livebuild.safety.redact import redact_secrets
from livebuild.web.auth import PrincipalDep, ProjectDep
from livebuild.web.deps import (
    PreviewAddressDep,
    PreviewsDep,
    QueueDep,
    RepositoryDep,
    SettingsDep,
)
from livebuild.web.schemas import BuildCreate, ProjectCreate, job_json, project_json
from livebuild.web.views.jobs import preview_url_of

router = APIRouter(prefix="/api/projects", tags=["projects"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_project(
    body: ProjectCreate, principal: PrincipalDep, repository: RepositoryDep
) -> dict[str, Any]:
    # Whatever the idea holds by mistake (a key, a password) must not reach the app,
    # the narration or the guide built from it.
    brief = derive_brief(redact_secrets(body.idea), body.name)
    project = await repository.create_project(
        principal.user_id, brief.product_name, body.idea, brief.to_dict()
    )
    return project_json(project)


@router.get("")
async def list_projects(principal: PrincipalDep, repository: RepositoryDep) -> dict[str, Any]:
    projects = await repository.list_projects(principal.user_id)
    return {"projects": [project_json(project) for project in projects]}


@router.get("/{project_id}")
async def get_project(
    project: ProjectDep,
    repository: RepositoryDep,
    previews: PreviewsDep,
    address: PreviewAddressDep,
) -> dict[str, Any]:
    jobs = await repository.jobs_of_project(project.id)
    return {
        **project_json(project),
        "builds": [
            job_json(job, preview_url=preview_url_of(previews, address, job)) for job in jobs
        ],
    }


@router.post("/{project_id}/builds", status_code=status.HTTP_202_ACCEPTED)
async def start_build(
    project: ProjectDep,
    principal: PrincipalDep,
    repository: RepositoryDep,
    queue: QueueDep,
    settings: SettingsDep,
    body: BuildCreate | None = None,
) -> dict[str, Any]:
    change = body.change_request if body is not None else None
    job = await repository.create_job(project.id, principal.user_id, change)
    queue.submit(job.id)
    return {
        "job_id": job.id,
        "project_id": project.id,
        "version": version_label(job.version),
        "status": job.status,
        "build_url": settings.base_url + build_path(project.id, job.id),
    }
