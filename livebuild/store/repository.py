"""Database access for projects and their builds (jobs); users and build records mix in.

Every lookup a request makes is scoped to its owner: another user's project
looks exactly like a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import Update, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from livebuild.core.clock import utcnow
from livebuild.core.errors import Conflict, NotFound, TransitionRefused
from livebuild.core.guide_status import GuideStatus
from livebuild.core.ids import new_id
from livebuild.core.preview_address import new_preview_token
from livebuild.core.stages import NON_TERMINAL, TRANSITIONS, Stage
from livebuild.store.build_records import BuildRecords
from livebuild.store.db.engine import session_factory
from livebuild.store.db.models import (
    Job,
    Project,
)
from livebuild.store.db.patience import made_again
from livebuild.store.deliveries import still_this_delivery, this_delivery
from livebuild.store.leases import JobLeases
from livebuild.store.stage_writes import guarded_move
from livebuild.store.users import LOCAL_USER_ID, UserRecords, hash_token

__all__ = ["LOCAL_USER_ID", "PLAN_LOCKED", "Repository", "TransitionOutcome", "hash_token"]

PLAN_LOCKED = (
    "Your app is being built from this plan right now. You can change it once the build finishes."
)


@dataclass(frozen=True)
class TransitionOutcome:
    previous: Stage
    current: Stage


BUILD_RUNNING = "This project is already being built. Wait for it to finish, then try again."


def _idle_project(project_id: str, owner_id: str) -> Update:
    """An update of the owner's project that takes only while none of its builds runs."""
    return update(Project).where(
        Project.id == project_id,
        Project.owner_id == owner_id,
        Project.active_job_id.is_(None),
    )


async def _refuse(session: AsyncSession, project_id: str, owner_id: str, busy: str) -> NoReturn:
    """Why a guarded update took nothing: not the owner's project, or a build of it runs."""
    project = await session.get(Project, project_id)
    if project is None or project.owner_id != owner_id:
        raise NotFound("project")
    raise Conflict(busy)


async def _made_already(session: AsyncSession, job_id: str, target: Stage) -> bool:
    """Whether a move made again already took: its first commit went through, only the
    answer was lost with the connection, and this run's build is at `target`."""
    if not made_again():
        return False
    query = select(Job.status).where(Job.id == job_id, this_delivery(job_id))
    return (await session.execute(query)).scalar() == target.value


