"""The pages a founder opens in a browser: start, build and deploy.

They are rendered once on the server; everything live comes from the public API,
which the page's script talks to.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from livebuild.appgen.spec import build_spec
from livebuild.brief import Brief
from livebuild.brief.change_intents import people
from livebuild.brief.english_layer import MISSING
from livebuild.brief.schema import FIELD_KINDS, KIND_NAMES
from livebuild.core.stages import STAGE_INFO, Stage
from livebuild.core.urls import shown_label, version_label
from livebuild.guide.sections import ALL_TITLES
from livebuild.settings import Settings
from livebuild.store.db.models import Job, Project
from livebuild.store.repository import Repository
from livebuild.web.auth import (
    Build,
    JobDep,
    Principal,
    PrincipalDep,
    ProjectDep,
    owned_build,
    owned_job,
)
from livebuild.web.change_outcome import change_outcome
from livebuild.web.deps import GuideDep, NotifierDep, RepositoryDep, SettingsDep
from livebuild.web.picture_address import shown_picture
from livebuild.web.schemas import CHANGE_MAX, IDEA_MAX, NAME_MAX, project_json
from livebuild.web.stats import build_stats
from livebuild.web.templating import templates

router = APIRouter(include_in_schema=False)

MAX_LISTED = 30
IDEA_LINE_MAX = 140


def sleep_after(settings: Settings) -> str:
    """How long a finished app stays awake without visitors, in words."""
    minutes = max(1, round(settings.sandbox_keepalive_s / 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def first_line(idea: str) -> str:
    line = next((part.strip() for part in idea.splitlines() if part.strip()), "")
    return line if len(line) <= IDEA_LINE_MAX else line[: IDEA_LINE_MAX - 1].rstrip() + "…"


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


def _build_label(job: Job) -> str:
    stage = Stage(job.status)
    if stage is Stage.READY:
        return "Ready"
    if stage is Stage.FAILED and job.change_request:
        # Declined or failed, the app is as it was: no build of a new version "stopped"
        # (its chip says "Not made": it took no version number).
        return "The app is as it was"
    return STAGE_INFO[stage].label


def _latest(jobs: list[Job]) -> Job | None:
    """The version the project is at: its newest build that didn't stop (running or ready),
    else its newest; a change that wasn't made is not the latest version."""
    standing = [job for job in jobs if job.status != Stage.FAILED.value] or jobs
    return standing[-1] if standing else None


def _build_link(job: Job) -> dict[str, str]:
    stage = Stage(job.status)
    label = _build_label(job)
    return {
        "url": f"/projects/{job.project_id}/build?job_id={job.id}",
        "version": shown_label(job.version, job.status),
        "label": label,
        "tone": _tone(stage),
    }


def _build_links(jobs: list[Job]) -> list[dict[str, str]]:
    """A project's builds, newest first, for its card: the changes that weren't made are one
    entry (the newest), so a few declined requests don't crowd out the versions that run."""
    declined = [j for j in jobs if j.status == Stage.FAILED.value and j.change_request]
    links = []
    for job in reversed(jobs):
        if declined and job in declined and job is not declined[-1]:
            continue
        link = _build_link(job)
        if declined and job is declined[-1] and len(declined) > 1:
            link["label"] = f"{len(declined)} changes; the app is as it was"
        links.append(link)
    return links


async def _project_cards(principal: Principal, repository: Repository) -> list[dict[str, Any]]:
    projects: list[dict[str, Any]] = []
    for project in await repository.list_projects(principal.user_id, limit=MAX_LISTED):
        jobs = await repository.jobs_of_project(project.id)
        pictured = next((job for job in reversed(jobs) if job.snapshot_url), None)
        latest = _latest(jobs)
        ready = [job for job in jobs if job.status == Stage.READY.value]
        projects.append(
            {
                "id": project.id,
                "name": project.name,
                "idea": first_line(project.idea),
                "created": project.created_at.strftime("%d %b %Y"),
                "builds": _build_links(jobs),
                "latest": _build_link(latest) if latest else None,
                # Every build stopped: no version exists yet, so none is called "latest".
                "unmade": bool(jobs) and all(job.status == Stage.FAILED.value for job in jobs),
                "latest_ready": version_label(ready[-1].version) if ready else None,
                "draft": not jobs,
                "building": project.active_job_id is not None,
                "open_url": f"/projects/{project.id}",
                "picture": shown_picture(pictured.snapshot_url) if pictured else None,
                "picture_link": _build_link(pictured)["url"] if pictured else None,
            }
        )
    return projects


# The kinds the plan editor offers a field, as the founder reads them ("Yes/no"); a link is
# offered per list the plan keeps, so it is left out here.
FIELD_CHOICES = [[k, KIND_NAMES[k].capitalize()] for k in FIELD_KINDS if k != "link"]


