"""A shared build, as anyone with its link sees it: read-only, no sign-in.

Everything the page shows is reached through the link's token, never through
the owner's session, so revoking the link closes all of it at once.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse

from livebuild.core.errors import NotFound
from livebuild.core.stages import Stage
from livebuild.core.urls import version_label
from livebuild.guide.rendered import rendered_sections
from livebuild.guide.sections import ALL_TITLES
from livebuild.screenshots.blur import blurred_key, blurred_or_none
from livebuild.store.blobs import BlobStore, BlobStoreError
from livebuild.store.db.models import Job
from livebuild.web.deps import BlobsDep, RepositoryDep, SharesDep
from livebuild.web.stats import build_stats
from livebuild.web.templating import templates
from livebuild.web.views.timelapse import timelapse_response

router = APIRouter(prefix="/s/{token}", include_in_schema=False)

# The token is in the address: it must not travel on to anywhere the page links.
_PRIVATE = {"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow"}


async def shared_job(token: str, shares: SharesDep) -> Job:
    job = await shares.job_for(token) if len(token) <= 64 else None
    if job is None or job.status != Stage.READY.value:
        raise NotFound("shared app")
    return job


SharedJobDep = Annotated[Job, Depends(shared_job)]


def pictures_blurred(job: Job) -> bool:
    """Whether the build's pictures are blurred for anyone with its link: a fresh first
    version's are of its sample records, but a later version's, and a duplicate's first, are
    taken of the app with the records the founder keeps in it (their customers' names,
    phones, addresses)."""
    return job.version > 1 or job.base_job_id is not None


async def blurred_copy(blobs: BlobStore, key: str, png: bytes) -> bytes | None:
    """The picture blurred, made once and kept beside it (a visitor can't make us redo it);
    None when the stored picture is damaged."""
    kept = blurred_key(key)
    made = await blobs.get(kept)
    if made is None:
        made = await asyncio.to_thread(blurred_or_none, png)
        if made is None:
            return None
        with contextlib.suppress(BlobStoreError):  # made again next time, if the store can't
            await blobs.put(kept, made, "image/png")
    return made


def _name(name: str) -> str:
    return name.rsplit("/", 1)[-1]


@router.get("", response_class=HTMLResponse)
async def shared_page(
    request: Request, token: str, job: SharedJobDep, repository: RepositoryDep
) -> HTMLResponse:
    project = await repository.get_project(job.project_id, job.owner_id)
    snapshots = await repository.snapshots(job.id)
    sections = await repository.doc_sections(job.id)
    frames = [f"/s/{token}/snapshots/{_name(s.key)}" for s in snapshots]
    html = await rendered_sections.many(sections)
    context = {
        "name": project.name,
        "tagline": (job.brief or {}).get("tagline", ""),
        "version": version_label(job.version),
        "stats": build_stats(job),
        "frames": frames,
        "pictures_private": pictures_blurred(job),
        "timelapse": f"/s/{token}/timelapse" if len(frames) >= 2 else None,
        "guide": [(key, title, html[key]) for key, title in ALL_TITLES.items() if key in html],
    }
    return templates.TemplateResponse(request, "share.html", context, headers=_PRIVATE)


@router.get("/snapshots/{name}")
async def shared_snapshot(
    name: str, job: SharedJobDep, repository: RepositoryDep, blobs: BlobsDep
) -> Response:
    snapshot = await repository.snapshot_by_key(job.id, f"snapshots/{job.id}/{name}")
    data = await blobs.get(snapshot.key) if snapshot is not None else None
    if snapshot is None or data is None:
        raise NotFound("picture")
    if pictures_blurred(job):
        data = await blurred_copy(blobs, snapshot.key, data)
        if data is None:  # damaged: no picture to show, said plainly, never an error
            raise NotFound("picture")
    # Cached privately only: once the link is revoked, nothing shared should linger.
    headers = {**_PRIVATE, "Cache-Control": "private, max-age=3600", "ETag": f'"{snapshot.sha256}"'}
    return Response(data, media_type="image/png", headers=headers)


@router.get("/timelapse")
async def shared_timelapse(
    job: SharedJobDep, repository: RepositoryDep, blobs: BlobsDep
) -> Response:
    response = await timelapse_response(repository, blobs, job, blur=pictures_blurred(job))
    response.headers.update(_PRIVATE)
    return response
