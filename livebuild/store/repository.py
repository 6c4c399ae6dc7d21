"""Database access for users, projects, jobs, stage runs and technical logs.

Every lookup a request makes is scoped to its owner: another user's project
looks exactly like a missing one.
"""

from __future__ import annotations

import hashlib
import secrets
import statistics
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

from sqlalchemy import Update, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from livebuild.core.clock import utcnow
from livebuild.core.errors import Conflict, NotFound, TransitionRefused
from livebuild.core.guide_status import GuideStatus
from livebuild.core.ids import new_id
from livebuild.core.preview_address import new_preview_token
from livebuild.core.stages import NON_TERMINAL, STAGE_INFO, TRANSITIONS, Stage
from livebuild.store.db.engine import session_factory
from livebuild.store.db.models import (
    ApiToken,
    DocSection,
    Job,
    LogLine,
    Project,
    SigninLink,
    Snapshot,
    StageRun,
    User,
)
from livebuild.store.db.patience import patiently
from livebuild.store.deliveries import still_this_delivery, this_delivery
from livebuild.store.leases import JobLeases

LOCAL_USER_ID = "local"
ESTIMATE_WINDOW = 20
LOG_LINES_SHOWN = 2000
PLAN_LOCKED = (
    "Your app is being built from this plan right now. You can change it once the build finishes."
)


