"""A project's life beyond its builds: a new idea for an unbuilt plan, and deletion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from livebuild.core.errors import Conflict
from livebuild.store.db.models import Job, Project, Snapshot
from livebuild.store.repository import Repository, _idle_project, _refuse

BUILDING = "This project is being built. Wait for the build to finish, then delete it."
ALREADY_BUILT = (
    "This project has been built, so its idea stays as it is. Ask for a change to the "
    "app instead, or start a new project."
)


@dataclass(frozen=True)
class Removed:
    """What a deleted project left outside the database, for the caller to clear."""

    job_ids: list[str]
    snapshots: dict[str, list[Snapshot]]
    manifests: list[dict[str, str]]


async def replace_idea(
    repository: Repository,
    project_id: str,
    owner_id: str,
    *,
    name: str,
    idea: str,
    brief: dict[str, Any],
) -> Project:
    """A draft's new idea and plan, in place; refused once a build was ever started."""
    async with repository.sessions.begin() as session:
        saved = (
            await session.execute(
                _idle_project(project_id, owner_id)
                .where(Project.builds_started == 0)
                .values(name=name, idea=idea, brief=brief)
                .returning(Project.id)
            )
        ).scalar()
        if saved is None:
            project = await session.get(Project, project_id)
            if project is not None and project.owner_id == owner_id and project.builds_started:
                raise Conflict(ALREADY_BUILT)
            await _refuse(session, project_id, owner_id, BUILDING)
    return await repository.get_project(project_id, owner_id)


async def delete_project(repository: Repository, project_id: str, owner_id: str) -> Removed:
    """Delete the project and every row of its builds (events, logs, pictures, guide,
    shares and notifications go with their build); refused while a build runs."""
    async with repository.sessions.begin() as session:
        # The guarded update holds the row, so a build can't be claimed while it goes.
        held = (
            await session.execute(
                _idle_project(project_id, owner_id).values(name=Project.name).returning(Project.id)
            )
        ).scalar()
        if held is None:
            await _refuse(session, project_id, owner_id, BUILDING)
        jobs = (
            await session.execute(select(Job.id, Job.manifest).where(Job.project_id == project_id))
        ).all()
        job_ids = [job_id for job_id, _ in jobs]
        pictures: dict[str, list[Snapshot]] = {job_id: [] for job_id in job_ids}
        query = select(Snapshot).where(Snapshot.job_id.in_(job_ids)).order_by(Snapshot.id)
        for snapshot in (await session.execute(query)).scalars():
            pictures[snapshot.job_id].append(snapshot)
        await session.execute(delete(Job).where(Job.project_id == project_id))
        await session.execute(delete(Project).where(Project.id == project_id))
    return Removed(job_ids, pictures, [manifest for _, manifest in jobs if manifest])


async def digests_in_use(repository: Repository) -> set[str]:
    """Every file every remaining version still needs."""
    async with repository.sessions() as session:
        manifests = (
            await session.execute(select(Job.manifest).where(Job.manifest.is_not(None)))
        ).scalars()
        return {digest for manifest in manifests for digest in (manifest or {}).values()}