async def _start(
    request: Request,
    principal: Principal,
    repository: Repository,
    draft: dict[str, Any] | None = None,
) -> HTMLResponse:
    context = {
        "projects": await _project_cards(principal, repository),
        "idea_max": IDEA_MAX,
        "name_max": NAME_MAX,
        "draft": draft,
        "field_kinds": FIELD_CHOICES,
        "english_missing": MISSING,
    }
    return templates.TemplateResponse(request, "start.html", context)


@router.get("/", response_class=HTMLResponse)
async def start_page(
    request: Request, principal: PrincipalDep, repository: RepositoryDep
) -> HTMLResponse:
    return await _start(request, principal, repository)


@router.get("/projects", include_in_schema=False)
async def projects_page() -> RedirectResponse:
    """The projects are listed on the start page."""
    return RedirectResponse("/", status_code=303)


@router.get("/jobs/{job_id}", include_in_schema=False)
@router.get("/jobs/{job_id}/{rest:path}", include_in_schema=False)
async def job_page(job: JobDep, rest: str = "") -> RedirectResponse:
    """A build's address as the API names it opens its page."""
    return RedirectResponse(_build_link(job)["url"], status_code=303)


@router.get("/projects/{project_id}", response_class=HTMLResponse)
async def project_page(
    request: Request, project: ProjectDep, principal: PrincipalDep, repository: RepositoryDep
) -> Response:
    """A built project opens at its latest version; a draft opens its plan where it was."""
    jobs = await repository.jobs_of_project(project.id)
    if jobs:
        return RedirectResponse(_build_link(_latest(jobs) or jobs[-1])["url"], status_code=303)
    return await _start(request, principal, repository, draft=project_json(project))


async def _owned(
    project: Project, job_id: str, principal: Principal, repository: Repository
) -> Build:
    return await owned_build(project, await owned_job(job_id, principal, repository))


def _about_build(build: Build, settings: Settings) -> dict[str, Any]:
    """What the build and deploy pages both show of a build."""
    return {
        "name": build.project.name,
        "version": version_label(build.job.version),
        "job_id": build.job.id,
        "project_id": build.project.id,
        "state": layout_state(build.job),
        "sleep_after": sleep_after(settings),
    }


@router.get("/projects/{project_id}/build", response_class=HTMLResponse)
async def build_page(
    request: Request,
    project: ProjectDep,
    principal: PrincipalDep,
    repository: RepositoryDep,
    settings: SettingsDep,
    notifier: NotifierDep,
    guide: GuideDep,
    job_id: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    if job_id is None:
        return RedirectResponse(f"/projects/{project.id}", status_code=303)
    build = await _owned(project, job_id, principal, repository)
    job = build.job
    context = {
        "outcome": change_outcome(job, await repository.jobs_of_project(project.id)),
        # The offline writer counts tokens to pace itself; no model spent them.
        "tokens": settings.runner != "offline",
        **_about_build(build, settings),
        "email": notifier.available,
        "previews": settings.screenshots_enabled,
        "docs": guide is not None,
        "sections": list(ALL_TITLES.items()),
        "stats": build_stats(job),
        "open_url": f"/projects/{project.id}/deploy?job_id={job.id}",
        "change_max": CHANGE_MAX,
        "change_example": change_example(job.brief or project.brief),
    }
    return templates.TemplateResponse(request, "build.html", context)


def change_example(brief: dict[str, Any]) -> str:
    """The change box's example, about this app's own records of people (else its first)."""
    plan = Brief.from_dict(brief)
    name = people(plan).singular.lower() if plan.entities else "record"
    return f"Add a phone number to each {name}, and use a dark theme."


@router.get("/projects/{project_id}/deploy", response_class=HTMLResponse)
async def deploy_page(
    request: Request,
    project: ProjectDep,
    principal: PrincipalDep,
    repository: RepositoryDep,
    settings: SettingsDep,
    job_id: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    if job_id is None:
        return RedirectResponse(f"/projects/{project.id}", status_code=303)
    build = await _owned(project, job_id, principal, repository)
    latest = await repository.latest_ready(project.id)
    context = {
        **_about_build(build, settings),
        "ready": build.job.status == Stage.READY.value,
        # The records live in the app at its own address: its latest ready version's kinds.
        "kinds": _kinds(latest.brief if latest is not None else None),
        "records_version": version_label(latest.version) if latest is not None else None,
    }
    return templates.TemplateResponse(request, "deploy.html", context)


def _kinds(brief: dict[str, Any] | None) -> list[dict[str, str]]:
    if brief is None:
        return []
    return [
        {"slug": str(e["slug"]), "plural": str(e["plural"])}
        for e in build_spec(Brief.from_dict(brief)).entities
    ]
