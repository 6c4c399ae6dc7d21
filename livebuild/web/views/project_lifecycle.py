"""A project as a place: a draft's idea replanned in place, a copy from any version, and
deletion of everything a project holds."""

from __future__ import annotations

import asyncio
import logging
import shutil
from typing import Any

from fastapi import APIRouter, Depends, Response, status

from livebuild.brief.plan import make_plan
from livebuild.core.errors import Conflict, NotFound
from livebuild.core.stages import NON_TERMINAL, Stage
from livebuild.core.urls import build_path, version_label
from livebuild.engine.iterate import parse_version
from livebuild.engine.read_ahead import read_change_ahead
from livebuild.safety.redact import redact_secrets
from livebuild.screenshots.blur import blurred_key
from livebuild.screenshots.timelapse import timelapse_key
from livebuild.store.blobs import BlobStore
from livebuild.store.blobs.base import BlobStoreError
from livebuild.store.project_lifecycle import (
    ALREADY_BUILT,
    Removed,
    delete_project,
    digests_in_use,
    replace_idea,
)
from livebuild.store.repository import Repository
from livebuild.store.versions import blob_key
from livebuild.web.auth import PrincipalDep, ProjectDep
from livebuild.web.deps import (
    BlobsDep,
    PlannerDep,
    PreviewsDep,
    QueueDep,
    RepositoryDep,
    SettingsDep,
)
from livebuild.web.quotas import build_quota, project_quota
from livebuild.web.responses import CHANGES, errors
from livebuild.web.schemas import ProjectDuplicate, ProjectIdea, project_json

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/projects", tags=["projects"])


@router.put("/{project_id}/idea", responses=errors(*CHANGES, 404, 409, 422))
async def new_idea(
    body: ProjectIdea,
    project: ProjectDep,
    principal: PrincipalDep,
    repository: RepositoryDep,
    settings: SettingsDep,
    planner: PlannerDep,
) -> dict[str, Any]:
    """A new idea for a plan not built yet: the same project, planned afresh."""
    if project.builds_started:
        raise Conflict(ALREADY_BUILT)
    idea = await asyncio.to_thread(redact_secrets, body.idea)
    brief = await make_plan(
        idea, None, planner, timeout_s=settings.plan_timeout_s, judged=settings.plan_kind_judge
    )
    updated = await replace_idea(
        repository,
        project.id,
        principal.user_id,
        name=brief.product_name,
        idea=idea,
        brief=brief.to_dict(),
    )
    read_change_ahead(settings, planner, updated.brief, project.id)
    return project_json(updated)


@router.post(
    "/{project_id}/duplicate",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(project_quota), Depends(build_quota)],
    responses=errors(*CHANGES, 404, 409, 422, 429),
)
async def duplicate(
    project: ProjectDep,
    principal: PrincipalDep,
    repository: RepositoryDep,
    queue: QueueDep,
    settings: SettingsDep,
    body: ProjectDuplicate | None = None,
) -> dict[str, Any]:
    """A new project whose plan, files and records are that version's (the latest ready one
    by default): its v0.1 is that version brought over as it was, records and all."""
    if body is not None and body.version is not None:
        source = await repository.job_by_version(project.id, parse_version(body.version))
        if source is None:
            raise NotFound("version")
        if source.status != Stage.READY.value:
            raise Conflict(
                f"{version_label(source.version)} didn't finish; pick a version that is ready."
            )
    else:
        source = await repository.latest_ready(project.id)
        if source is None:
            raise Conflict("Nothing is built yet; build this project first, or start a new one.")
    label = version_label(source.version)
    copy = await repository.create_project(
        principal.user_id,
        project.name,
        project.idea,
        source.brief if source.brief is not None else project.brief,
    )
    made = f"Copied from {project.name} {label}, with its files and records."
    job = await repository.create_job(
        copy.id,
        principal.user_id,
        None,
        brief=source.brief if source.brief is not None else project.brief,
        base_job_id=source.id,
        # A version 1 brought over from another project: its files are used as they are.
        restored_from=source.version,
        change_notes={"made": [made], "unmade": [], "suggestion": None},
    )
    await queue.submit(job.id)
    copy = await repository.get_project(copy.id, principal.user_id)
    return {
        **project_json(copy),
        "copied_from": {"project_id": project.id, "version": label},
        "job_id": job.id,
        "build_url": settings.base_url + build_path(copy.id, job.id),
    }


@router.delete(
    "/{project_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(*CHANGES, 404, 409),
)
async def remove(
    project: ProjectDep,
    principal: PrincipalDep,
    repository: RepositoryDep,
    blobs: BlobsDep,
    previews: PreviewsDep,
    settings: SettingsDep,
) -> Response:
    removed = await delete_project(repository, project.id, principal.user_id)
    for job_id in removed.job_ids:
        await previews.stop(job_id)
        await asyncio.to_thread(shutil.rmtree, settings.workspaces_dir / job_id, ignore_errors=True)
    await _clear_blobs(repository, blobs, removed)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


async def _clear_blobs(repository: Repository, blobs: BlobStore, removed: Removed) -> None:
    keys: list[str] = []
    for job_id, pictures in removed.snapshots.items():
        keys += [picture.key for picture in pictures]
        keys += [blurred_key(picture.key) for picture in pictures]  # a share link's copies
        if pictures:
            keys += [timelapse_key(job_id, pictures), timelapse_key(job_id, pictures, blur=True)]
    # App files are shared by content with other versions and projects. While any build
    # runs, one may be about to name a file it found already stored: those wait.
    if not await repository.jobs_in(NON_TERMINAL):
        kept = await digests_in_use(repository)
        gone = {d for manifest in removed.manifests for d in manifest.values()} - kept
        keys += [blob_key(digest) for digest in sorted(gone)]
    for key in keys:
        try:
            await blobs.delete(key)
        except BlobStoreError as error:
            log.warning("a deleted project's file stays behind: %s", error)
