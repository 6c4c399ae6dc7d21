"""A build's read whose connection is cut mid-statement is made again once the database is
back; a founder's request (no patience) fails at once instead, for the API's 503."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg

from livebuild.core.clock import utcnow
from livebuild.mail.notifier import Notifier
from livebuild.store.db.engine import create_engine, libpq_url, migrate
from livebuild.store.db.models import BuildNotification
from livebuild.store.db.outage import is_connection_lost
from livebuild.store.db.patience import patient_for
from livebuild.store.repository import LOCAL_USER_ID, Repository
from tests.conftest import IDEA, create_database, make_settings
from tests.integration.test_notify import Inbox, smtp  # noqa: F401 (the fixture)
from tests.outage import cuttable


async def _a_job(url: str) -> str:
    engine = create_engine(url)
    try:
        await migrate(engine)
        repository = Repository(engine)
        await repository.ensure_local_user()
        project = await repository.create_project(LOCAL_USER_ID, "Walks", IDEA, {})
        return (await repository.create_job(project.id, LOCAL_USER_ID, None)).id
    finally:
        await engine.dispose()


async def _read_cut_mid_statement(url: str, job_id: str, patience: float | None) -> Any:
    """`get_job` through a line that is cut while the read waits on a table lock."""
    return await _cut_mid_statement(url, patience, lambda repository: repository.get_job(job_id))


async def _cut_mid_statement(
    url: str, patience: float | None, work: Callable[[Repository], Awaitable[Any]]
) -> Any:
    """`work` through a line that is cut while its statement waits on the jobs table's lock."""
    base, _, database = url.rpartition("/")
    user, _, address = base.removeprefix("postgresql+asyncpg://").partition("@")
    with cuttable(int(address.rsplit(":", 1)[1])) as line:
        engine = create_engine(f"postgresql+asyncpg://{user}@127.0.0.1:{line.port}/{database}")
        repository = Repository(engine)
        locker = await asyncpg.connect(libpq_url(url))
        try:
            await repository.ensure_local_user()  # a warm pooled connection, as mid-build
            holding = locker.transaction()
            await holding.start()
            await locker.execute("LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE")

            async def build() -> Any:
                if patience is not None:
                    patient_for(patience)
                return await work(repository)

            reading = asyncio.create_task(build())
            await _until_waiting(locker)  # the read is on the wire, waiting for its answer
            await asyncio.to_thread(line.cut)
            await holding.rollback()
            if patience is None:
                return (await asyncio.gather(reading, return_exceptions=True))[0]
            await asyncio.sleep(1.0)
            await asyncio.to_thread(line.restore)
            return await asyncio.wait_for(reading, 20)
        finally:
            await locker.close()
            await engine.dispose()


async def _until_waiting(admin: asyncpg.Connection) -> None:
    for _ in range(200):
        waiting = await admin.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'"
        )
        if waiting:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the read never waited on the lock")


async def test_a_builds_read_cut_mid_statement_is_made_again(postgres_base: str) -> None:
    url = await create_database(postgres_base)
    job_id = await _a_job(url)
    job = await _read_cut_mid_statement(url, job_id, patience=10.0)
    assert job.id == job_id and job.status == "queued"


async def test_a_founders_read_cut_mid_statement_fails_at_once(postgres_base: str) -> None:
    url = await create_database(postgres_base)
    job_id = await _a_job(url)
    lost = await _read_cut_mid_statement(url, job_id, patience=None)
    assert isinstance(lost, Exception) and is_connection_lost(lost), repr(lost)


async def _an_email_asked_for(url: str, job_id: str, address: str) -> None:
    engine = create_engine(url)
    try:
        async with Repository(engine).sessions.begin() as session:
            session.add(BuildNotification(job_id=job_id, email=address, created_at=utcnow()))
    finally:
        await engine.dispose()


async def test_the_build_ended_email_outlives_an_outage(
    postgres_base: str,
    tmp_path: Path,
    smtp: tuple[Inbox, int],  # noqa: F811
) -> None:
    """The founder asked to be emailed when the build ends; the database drops while the
    email is being claimed. Once it is back, the email still goes, once."""
    inbox, port = smtp
    url = await create_database(postgres_base)
    job_id = await _a_job(url)
    await _an_email_asked_for(url, job_id, "founder@example.test")
    settings = make_settings(
        tmp_path,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_from="builds@livebuild.test",
        smtp_starttls=False,
    )
    await _cut_mid_statement(
        url, 10.0, lambda repository: Notifier(settings, repository)._send_pending(job_id)
    )
    await inbox.wait_for(1)
    assert inbox.recipients == [["founder@example.test"]]
