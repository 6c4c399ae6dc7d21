"""Projects and the builds started on them."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, status

from livebuild.brief import Brief
from livebuild.brief.model_change import ChangeReader, read_and_make
from livebuild.brief.plan import make_plan
from livebuild.brief.validate import merge_plan
from livebuild.core.errors import Conflict, Unprocessable
from livebuild.core.urls import build_path, version_label
from livebuild.engine.iterate import NextVersion, plan_change, plan_restore, refuse_repeat
from livebuild.engine.read_ahead import read_change_ahead
from livebuild.safety.redact import redact_secrets
from livebuild.store.repository import PLAN_LOCKED
from livebuild.web.auth import PrincipalDep, ProjectDep
from livebuild.web.deps import (
    CarrierDep,
    PlannerDep,
    PreviewAddressDep,
    PreviewsDep,
    QueueDep,
    ReadsRequestsDep,
    RepositoryDep,
    SettingsDep,
)
from livebuild.web.quotas import build_quota, project_quota
from livebuild.web.responses import CHANGES, errors
from livebuild.web.schemas import (
    BuildCreate,
    PlanChange,
    ProjectCreate,
    ProjectPatch,
    job_json,
    project_json,
)
from livebuild.web.views.jobs import preview_url_of
from livebuild.web.views.preview_redirect import app_url

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
    body: ProjectCreate,
    principal: PrincipalDep,
    repository: RepositoryDep,
    settings: SettingsDep,
    planner: PlannerDep,
) -> dict[str, Any]:
    # Whatever the idea or name holds by mistake (a key, a password) must not reach the app,
    # the narration, the guide or the project page; redacting a long idea costs CPU, so it
    # runs beside the event loop.
    idea = await asyncio.to_thread(redact_secrets, body.idea)
    name = await asyncio.to_thread(redact_secrets, body.name) if body.name else None
    brief = await make_plan(
        idea, name, planner, timeout_s=settings.plan_timeout_s, judged=settings.plan_kind_judge
    )
    project = await repository.create_project(
        principal.user_id, brief.product_name, idea, brief.to_dict()
    )
    # The plan page's "fix it in plain words" reads against this plan: read its prompt ahead.
    read_change_ahead(settings, planner, project.brief, project.id)
    return project_json(project)


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
    project: ProjectDep,
    repository: RepositoryDep,
    previews: PreviewsDep,
    address: PreviewAddressDep,
    settings: SettingsDep,
) -> dict[str, Any]:
    jobs = await repository.jobs_of_project(project.id)
    by_id = {job.id: job for job in jobs}
    ready = any(job.status == "ready" for job in jobs)
    return {
        **project_json(project),
        # One address for the app and its data across versions: its latest ready version.
        "app_url": app_url(settings.base_url, project.id) if ready else None,
        "builds": [
            job_json(
                job,
                preview_url=preview_url_of(previews, address, job),
                base=by_id.get(job.base_job_id) if job.base_job_id else None,
            )
            for job in jobs
        ],
    }


@router.patch("/{project_id}", responses=errors(*CHANGES, 404, 409, 422))
async def update_plan(
    body: ProjectPatch,
    project: ProjectDep,
    principal: PrincipalDep,
    repository: RepositoryDep,
    settings: SettingsDep,
    planner: PlannerDep,
) -> dict[str, Any]:
    """Correct the plan: each top-level key of `brief` that is present replaces the old one."""
    if project.active_job_id is not None:
        raise Conflict(PLAN_LOCKED)
    current = Brief.from_dict(project.brief)
    # Cleaning and redacting every name is linear but not free: keep it off the event loop.
    merged = await asyncio.to_thread(merge_plan, current, body.brief or {}, body.name)
    # Keys this version doesn't know stay as they were.
    brief = {**project.brief, **merged.to_dict()}
    updated = await repository.update_plan(
        project.id, principal.user_id, merged.product_name, brief
    )
    read_change_ahead(settings, planner, updated.brief, project.id)
    return project_json(updated)


@router.post("/{project_id}/plan-change", responses=errors(*CHANGES, 404, 409, 422))
async def change_plan(
    body: PlanChange,
    project: ProjectDep,
    principal: PrincipalDep,
    repository: RepositoryDep,
    settings: SettingsDep,
    planner: PlannerDep,
) -> dict[str, Any]:
    """Correct the plan in plain words: the request is read into changes of the plan (by the
    configured model, else the rules), each checked as a hand-made correction would be;
    `change_result` says what was made, what wasn't, what we were unsure of, and who read it."""
    if project.active_job_id is not None:
        raise Conflict(PLAN_LOCKED)
    request = await asyncio.to_thread(redact_secrets, body.change_request)
    result = await read_and_make(
        planner,
        Brief.from_dict(project.brief),
        request,
        target=body.target,
        timeout_s=settings.change_timeout_s,
        rules_first=settings.change_rules_first,
    )
    updated = project
    if result.made:
        # Keys this version doesn't know stay as they were.
        brief = {**project.brief, **result.brief.to_dict()}
        updated = await repository.update_plan(
            project.id, principal.user_id, result.brief.product_name, brief
        )
        read_change_ahead(settings, planner, updated.brief, project.id)
    return {**project_json(updated), "change_result": result.notes()}


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
    planner: PlannerDep,
    carrier: CarrierDep,
    reads_requests: ReadsRequestsDep,
    body: BuildCreate | None = None,
) -> dict[str, Any]:
    if body is not None and body.restore is not None:
        if body.change_request is not None:
            raise Unprocessable("Ask for a change or restore a version, not both at once.")
        plan = await plan_restore(repository, project, body.restore, carrier.reachable)
    elif body is not None and body.change_request is not None:
        # Stored redacted, so the model, the narration and the changelog only ever see this.
        change = await asyncio.to_thread(redact_secrets, body.change_request)
        await refuse_repeat(repository, project, change, body.target)
        reader = ChangeReader(
            planner, settings.change_timeout_s, body.target, settings.change_rules_first
        )
        plan = await plan_change(
            repository,
            project,
            change,
            reader,
            carrier.reachable,
            body.target,
            reads_requests=reads_requests,
        )
    else:
        plan = NextVersion()
    try:
        job = await repository.create_job(
            project.id,
            principal.user_id,
            plan.change_request,
            brief=plan.brief,
            base_job_id=plan.base_job_id,
            restored_from=plan.restored_from,
            change_notes=plan.change_notes,
        )
    except Conflict:
        if plan.change_request is not None:  # sent twice at once: the other one started it
            now = await repository.get_project(project.id, principal.user_id)
            await refuse_repeat(repository, now, plan.change_request, body.target if body else None)
        raise
    await queue.submit(job.id)
    return {
        "job_id": job.id,
        "project_id": project.id,
        "version": version_label(job.version),
        "status": job.status,
        "build_url": settings.base_url + build_path(project.id, job.id),
    }
