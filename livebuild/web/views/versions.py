"""A project's versions, and what each one changed against the version it was built from."""

from __future__ import annotations

import difflib
from typing import Any

from fastapi import APIRouter

from livebuild.brief import Brief
from livebuild.brief.plan_diff import describe_changes
from livebuild.core.clock import iso
from livebuild.core.errors import Conflict
from livebuild.core.stages import Stage
from livebuild.core.urls import shown_label, version_label
from livebuild.store.db.models import Job
from livebuild.store.versions import Manifest, VersionStore
from livebuild.web.auth import JobDep, ProjectDep
from livebuild.web.deps import RepositoryDep, VersionsDep
from livebuild.web.picture_address import shown_picture
from livebuild.web.schemas import tried_on

router = APIRouter(tags=["versions"])

# A diff longer than this is cut: the founder's page shows a summary, not a patch file.
MAX_DIFF_CHARS = 100_000


def summary(job: Job, base: Job | None) -> list[str]:
    """What this version changed, in plain words: restored, or the real plan differences.

    Only a ready version changed anything: one still building or failed claims nothing.
    """
    notes = job.change_notes or {}
    not_done = [f"Not done: {line}" for line in notes.get("unmade") or []]
    if job.status != Stage.READY.value:
        return not_done
    if job.restored_from is not None and job.version == 1:
        return list(notes.get("made") or [])  # copied from another project's version
    if job.restored_from is not None:
        return [f"Brought back {version_label(job.restored_from)} exactly as it was"]
    if base is None:
        return [] if job.version > 1 else ["The first version"]
    if notes.get("reported"):
        # A model that answered the request says itself what it made; the planner's
        # reading of the request is only a guess at that.
        return list(notes.get("made") or []) + not_done
    if job.brief is None or base.brief is None:
        return []
    lines = describe_changes(Brief.from_dict(base.brief), Brief.from_dict(job.brief))
    lines = lines or list(notes.get("made") or [])
    return lines + not_done


@router.get("/api/projects/{project_id}/versions")
async def list_versions(project: ProjectDep, repository: RepositoryDep) -> dict[str, Any]:
    jobs = await repository.jobs_of_project(project.id)
    by_id = {job.id: job for job in jobs}
    return {
        "versions": [
            {
                # A try that wasn't made keeps the number it was asked under (the contract's
                # string); its label says "Not made" and `tried_on` names the version it was
                # tried on, since the next version made takes that number.
                "version": version_label(job.version),
                "tried_on": tried_on(job, by_id.get(job.base_job_id or "")),
                "label": shown_label(job.version, job.status),
                "job_id": job.id,
                "status": job.status,
                "change_request": job.change_request,
                "restored_from": (
                    version_label(job.restored_from)
                    if job.restored_from and job.version > 1
                    else None
                ),
                "copied": job.restored_from is not None and job.version == 1,
                "summary": summary(job, by_id.get(job.base_job_id or "")),
                "snapshot_url": shown_picture(job.snapshot_url),
                "created_at": iso(job.created_at),
            }
            for job in jobs
        ]
    }


def _text(data: bytes) -> list[str]:
    return data.decode("utf-8", "replace").splitlines(keepends=True)


async def _file_diffs(
    versions: VersionStore, before: Manifest, after: Manifest
) -> list[dict[str, str]]:
    files: list[dict[str, str]] = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        status = "added" if old is None else "removed" if new is None else "modified"
        old_lines = _text(await versions.read(old)) if old else []
        new_lines = _text(await versions.read(new)) if new else []
        diff = "".join(
            difflib.unified_diff(
                old_lines,
                new_lines,
                fromfile="/dev/null" if old is None else f"a/{path}",
                tofile="/dev/null" if new is None else f"b/{path}",
            )
        )
        files.append({"path": path, "status": status, "diff": diff[:MAX_DIFF_CHARS]})
    return files


@router.get("/api/jobs/{job_id}/diff")
async def get_diff(job: JobDep, repository: RepositoryDep, versions: VersionsDep) -> dict[str, Any]:
    base = await repository.get_job(job.base_job_id) if job.base_job_id else None
    if base is None and job.version > 1:
        base = await repository.previous_build(job.project_id, job.version)
    if job.manifest is None:
        raise Conflict("This version's changes can be shown once it is ready.")
    try:
        files = await _file_diffs(versions, base.manifest or {} if base else {}, job.manifest)
    except FileNotFoundError as error:
        raise Conflict("Some of this version's files are no longer stored.") from error
    return {
        "base_version": version_label(base.version) if base else None,
        "summary": summary(job, base),
        "files": files,
    }
