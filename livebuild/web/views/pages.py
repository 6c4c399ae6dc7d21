"""The pages a founder opens in a browser: start, build and deploy.

They are rendered once on the server; everything live comes from the public API,
which the page's script talks to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from livebuild.core.stages import STAGE_INFO, Stage
from livebuild.core.urls import version_label
from livebuild.guide.sections import ALL_TITLES
from livebuild.store.db.models import Job
from livebuild.web.auth import BuildDep, PrincipalDep
from livebuild.web.deps import GuideDep, NotifierDep, RepositoryDep, SettingsDep
from livebuild.web.schemas import IDEA_MAX

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")

MAX_LISTED = 30


def layout_state(job: Job) -> str:
    """The build page's state as it should first paint, before the script takes over."""
    stage = Stage(job.status)
    if stage is Stage.READY:
        return "complete"
    if stage is Stage.FAILED:
        return "failed"
    return "idle" if stage is Stage.QUEUED else "building"


def _tone(stage: Stage) -> str:
    return {Stage.READY: "ok", Stage.FAILED: "stopped"}.get(stage, "running")


def _build_link(job: Job) -> dict[str, str]:
    stage = Stage(job.status)
    label = "Ready" if stage is Stage.READY else STAGE_INFO[stage].label
    return {
        "url": f"/projects/{job.project_id}/build?job_id={job.id}",
        "version": version_label(job.version),
        "label": label,
        "tone": _tone(stage),
    }


@router.get("/", response_class=HTMLResponse)
async def start_page(
    request: Request, principal: PrincipalDep, repository: RepositoryDep
) -> HTMLResponse:
    projects: list[dict[str, Any]] = []
    for project in await repository.list_projects(principal.user_id, limit=MAX_LISTED):
        jobs = await repository.jobs_of_project(project.id)
        projects.append(
            {
                "name": project.name,
                "created": project.created_at.strftime("%d %b %Y"),
                "builds": [_build_link(job) for job in reversed(jobs)],
            }
        )
    return templates.TemplateResponse(
        request, "start.html", {"projects": projects, "idea_max": IDEA_MAX}
    )


@router.get("/projects/{project_id}/build", response_class=HTMLResponse)
async def build_page(
    request: Request,
    build: BuildDep,
    settings: SettingsDep,
    notifier: NotifierDep,
    guide: GuideDep,
) -> HTMLResponse:
    project, job = build.project, build.job
    context = {
        "name": project.name,
        "version": version_label(job.version),
        "job_id": job.id,
        "project_id": project.id,
        "state": layout_state(job),
        "email": notifier.available,
        "previews": settings.screenshots_enabled,
        "docs": guide is not None,
        "sections": list(ALL_TITLES.items()),
    }
    return templates.TemplateResponse(request, "build.html", context)


@router.get("/projects/{project_id}/deploy", response_class=HTMLResponse)
async def deploy_page(request: Request, build: BuildDep) -> HTMLResponse:
    project, job = build.project, build.job
    context = {
        "name": project.name,
        "version": version_label(job.version),
        "job_id": job.id,
        "project_id": project.id,
        "ready": job.status == Stage.READY.value,
        "state": layout_state(job),
    }
    return templates.TemplateResponse(request, "deploy.html", context)
