"""Engine creation and schema migrations."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession
from sqlalchemy.pool import ConnectionPoolEntry

from livebuild.settings.scale import DATABASE_IDLE_TRANSACTION_S
from livebuild.store.db.liveness import drop_closed_connections
from livebuild.store.db.patience import wait_out_outages
from livebuild.store.db.sqlite_release import release_locks_on_close

if TYPE_CHECKING:
    from alembic.config import Config

# What a database briefly unable to answer raises (SQLite busy past its wait, a dropped
# connection): worth trying again, unlike a refused write.
DatabaseUnavailable = OperationalError

MIGRATIONS = Path(__file__).with_name("migrations")


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def libpq_url(url: str) -> str:
    """A PostgreSQL SQLAlchemy URL as the plain libpq URL asyncpg and psycopg connect with."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


# Whichever process starts first migrates; the others wait on this lock, then find
# nothing left to do.
MIGRATION_LOCK = 7_114_202_601


def _idle_transaction_limit(url: str, seconds: float) -> dict[str, Any]:
    """The connect arguments that have the server end a transaction idle for `seconds`."""
    value = str(round(seconds * 1000))
    if make_url(url).get_driver_name() == "asyncpg":
        # Sent with the connection's start-up message: no round trip.
        return {"server_settings": {"idle_in_transaction_session_timeout": value}}
    return {"options": f"-c idle_in_transaction_session_timeout={value}"}


def create_engine(
    url: str, *, idle_transaction_s: float = DATABASE_IDLE_TRANSACTION_S
) -> AsyncEngine:
    """The database engine; on PostgreSQL, a transaction left idle `idle_transaction_s`
    (0: no limit) is ended by the server, its locks freed: a worker frozen mid-transaction
    (paused, swapped out) would otherwise hold its build's row for as long as it sleeps,
    and the sweep that ends its build as stalled would wait on that row."""
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        # A connection thrown away mid-statement (a cancelled build) frees its write lock
        # at once, not when Python collects it.
        release_locks_on_close(engine)
        return engine
    # No pre-ping: a round trip per use. Closed connections are dropped as they leave the
    # pool instead, and a build's writes are made again if one drops mid-statement.
    engine = create_async_engine(
        url,
        pool_size=10,
        max_overflow=20,
        connect_args=_idle_transaction_limit(url, idle_transaction_s),
    )
    drop_closed_connections(engine)
    wait_out_outages(engine)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


# `revision = "0011"` and `down_revision = "0010"` in a migration file.
_REVISION = re.compile(r"""^(revision|down_revision)\s*(?::[^=\n]*)?=\s*['"]?(\w+)['"]?""", re.M)


def head_revision() -> str:
    """The newest migration's revision: the one no other migration follows."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text()))
        revisions.add(found["revision"])
        followed.add(found.get("down_revision", "None"))
    heads = revisions - followed
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} newest revisions, not one")
    return heads.pop()


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


async def migrate(engine: AsyncEngine) -> None:
    """Bring the schema to the newest revision.

    A schema already there (every start but an install's first and an upgrade's) is left
    without importing the migration tool, which would hold ~8 MB in every process for good."""

    def upgrade(connection: Connection) -> None:
        if _revision(connection) == head_revision():
            return
        from alembic import command

        command.upgrade(_alembic_config(connection), "head")

    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            await unbounded_transaction(conn)
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        await conn.run_sync(upgrade)


async def unbounded_transaction(conn: AsyncConnection) -> None:
    """Lift the idle-transaction limit for this transaction alone: a migration may think
    between statements (under a loaded machine, for long), and must not be cut half done."""
    await conn.execute(text("SET LOCAL idle_in_transaction_session_timeout = 0"))
