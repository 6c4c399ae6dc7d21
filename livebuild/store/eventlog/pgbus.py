"""PostgreSQL LISTEN/NOTIFY as the wake-up bus, so followers on any process hear every append.

One dedicated listener connection per process, outside any pool (a transaction pooler
would drop LISTEN). Notifications carry only `job_id:event_id`; the listener reads the
new events of every job it heard of in one query, however many followers, jobs or
notifications there are, and hands them to the local hub. Followed jobs are re-read at
least every `reread_s` (again one query for all of them), so a lost notification or a
dropped connection costs at most that long.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import asyncpg
from sqlalchemy.exc import SQLAlchemyError

from livebuild.core.events import StoredEvent
from livebuild.core.tasks import cancel_and_wait
from livebuild.store.db.engine import libpq_url
from livebuild.store.eventlog.base import REPLAY_BATCH
from livebuild.store.eventlog.bus import EventReader, WakeBus

log = logging.getLogger(__name__)

CHANNEL = "livebuild_events"
_RECONNECT_S = (0.1, 0.25, 0.5, 1.0, 2.0)
_PING_TIMEOUT_S = 5.0
# Jobs read in one query: bounds its parameters (two a job) far below PostgreSQL's limit.
_JOBS_A_READ = 500


class PostgresBus(WakeBus):
    def __init__(self, database_url: str, *, reread_s: float = 1.0) -> None:
        super().__init__()
        self._dsn = libpq_url(database_url)
        self._reread_s = reread_s
        self._reader: EventReader | None = None
        # job -> highest id announced but not yet read; one read covers them all.
        self._pending: dict[str, int] = {}
        # job -> highest id handed to this process's followers.
        self._cursor: dict[str, int] = {}
        self._wake = asyncio.Event()
        self._connected = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def notice(self, job_id: str, event_id: int) -> tuple[str, str] | None:
        return CHANNEL, f"{job_id}:{event_id}"

    def appended(self, event: StoredEvent) -> None:
        self._cursor[event.job_id] = max(self._cursor.get(event.job_id, 0), event.id)
        super().appended(event)

    async def start(self, reader: EventReader) -> None:
        self._reader = reader
        self._task = asyncio.create_task(self._run(), name="livebuild-event-listener")
        # Not strictly needed (the re-read catches up), but it keeps the first events fast.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(10):
                await self._connected.wait()

    async def stop(self) -> None:
        if self._task is not None:
            await cancel_and_wait(self._task)
            self._task = None

    @property
    def ready(self) -> bool:
        return self._connected.is_set()

    def _on_notify(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        job_id, _, raw_id = payload.rpartition(":")
        if not job_id or not self.hub.subscriber_count(job_id):
            return
        try:
            event_id = int(raw_id)
        except ValueError:
            return
        if event_id > self._cursor.get(job_id, 0):
            self._pending[job_id] = max(self._pending.get(job_id, 0), event_id)
            self._wake.set()

    def _reread_followed(self) -> None:
        followed = set(self.hub.followed())
        for job_id in followed:
            self._pending.setdefault(job_id, 0)
        for job_id in set(self._cursor) - followed:
            del self._cursor[job_id]

    async def _run(self) -> None:
        failures = 0
        while True:
            try:
                conn = await asyncpg.connect(self._dsn)
            except (OSError, asyncpg.PostgresError, TimeoutError) as error:
                delay = _RECONNECT_S[min(failures, len(_RECONNECT_S) - 1)]
                failures += 1
                log.warning("event listener cannot connect (%s); retrying in %ss", error, delay)
                await asyncio.sleep(delay)
                continue
            failures = 0
            try:
                await self._listen(conn)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as e:
                log.warning("event listener lost its connection (%s); reconnecting", e)
            finally:
                self._connected.clear()
                if not conn.is_closed():
                    conn.terminate()

    async def _listen(self, conn: asyncpg.Connection) -> None:
        lost = asyncio.Event()

        def on_lost(_conn: Any) -> None:
            lost.set()
            self._wake.set()

        conn.add_termination_listener(on_lost)
        await conn.add_listener(CHANNEL, self._on_notify)
        self._connected.set()
        # Whatever was appended while this process wasn't listening is read back now.
        self._reread_followed()
        await self._drain()
        while not lost.is_set():
            # `asyncio.timeout`, never `wait_for`: on Python 3.11 a `wait_for` cancelled just
            # as what it awaited finished (news, a ping's answer) returns instead, and a
            # stop waited for this loop for ever.
            try:
                async with asyncio.timeout(self._reread_s):
                    await self._wake.wait()
            except TimeoutError:
                self._reread_followed()
                # A connection that died silently shows here, not in a termination callback.
                async with asyncio.timeout(_PING_TIMEOUT_S):
                    await conn.fetchval("SELECT 1")
            self._wake.clear()
            await self._drain()

    async def _drain(self) -> None:
        while self._pending:
            jobs = list(self._pending)[:_JOBS_A_READ]
            batch = {job: self._pending.pop(job) for job in jobs}
            if not await self._catch_up(batch):
                return

    async def _catch_up(self, batch: dict[str, int]) -> bool:
        """Read the news of `batch`'s jobs (job -> highest id announced) in one query and
        hand it to the hub; False if the read failed (the next re-read retries)."""
        assert self._reader is not None
        afters: dict[str, int | None] = {}
        for job_id, announced in batch.items():
            cursor = self._cursor.get(job_id)
            if cursor is None and announced:
                # Followers replay the history themselves; the bus only has to bring the news.
                cursor = announced - 1
            afters[job_id] = cursor
        try:
            events = await self._reader(afters)
        except (OSError, SQLAlchemyError):
            log.warning(
                "reading new events of %d builds failed; the next re-read retries", len(batch)
            )
            return False
        for event in events:
            if event.id > self._cursor.get(event.job_id, 0):
                self._cursor[event.job_id] = event.id
                self.hub.publish(event)
        if len(events) >= REPLAY_BATCH:
            # A full batch may have left some jobs' news unread: read on from the cursors.
            for job_id, announced in batch.items():
                self._pending[job_id] = max(self._pending.get(job_id, 0), announced)
        return True
