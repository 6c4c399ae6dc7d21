"""Who is asking: the local user, or the owner of a bearer token or session cookie."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from livebuild.core.errors import NotFound, Unauthorized
from livebuild.settings import AuthMode
from livebuild.store.db.models import Job, Project
from livebuild.store.repository import LOCAL_USER_ID
from livebuild.web.cookies import SESSION_COOKIE
from livebuild.web.deps import RepositoryDep, SettingsDep


@dataclass(frozen=True)
class Principal:
    user_id: str


def _presented_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(SESSION_COOKIE)


async def current_principal(
    request: Request, settings: SettingsDep, repository: RepositoryDep
) -> Principal:
    if settings.auth_mode is AuthMode.LOCAL:
        return Principal(LOCAL_USER_ID)
    token = _presented_token(request)
    user = await repository.user_for_token(token) if token else None
    if user is None:
        raise Unauthorized("Please sign in with your livebuild access token.")
    return Principal(user.id)


PrincipalDep = Annotated[Principal, Depends(current_principal)]


async def owned_project(
    project_id: str, principal: PrincipalDep, repository: RepositoryDep
) -> Project:
    return await repository.get_project(project_id, principal.user_id)


async def owned_job(job_id: str, principal: PrincipalDep, repository: RepositoryDep) -> Job:
    return await repository.get_job(job_id, principal.user_id)


ProjectDep = Annotated[Project, Depends(owned_project)]
JobDep = Annotated[Job, Depends(owned_job)]


@dataclass(frozen=True)
class Build:
    project: Project
    job: Job


async def owned_build(project: ProjectDep, job: JobDep) -> Build:
    """A project and one of its jobs, both the principal's; 404 for anything else."""
    # Owning both is not enough: a job of another project would show under this one.
    if job.project_id != project.id:
        raise NotFound("build")
    return Build(project, job)
