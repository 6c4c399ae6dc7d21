"""Old preview links on livebuild's own origin lead to the preview's own origin.

The app itself is never served here: its pages would share livebuild's cookies.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from livebuild.core.errors import NotFound
from livebuild.web.auth import JobDep, ProjectDep
from livebuild.web.deps import PreviewAddressDep, RepositoryDep, WakerDep

router = APIRouter(tags=["preview"], include_in_schema=False)

_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


@router.api_route("/preview/{job_id}", methods=_METHODS)
@router.api_route("/preview/{job_id}/{path:path}", methods=_METHODS)
async def preview(
    request: Request, job: JobDep, address: PreviewAddressDep, path: str = ""
) -> RedirectResponse:
    if not job.preview_token:
        raise NotFound("preview")
    query = request.url.query
    target = address.url(job.preview_token) + path + (f"?{query}" if query else "")
    return RedirectResponse(target, status_code=307)


@router.api_route("/app/{project_id}", methods=["GET", "HEAD"])
@router.api_route("/app/{project_id}/{path:path}", methods=["GET", "HEAD"])
async def stable_app(
    request: Request,
    project: ProjectDep,
    repository: RepositoryDep,
    waker: WakerDep,
    address: PreviewAddressDep,
    path: str = "",
) -> RedirectResponse:
    """The project's app at one address for good: its latest ready version, woken if asleep."""
    job = await repository.latest_ready(project.id)
    if job is None or not job.preview_token:
        raise NotFound("app")
    await waker.wake(job)
    query = request.url.query
    target = address.url(job.preview_token) + path + (f"?{query}" if query else "")
    return RedirectResponse(target, status_code=307)


def app_url(base_url: str, project_id: str) -> str:
    """The stable address of a project's app (see `stable_app`)."""
    return f"{base_url.rstrip('/')}/app/{project_id}/"
