"""Event log in the main database (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Select, String, and_, bindparam, exists, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from livebuild.core.errors import BuildEnded, NotFound
from livebuild.core.events import TERMINAL_EVENTS, Event, StoredEvent
from livebuild.store.db.models import EventRow, Job
from livebuild.store.db.patience import PatientStore
from livebuild.store.deliveries import run_for_delivery
from livebuild.store.eventlog.base import EventLog, Write, envelope, utc_timestamp
from livebuild.store.eventlog.bus import WakeBus

_events = EventRow.__table__.c
_newest = EventRow.__table__.alias("newest").c
_NEWS_COLUMNS = (_events.job_id, _events.id, _events.type, _events.ts, _events.data)
# One build's news after a point: the read a stream server makes for nearly every notice
# (one build's event), built once. A statement built for each read cost the server's CPU
# in building it and in making its cache key, more than the database took to answer it.
_ONE_BUILDS_NEWS = (
    select(*_NEWS_COLUMNS)
    .where(_events.job_id == bindparam("job_id"), _events.id > bindparam("after"))
    .order_by(_events.id)
    .limit(bindparam("limit"))
)
# An append's two statements, built once (building each anew, and its cache key, cost the
# worker more CPU than the database took to run it, on every event of every build). The
# counter on the build's row hands out the event's id, unless the build has had its last
# word, or (`_NEXT_ID_OF_RUN`) the run writing is no longer the build's.
_ENDED = exists().where(
    _events.job_id == bindparam("the_job"),
    _events.type.in_([t.value for t in TERMINAL_EVENTS]),
)
_NEXT_ID = (
    update(Job)
    .where(Job.id == bindparam("the_job"), ~_ENDED)
    .values(last_event_id=Job.last_event_id + 1)
    .returning(Job.last_event_id)
)
_NEXT_ID_OF_RUN = _NEXT_ID.where(Job.delivery == bindparam("the_delivery"))
_ROW = insert(EventRow).values(
    job_id=bindparam("the_job", type_=_events.job_id.type),
    id=bindparam("event_id", type_=_events.id.type),
    type=bindparam("event_type", type_=_events.type.type),
    ts=bindparam("event_ts", type_=_events.ts.type),
    data=bindparam("event_data", type_=_events.data.type),
)
# The row and its notice in one statement: sent on commit, so a listener never hears of an
# event it can't read yet; one round trip fewer an event.
_ROW_AND_NOTICE = select(
    func.pg_notify(bindparam("channel", type_=String()), bindparam("payload", type_=String()))
).add_cte(_ROW.cte())


class SqlEventLog(PatientStore, EventLog):
    def __init__(self, engine: AsyncEngine, bus: WakeBus | None = None) -> None:
        super().__init__(bus)
        self._engine = engine

    async def _store(self, job_id: str, event: Event, writes: Sequence[Write]) -> StoredEvent:
        async with self._engine.begin() as conn:
            for write in writes:
                await write(conn)
            # The counter on the job row hands out ids; the row lock it takes
            # serialises concurrent appends to the same job, which makes the check for
            # an earlier terminal event race-free: nothing is ever stored after one.
            counted = await run_for_delivery(conn, job_id, _NEXT_ID, _NEXT_ID_OF_RUN)
            event_id = counted.scalar_one_or_none()
            if event_id is None:
                found = (await conn.execute(select(Job.id).where(Job.id == job_id))).first()
                raise NotFound("build") if found is None else BuildEnded()
            # Stamped while holding the job row, so times run in the same order as ids
            # (stamped before, two appends racing for the row could swap them).
            ts = utc_timestamp()
            data = envelope(event, event_id=event_id, job_id=job_id, ts=ts)
            row = {
                "the_job": job_id,
                "event_id": event_id,
                "event_type": event.type.value,
                "event_ts": ts,
                "event_data": data,
            }
            notice = self.bus.notice(job_id, event_id)
            if notice is None:
                await conn.execute(_ROW, row)
            else:
                channel, payload = notice
                await conn.execute(_ROW_AND_NOTICE, {**row, "channel": channel, "payload": payload})
        return StoredEvent(id=event_id, type=event.type.value, job_id=job_id, ts=ts, data=data)

    async def read(
        self, job_id: str, after: int = 0, limit: int | None = None
    ) -> list[StoredEvent]:
        query = (
            select(_events.id, _events.type, _events.ts, _events.data)
            .where(_events.job_id == job_id, _events.id > after)
            .order_by(_events.id)
        )
        if limit is not None:
            query = query.limit(limit)
        async with self._engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [
            StoredEvent(id=row.id, type=row.type, job_id=job_id, ts=row.ts, data=row.data)
            for row in rows
        ]

    async def last(self, job_id: str) -> StoredEvent | None:
        query = (
            select(_events.id, _events.type, _events.ts, _events.data)
            .where(_events.job_id == job_id)
            .order_by(_events.id.desc())
            .limit(1)
        )
        async with self._engine.connect() as conn:
            row = (await conn.execute(query)).first()
        if row is None:
            return None
        return StoredEvent(id=row.id, type=row.type, job_id=job_id, ts=row.ts, data=row.data)

    async def read_news(self, afters: Mapping[str, int | None], limit: int) -> list[StoredEvent]:
        if not afters:
            return []
        if len(afters) == 1:
            ((job_id, after),) = afters.items()
            if after is not None:
                params = {"job_id": job_id, "after": after, "limit": limit}
                return await self._news_rows(_ONE_BUILDS_NEWS, params)
        wanted = [
            and_(_events.job_id == job_id, _events.id > after)
            if after is not None
            else and_(
                _events.job_id == job_id,
                _events.id
                == select(func.max(_newest.id)).where(_newest.job_id == job_id).scalar_subquery(),
            )
            for job_id, after in afters.items()
        ]
        query = (
            select(*_NEWS_COLUMNS)
            .where(or_(*wanted))
            .order_by(_events.job_id, _events.id)
            .limit(limit)
        )
        return await self._news_rows(query, {})

    async def _news_rows(self, query: Select[Any], params: dict[str, Any]) -> list[StoredEvent]:
        async with self._engine.connect() as conn:
            rows = (await conn.execute(query, params)).all()
        return [
            StoredEvent(id=row.id, type=row.type, job_id=row.job_id, ts=row.ts, data=row.data)
            for row in rows
        ]
