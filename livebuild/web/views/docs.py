"""A build's user guide: as JSON sections, and as Markdown and PDF downloads."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import re
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Response

from livebuild.appgen import FIRST_REAL_LEVEL, stage_level
from livebuild.core.clock import as_utc, utcnow
from livebuild.core.errors import Conflict, NotFound
from livebuild.core.guide_status import GuideStatus
from livebuild.core.stages import Stage
from livebuild.core.urls import version_label
from livebuild.guide.export import docs_markdown, docs_pdf
from livebuild.guide.glyphs import emoji_font
from livebuild.guide.render import section_html
from livebuild.guide.rendered import rendered_sections
from livebuild.guide.sections import ALL_TITLES, CHANGELOG, SECTIONS
from livebuild.safety.markup import inert_markdown
from livebuild.safety.redact import redact_secrets
from livebuild.store.blobs import BlobStore, BlobStoreError
from livebuild.store.db.models import Job, Project
from livebuild.store.guide_edits import GuideEdits
from livebuild.store.repository import Repository
from livebuild.web.auth import JobDep
from livebuild.web.deps import BlobsDep, GuideDep, RepositoryDep
from livebuild.web.responses import CHANGES, errors
from livebuild.web.schemas import GuideEdit
from livebuild.web.views.shared import blurred_copy, pictures_blurred

router = APIRouter(prefix="/api/jobs", tags=["documentation"])


# While the writer still works, an edit could be overwritten by the section it is writing.
_STILL_WRITING = frozenset({GuideStatus.PENDING, GuideStatus.GENERATING})
# On a guide's cover in place of a picture while the app has none yet of its own pages.
STILL_BUILDING = "Your app is still being built: its picture comes with the finished guide."
# Under a later version's cover picture: guides get forwarded, and that picture may show the
# founder's own records (or none yet, and not every app keeps names or addresses).
BLURRED_COVER = (
    "The picture is blurred because it may show the records kept in your app,"
    " and guides get passed on."
)


async def guide_json(repository: Repository, job: Job, *, enabled: bool) -> dict[str, Any]:
    sections = await repository.doc_sections(job.id)
    keys = (*SECTIONS, CHANGELOG)
    return {
        "status": job.docs_status if enabled else GuideStatus.DISABLED,
        **{key: sections.get(key) for key in keys},
        # The same sections as sanitised HTML, for pages that show them: rendered once
        # per text, off the event loop.
        "html": await rendered_sections.many({key: sections.get(key) for key in keys}),
        "edited": sorted(await GuideEdits(repository).edited(job.id)),
    }


@router.get("/{job_id}/docs")
async def get_docs(job: JobDep, repository: RepositoryDep, guide: GuideDep) -> dict[str, Any]:
    return await guide_json(repository, job, enabled=guide is not None)


@router.put("/{job_id}/docs/{section}")
async def edit_section(
    section: str, body: GuideEdit, job: JobDep, repository: RepositoryDep, guide: GuideDep
) -> dict[str, Any]:
    """The founder's own wording of one section; later versions and downloads keep it."""
    if section not in ALL_TITLES:
        raise NotFound("guide section")
    if guide is None:
        raise Conflict("The user guide is switched off for this build.")
    if job.docs_status in _STILL_WRITING:
        raise Conflict("The user guide is still being written. You can edit it once it's ready.")
    # Stored as it will be shown: free of secrets, its raw HTML as text.
    text = await asyncio.to_thread(_cleaned, body.markdown)
    await GuideEdits(repository).save(job.id, section, text)
    return await guide_json(repository, job, enabled=True)


def _cleaned(markdown: str) -> str:
    return inert_markdown(redact_secrets(markdown))


@router.post("/{job_id}/docs/{section}/preview", responses=errors(*CHANGES, 404, 422))
async def preview_section(section: str, body: GuideEdit, job: JobDep) -> dict[str, str]:
    """How a section's new wording will look, sanitised as the saved one is; nothing is kept."""
    if section not in ALL_TITLES:
        raise NotFound("guide section")
    markdown = await asyncio.to_thread(_cleaned, body.markdown)
    return {"html": await asyncio.to_thread(section_html, section, markdown)}


