"""What a build leaves behind: its stage runs (and so estimates), logs, screenshots, guide."""

from __future__ import annotations

import statistics
from datetime import datetime

from sqlalchemy import func, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from livebuild.core.clock import utcnow
from livebuild.core.stages import STAGE_INFO, WORK_STAGES, Stage
from livebuild.store.db.models import DocSection, LogLine, Snapshot, StageRun
from livebuild.store.db.patience import PatientStore
from livebuild.store.deliveries import still_this_delivery
from livebuild.store.stage_writes import snapshot_row, stage_record

ESTIMATE_WINDOW = 20
LOG_LINES_SHOWN = 2000


class BuildRecords(PatientStore):
    """The build records part of `Repository`."""

    sessions: async_sessionmaker[AsyncSession]

    # stage runs and estimates

    async def estimates(self) -> dict[Stage, float]:
        """Each work stage's median of its recent durations, or its default before there is
        history: one round trip (a build asks once, at its start, not at every stage)."""
        recent = [
            select(StageRun.stage, StageRun.duration_s)
            .where(StageRun.stage == stage.value, StageRun.duration_s.is_not(None))
            .order_by(StageRun.id.desc())
            .limit(ESTIMATE_WINDOW)
            .subquery()
            .select()
            for stage in WORK_STAGES
        ]
        async with self.sessions() as session:
            rows = (await session.execute(union_all(*recent))).all()
        durations: dict[str, list[float]] = {}
        for stage_name, duration in rows:
            durations.setdefault(stage_name, []).append(duration)
        return {
            stage: round(statistics.median(durations[stage.value]), 2)
            if stage.value in durations
            else STAGE_INFO[stage].default_estimate_s
            for stage in WORK_STAGES
        }

    async def record_stage(
        self,
        job_id: str,
        stage: Stage,
        attempt: int,
        started_at: datetime,
        duration_s: float,
        tokens: int,
    ) -> None:
        """The stage's run, for estimates, and its tokens counted on the build (the write a
        stage's end makes beside its event, made on its own)."""
        write = stage_record(job_id, stage, attempt, started_at, duration_s, tokens)
        async with self.sessions.begin() as session:
            await write(await session.connection())

    async def stage_runs(self, job_id: str) -> list[StageRun]:
        async with self.sessions() as session:
            query = select(StageRun).where(StageRun.job_id == job_id).order_by(StageRun.id)
            return list((await session.execute(query)).scalars())

    # technical logs

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
            await snapshot_row(snapshot)(await session.connection())

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
