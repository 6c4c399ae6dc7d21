"""A connection the database closed is replaced as it leaves the pool: no pre-ping round trip,
and the next read after `pg_terminate_backend` (a restart, a fail-over) still answers."""

from __future__ import annotations

import asyncio

import asyncpg
from sqlalchemy import event, text

from livebuild.store.db.engine import create_engine, libpq_url, migrate
from livebuild.store.repository import LOCAL_USER_ID, Repository
from tests.conftest import IDEA, create_database


async def _terminate_others(url: str) -> int:
    admin = await asyncpg.connect(libpq_url(url))
    try:
        killed: int = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return killed
    finally:
        await admin.close()


async def test_a_read_after_the_server_drops_every_connection_answers(postgres_base: str) -> None:
    url = await create_database(postgres_base)
    engine = create_engine(url)
    try:
        await migrate(engine)
        repository = Repository(engine)
        await repository.ensure_local_user()
        project = await repository.create_project(LOCAL_USER_ID, "Walks", IDEA, {})
        assert await _terminate_others(url) >= 1
        await asyncio.sleep(0.2)  # the driver sees the close, as it would between requests
        again = await repository.get_project(project.id, LOCAL_USER_ID)
        assert again is not None and again.name == "Walks"
        # And the next write too, outside any build's patience.
        await repository.create_project(LOCAL_USER_ID, "Walks 2", IDEA, {})
    finally:
        await engine.dispose()


async def test_taking_a_connection_costs_no_round_trip(postgres_base: str) -> None:
    url = await create_database(postgres_base)
    engine = create_engine(url)
    statements: list[str] = []
    event.listen(
        engine.sync_engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_rest: statements.append(statement),
    )
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        statements.clear()
        for _ in range(3):
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 2"))
        assert statements == ["SELECT 2"] * 3
        assert engine.pool._pre_ping is False
    finally:
        await engine.dispose()