class Repository(UserRecords, BuildRecords):
    """Every record livebuild keeps, by concept: users (`store/users.py`), what a build
    leaves behind (`store/build_records.py`), and here projects and their builds."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessions: async_sessionmaker[AsyncSession] = session_factory(engine)
        self.leases = JobLeases(self.sessions)

    # projects

    async def create_project(
        self, owner_id: str, name: str, idea: str, brief: dict[str, Any]
    ) -> Project:
        project = Project(
            id=new_id(),
            owner_id=owner_id,
            name=name,
            idea=idea,
            brief=brief,
            created_at=utcnow(),
            builds_started=0,
        )
        async with self.sessions.begin() as session:
            session.add(project)
        return project

    async def get_project(self, project_id: str, owner_id: str) -> Project:
        async with self.sessions() as session:
            project = await session.get(Project, project_id)
        if project is None or project.owner_id != owner_id:
            raise NotFound("project")
        return project

    async def update_plan(
        self, project_id: str, owner_id: str, name: str, brief: dict[str, Any]
    ) -> Project:
        """Store a corrected plan, unless a build of the project is running."""
        async with self.sessions.begin() as session:
            # Guarded like create_job: a build claimed between reading the project and
            # saving the plan must not see its brief change under it.
            saved = (
                await session.execute(
                    _idle_project(project_id, owner_id)
                    .values(name=name, brief=brief)
                    .returning(Project.id)
                )
            ).scalar()
            if saved is None:
                await _refuse(session, project_id, owner_id, PLAN_LOCKED)
        return await self.get_project(project_id, owner_id)

    async def list_projects(
        self, owner_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Project]:
        """Newest first; the id breaks ties so pages never repeat or skip a project."""
        async with self.sessions() as session:
            query = (
                select(Project)
                .where(Project.owner_id == owner_id)
                .order_by(Project.created_at.desc(), Project.id.desc())
                .offset(offset)
                .limit(limit)
            )
            return list((await session.execute(query)).scalars())

    # jobs

    async def create_job(
        self,
        project_id: str,
        owner_id: str,
        change_request: str | None,
        *,
        brief: dict[str, Any] | None = None,
        base_job_id: str | None = None,
        restored_from: int | None = None,
        change_notes: dict[str, Any] | None = None,
    ) -> Job:
        """A queued job; `brief` (a change's or a restore's plan) replaces the project's."""
        job_id = new_id()
        async with self.sessions.begin() as session:
            # One guarded update claims the project and numbers the version, so two
            # racing requests can never both start a build.
            claimed = (
                await session.execute(
                    _idle_project(project_id, owner_id)
                    .values(active_job_id=job_id, builds_started=Project.builds_started + 1)
                    .returning(Project.builds_started, Project.brief)
                )
            ).first()
            if claimed is None:
                await _refuse(session, project_id, owner_id, BUILD_RUNNING)
            job = Job(
                id=job_id,
                project_id=project_id,
                owner_id=owner_id,
                version=await _next_number(session, project_id),
                status=Stage.QUEUED.value,
                change_request=change_request,
                brief=brief if brief is not None else claimed.brief,
                base_job_id=base_job_id,
                restored_from=restored_from,
                change_notes=change_notes,
                preview_token=new_preview_token(),
                attempt=1,
                created_at=utcnow(),
                last_event_id=0,
                tokens=0,
                docs_status=GuideStatus.PENDING,
            )
            session.add(job)
        return job

    async def get_job(self, job_id: str, owner_id: str | None = None) -> Job:
        """The job; with `owner_id`, only if that user owns it."""
        async with self.sessions() as session:
            job = await session.get(Job, job_id)
        if job is None or (owner_id is not None and job.owner_id != owner_id):
            raise NotFound("build")
        return job

    async def job_for_preview(self, token: str) -> Job | None:
        """The job whose preview capability URL carries `token`; no owner is needed."""
        async with self.sessions() as session:
            query = select(Job).where(Job.preview_token == token)
            return (await session.execute(query)).scalar()

    async def jobs_of_project(self, project_id: str) -> list[Job]:
        async with self.sessions() as session:
            query = (
                select(Job)
                .where(Job.project_id == project_id)
                .order_by(Job.version, Job.created_at)
            )
            return list((await session.execute(query)).scalars())

    async def latest_ready(self, project_id: str) -> Job | None:
        async with self.sessions() as session:
            query = (
                select(Job)
                .where(Job.project_id == project_id, Job.status == Stage.READY.value)
                .order_by(Job.version.desc())
                .limit(1)
            )
            return (await session.execute(query)).scalar()

    async def job_by_version(self, project_id: str, version: int) -> Job | None:
        """The version of that number: the one made, if a change that wasn't made tried it too."""
        async with self.sessions() as session:
            query = (
                select(Job)
                .where(Job.project_id == project_id, Job.version == version)
                .order_by(Job.status == Stage.FAILED.value, Job.created_at.desc())
                .limit(1)
            )
            return (await session.execute(query)).scalar()

    async def set_project_brief(self, project_id: str, brief: dict[str, Any]) -> None:
        async with self.sessions.begin() as session:
            if not await still_this_delivery(session):
                return  # a build's run that was given up no longer speaks for the project
            await session.execute(
                update(Project).where(Project.id == project_id).values(brief=brief)
            )

    async def jobs_in(self, stages: frozenset[Stage]) -> list[Job]:
        async with self.sessions() as session:
            query = (
                select(Job)
                .where(Job.status.in_([s.value for s in stages]))
                .order_by(Job.created_at)
            )
            return list((await session.execute(query)).scalars())

    async def transition(
        self, job_id: str, target: Stage, expected: Stage, **fields: Any
    ) -> TransitionOutcome:
        """Move the job from `expected` to `target` atomically.

        Raises NotFound for an unknown job and TransitionRefused when the job is
        not in `expected` or the table does not allow the move.
        """
        if target not in TRANSITIONS[expected]:
            raise TransitionRefused(expected.value, target.value)
        async with self.sessions.begin() as session:
            moved = (await session.execute(guarded_move(job_id, target, expected, fields))).scalar()
            if moved is None and not await _made_already(session, job_id, target):
                raise await self._refusal(session, job_id, target)
        return TransitionOutcome(previous=expected, current=target)

    async def fail(
        self,
        job_id: str,
        message: str,
        debug_id: str,
        *,
        lease_expired: bool = False,
        delivery: int | None = None,
    ) -> Stage | None:
        """End a job that is still running as failed; None when it had already ended.

        With `lease_expired`, only a run that is under way and whose lease has run out at
        this moment: a worker that renewed it since a sweeper looked keeps its build, and
        a build another sweeper queued to run again meanwhile (it has no lease while it
        waits) stays queued. With `delivery`, only while that run is the build's.
        """
        now = utcnow()
        async with self.sessions.begin() as session:
            previous = (await session.execute(select(Job.status).where(Job.id == job_id))).scalar()
            if previous is None:
                raise NotFound("build")
            still = [
                Job.id == job_id,
                Job.status.in_([s.value for s in NON_TERMINAL]),
                this_delivery(job_id),
            ]
            if lease_expired:
                still.append(or_(Job.lease_expires_at.is_(None), Job.lease_expires_at < now))
                still.append(Job.status != Stage.QUEUED.value)
            if delivery is not None:
                still.append(Job.delivery == delivery)
            moved = (
                await session.execute(
                    update(Job)
                    .where(*still)
                    .values(
                        status=Stage.FAILED.value,
                        finished_at=now,
                        error_message=message,
                        debug_id=debug_id,
                    )
                    .returning(Job.project_id)
                )
            ).scalar()
            if moved is None:
                return None
            await self._release_project(session, moved, job_id)
        return Stage(previous)

    async def finish(self, job_id: str, **fields: Any) -> None:
        async with self.sessions.begin() as session:
            project_id = (
                await session.execute(
                    update(Job)
                    .where(
                        Job.id == job_id, Job.status == Stage.CHECKS.value, this_delivery(job_id)
                    )
                    .values(status=Stage.READY.value, finished_at=utcnow(), **fields)
                    .returning(Job.project_id)
                )
            ).scalar()
            if project_id is None:
                if await _made_already(session, job_id, Stage.READY):
                    return
                raise await self._refusal(session, job_id, Stage.READY)
            await self._release_project(session, project_id, job_id)

    @staticmethod
    async def _refusal(session: AsyncSession, job_id: str, target: Stage) -> Exception:
        """Why a guarded update moved nothing: the job is missing, or elsewhere."""
        current = (await session.execute(select(Job.status).where(Job.id == job_id))).scalar()
        if current is None:
            return NotFound("build")
        return TransitionRefused(current, target.value)

    @staticmethod
    async def _release_project(session: AsyncSession, project_id: str, job_id: str) -> None:
        await session.execute(
            update(Project)
            .where(Project.id == project_id, Project.active_job_id == job_id)
            .values(active_job_id=None)
        )

    async def add_tokens(self, job_id: str, tokens: int) -> None:
        async with self.sessions.begin() as session:
            await session.execute(
                update(Job)
                .where(Job.id == job_id, this_delivery(job_id))
                .values(tokens=Job.tokens + tokens)
            )

    async def update_job(self, job_id: str, **fields: Any) -> None:
        """Set fields of the build; from a run that was given up, nothing."""
        async with self.sessions.begin() as session:
            await session.execute(
                update(Job).where(Job.id == job_id, this_delivery(job_id)).values(**fields)
            )

    async def previous_build(self, project_id: str, version: int) -> Job | None:
        """The newest finished build of the project before `version`."""
        async with self.sessions() as session:
            query = (
                select(Job)
                .where(
                    Job.project_id == project_id,
                    Job.version < version,
                    Job.status == Stage.READY.value,
                )
                .order_by(Job.version.desc())
                .limit(1)
            )
            return (await session.execute(query)).scalar()


async def _next_number(session: AsyncSession, project_id: str) -> int:
    """The next version's number: one after the newest that was not a failure, so a change
    that wasn't made uses up no number (older gaps stay as the founder saw them)."""
    query = select(func.max(Job.version)).where(
        Job.project_id == project_id, Job.status != Stage.FAILED.value
    )
    return int((await session.execute(query)).scalar() or 0) + 1