def _count(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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


class Repository:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessions: async_sessionmaker[AsyncSession] = session_factory(engine)
        self.leases = JobLeases(self.sessions)

    # users and tokens

    async def ensure_local_user(self) -> None:
        try:
            async with self.sessions.begin() as session:
                if await session.get(User, LOCAL_USER_ID) is None:
                    session.add(User(id=LOCAL_USER_ID, name="local", created_at=utcnow()))
        except IntegrityError:
            # Another process starting at the same moment made it first: that is the goal.
            pass

    async def create_user(self, name: str) -> User:
        async with self.sessions.begin() as session:
            existing = (await session.execute(select(User).where(User.name == name))).scalar()
            if existing is not None:
                raise Conflict(f"A user called {name!r} already exists.")
            user = User(id=new_id(), name=name, created_at=utcnow())
            session.add(user)
        return user

    async def list_users(self) -> list[User]:
        async with self.sessions() as session:
            return list((await session.execute(select(User).order_by(User.name))).scalars())

    async def create_token(self, user_name: str) -> str:
        token = "lb_" + secrets.token_urlsafe(32)
        async with self.sessions.begin() as session:
            user = (await session.execute(select(User).where(User.name == user_name))).scalar()
            if user is None:
                raise NotFound("user")
            session.add(
                ApiToken(token_hash=hash_token(token), user_id=user.id, created_at=utcnow())
            )
        return token

    async def revoke_access(self, user_name: str) -> tuple[int, int]:
        """End every way in of the user: tokens, browser sessions and unused sign-in links.

        Answers how many tokens and sessions, and how many links, were revoked.
        """
        async with self.sessions.begin() as session:
            user = (await session.execute(select(User).where(User.name == user_name))).scalar()
            if user is None:
                raise NotFound("user")
            tokens = await session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
            links = await session.execute(
                delete(SigninLink).where(
                    SigninLink.user_id == user.id, SigninLink.used_at.is_(None)
                )
            )
            return _count(tokens), _count(links)

    async def user_for_token(self, token: str) -> User | None:
        async with self.sessions() as session:
            query = select(User).join(ApiToken).where(ApiToken.token_hash == hash_token(token))
            return (await session.execute(query)).scalar()

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
                version=claimed.builds_started,
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
            query = select(Job).where(Job.project_id == project_id).order_by(Job.version)
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
        async with self.sessions() as session:
            query = select(Job).where(Job.project_id == project_id, Job.version == version)
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

    @patiently
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
            moved = (
                await session.execute(
                    update(Job)
                    .where(Job.id == job_id, Job.status == expected.value, this_delivery(job_id))
                    .values(status=target.value, **fields)
                    .returning(Job.id)
                )
            ).scalar()
            if moved is None:
                raise await self._refusal(session, job_id, target)
        return TransitionOutcome(previous=expected, current=target)

    @patiently
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

    @patiently
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

    @patiently
    async def update_job(self, job_id: str, **fields: Any) -> None:
        """Set fields of the build; from a run that was given up, nothing."""
        async with self.sessions.begin() as session:
            await session.execute(
                update(Job).where(Job.id == job_id, this_delivery(job_id)).values(**fields)
            )

    # stage runs and estimates

    async def estimate(self, stage: Stage) -> float:
        """Median of the recent durations of this stage, or its default before there is history."""
        async with self.sessions() as session:
            query = (
                select(StageRun.duration_s)
                .where(StageRun.stage == stage.value, StageRun.duration_s.is_not(None))
                .order_by(StageRun.id.desc())
                .limit(ESTIMATE_WINDOW)
            )
            durations = [d for d in (await session.execute(query)).scalars() if d is not None]
        if not durations:
            return STAGE_INFO[stage].default_estimate_s
        return round(statistics.median(durations), 2)

    @patiently
    async def record_stage(
        self,
        job_id: str,
        stage: Stage,
        attempt: int,
        started_at: datetime,
        duration_s: float,
        tokens: int,
    ) -> None:
        async with self.sessions.begin() as session:
            counted = (
                await session.execute(
                    update(Job)
                    .where(Job.id == job_id, this_delivery(job_id))
                    .values(tokens=Job.tokens + tokens)
                    .returning(Job.id)
                )
            ).scalar()
            if counted is None:
                return  # a run that was given up records nothing
            session.add(
                StageRun(
                    job_id=job_id,
                    stage=stage.value,
                    attempt=attempt,
                    started_at=started_at,
                    duration_s=duration_s,
                    tokens=tokens,
                )
            )

    async def stage_runs(self, job_id: str) -> list[StageRun]:
        async with self.sessions() as session:
            query = select(StageRun).where(StageRun.job_id == job_id).order_by(StageRun.id)
            return list((await session.execute(query)).scalars())

    # technical logs

    @patiently
    async def append_logs(self, job_id: str, lines: list[str]) -> None:
        if not lines:
            return
        now = utcnow()
        async with self.sessions.begin() as session:
            if await still_this_delivery(session, job_id):
                session.add_all(LogLine(job_id=job_id, ts=now, line=line) for line in lines)

    async def log_lines(self, job_id: str) -> list[tuple[datetime, str]]:
        async with self.sessions() as session:
            query = (
                select(LogLine.ts, LogLine.line)
                .where(LogLine.job_id == job_id)
                .order_by(LogLine.id.desc())
                .limit(LOG_LINES_SHOWN)
            )
            rows = (await session.execute(query)).all()
        return [(row.ts, row.line) for row in reversed(rows)]

    async def log_count(self, job_id: str) -> int:
        async with self.sessions() as session:
            query = select(func.count()).select_from(LogLine).where(LogLine.job_id == job_id)
            return int((await session.execute(query)).scalar_one())

    # snapshots

    async def add_snapshot(self, snapshot: Snapshot) -> None:
        async with self.sessions.begin() as session:
            shown = (
                await session.execute(
                    update(Job)
                    .where(Job.id == snapshot.job_id, this_delivery(snapshot.job_id))
                    .values(snapshot_url=snapshot.url)
                    .returning(Job.id)
                )
            ).scalar()
            if shown is not None:
                session.add(snapshot)

    async def snapshots(self, job_id: str) -> list[Snapshot]:
        async with self.sessions() as session:
            query = select(Snapshot).where(Snapshot.job_id == job_id).order_by(Snapshot.id)
            return list((await session.execute(query)).scalars())

    async def snapshot_by_key(self, job_id: str, key: str) -> Snapshot | None:
        async with self.sessions() as session:
            query = select(Snapshot).where(Snapshot.job_id == job_id, Snapshot.key == key)
            return (await session.execute(query)).scalar()

    # documentation

    async def save_section(self, job_id: str, section: str, markdown: str) -> None:
        async with self.sessions.begin() as session:
            if not await still_this_delivery(session, job_id):
                return
            await session.merge(
                DocSection(job_id=job_id, section=section, markdown=markdown, updated_at=utcnow())
            )

    async def doc_sections(self, job_id: str) -> dict[str, str]:
        async with self.sessions() as session:
            query = select(DocSection.section, DocSection.markdown).where(
                DocSection.job_id == job_id
            )
            return {row.section: row.markdown for row in (await session.execute(query)).all()}

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
