"""A build's user guide: as JSON sections, and as Markdown and PDF downloads."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Response

from livebuild.core.clock import as_utc, utcnow
from livebuild.core.errors import Conflict
from livebuild.guide.export import docs_markdown, docs_pdf
from livebuild.guide.render import markdown_html
from livebuild.guide.sections import CHANGELOG, SECTIONS
from livebuild.services import Services
from livebuild.store.blobs import BlobStoreError
from livebuild.store.db.models import Job, Project
from livebuild.store.repository import version_label
from livebuild.web.auth import JobDep, ServicesDep

router = APIRouter(prefix="/api/jobs", tags=["documentation"])


def _status(services: Services, job: Job) -> str:
    return job.docs_status if services.docs is not None else "disabled"


@router.get("/{job_id}/docs")
async def get_docs(job: JobDep, services: ServicesDep) -> dict[str, Any]:
    sections = await services.repository.doc_sections(job.id)
    keys = (*SECTIONS, CHANGELOG)
    return {
        "status": _status(services, job),
        **{key: sections.get(key) for key in keys},
        # The same sections as sanitised HTML, for pages that show them.
        "html": {key: markdown_html(sections[key]) for key in keys if sections.get(key)},
    }


async def _guide(services: Services, job: Job) -> tuple[Project, dict[str, str | None], str | None]:
    sections = await services.repository.doc_sections(job.id)
    if not any(sections.get(key) for key in SECTIONS):
        raise Conflict("The user guide isn't written yet. It will be ready with your app.")
    project = await services.repository.get_project(job.project_id, job.owner_id)
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


@router.get("/{job_id}/docs.md")
async def download_markdown(job: JobDep, services: ServicesDep) -> Response:
    project, sections, changelog = await _guide(services, job)
    text = docs_markdown(project.name, version_label(job.version), _date(job), sections, changelog)
    return _attachment(text, "text/markdown; charset=utf-8", _filename(project.name, job, "md"))


@router.get("/{job_id}/docs.pdf")
async def download_pdf(job: JobDep, services: ServicesDep) -> Response:
    project, sections, changelog = await _guide(services, job)
    accent = str(project.brief.get("theme", {}).get("primary", "#4f46e5"))
    pdf = await asyncio.to_thread(
        docs_pdf,
        project.name,
        version_label(job.version),
        _date(job),
        sections,
        changelog,
        await _latest_picture(services, job),
        accent=accent,
    )
    return _attachment(pdf, "application/pdf", _filename(project.name, job, "pdf"))


def _date(job: Job) -> datetime:
    return as_utc(job.finished_at) if job.finished_at else utcnow()


async def _latest_picture(services: Services, job: Job) -> bytes | None:
    snapshots = await services.repository.snapshots(job.id)
    if not snapshots:
        return None
    try:
        return await services.blobs.get(snapshots[-1].key)
    except BlobStoreError:
        return None  # the guide is still worth having without its picture
