"""Old preview links on livebuild's own origin lead to the preview's own origin.

The app itself is never served here: its pages would share livebuild's cookies.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from livebuild.core.errors import NotFound
from livebuild.web.auth import JobDep
from livebuild.web.deps import PreviewAddressDep

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