async def _guide(
    repository: Repository, job: Job
) -> tuple[Project, dict[str, str | None], str | None]:
    sections = await repository.doc_sections(job.id)
    if not any(sections.get(key) for key in SECTIONS):
        raise Conflict("The user guide isn't written yet. It will be ready with your app.")
    project = await repository.get_project(job.project_id, job.owner_id)
    return project, {key: sections.get(key) for key in SECTIONS}, sections.get(CHANGELOG)


def _filename(name: str, job: Job, extension: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "app"
    return f"{slug}-{version_label(job.version)}-user-guide.{extension}"


def _attachment(body: bytes | str, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/{job_id}/docs.md", responses=errors(404, 409))
async def download_markdown(job: JobDep, repository: RepositoryDep) -> Response:
    project, sections, changelog = await _guide(repository, job)
    text = docs_markdown(project.name, version_label(job.version), _date(job), sections, changelog)
    return _attachment(text, "text/markdown; charset=utf-8", _filename(project.name, job, "md"))


@router.get("/{job_id}/docs.pdf", responses=errors(404, 409))
async def download_pdf(job: JobDep, repository: RepositoryDep, blobs: BlobsDep) -> Response:
    project, sections, changelog = await _guide(repository, job)
    # The version's own colours: a change to "make it dark green" prints its guide in green.
    plan = job.brief if job.brief is not None else project.brief
    accent = str((plan.get("theme") or {}).get("primary", "#4f46e5"))
    picture, note = await _cover_picture(repository, blobs, job)
    date = _date(job)
    # Made once per content: the key names everything the PDF shows, down to the day, and
    # whether emoji could be drawn (a font installed later draws them in a fresh copy).
    inputs = [project.name, str(job.version), f"{date:%Y-%m-%d}", accent, changelog or ""]
    inputs += ["emoji" if emoji_font() else "no emoji", note or ""]
    inputs += [f"{key}\0{text or ''}" for key, text in sections.items()]
    digest = hashlib.sha256("\0\0".join(inputs).encode("utf-8", "replace"))
    digest.update(picture or b"")
    key = f"guides/{job.id}/{digest.hexdigest()[:32]}.pdf"
    pdf = await _stored(blobs, key)
    if pdf is None:
        pdf = await asyncio.to_thread(
            docs_pdf,
            project.name,
            version_label(job.version),
            date,
            sections,
            changelog,
            picture,
            accent=accent,
            note=note,
        )
        with contextlib.suppress(BlobStoreError):
            await blobs.put(key, pdf, "application/pdf")
    return _attachment(pdf, "application/pdf", _filename(project.name, job, "pdf"))


async def _stored(blobs: BlobStore, key: str) -> bytes | None:
    try:
        return await blobs.get(key)
    except BlobStoreError:
        return None


def _date(job: Job) -> datetime:
    return as_utc(job.finished_at) if job.finished_at else utcnow()


async def _cover_picture(
    repository: Repository, blobs: BlobStore, job: Job
) -> tuple[bytes | None, str | None]:
    """The newest picture of the app itself, never the early "Coming soon" page taken
    before its pages were written; without one, while it builds, a line saying so. A later
    version's picture (of the founder's own records) is blurred, as on a share link, and a
    line under it says why."""
    for snapshot in reversed(await repository.snapshots(job.id)):
        if not _pictures_the_app(snapshot.stage):
            continue
        try:
            png = await blobs.get(snapshot.key)
        except BlobStoreError:
            continue  # the guide is still worth having without this picture
        if png is None or not pictures_blurred(job):
            return png, None
        try:
            cover = await blurred_copy(blobs, snapshot.key, png)
        except BlobStoreError:
            return None, None
        # A damaged picture: the guide without a cover picture, not an error.
        return (cover, BLURRED_COVER) if cover is not None else (None, None)
    building = job.status not in (Stage.READY.value, Stage.FAILED.value)
    return None, STILL_BUILDING if building else None


def _pictures_the_app(stage: str) -> bool:
    """Whether a picture taken after `stage` shows the app's pages (not a placeholder)."""
    try:
        return stage_level(Stage(stage)) >= FIRST_REAL_LEVEL
    except ValueError:
        return False
