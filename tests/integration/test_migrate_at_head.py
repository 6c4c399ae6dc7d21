"""A start on a schema already at the newest revision does not load the migration tool."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text

from livebuild.store.db.engine import MIGRATIONS, create_engine, head_revision, migrate
from tests.conftest import create_database

_START = """
import asyncio, json, sys
from sqlalchemy import text
from livebuild.store.db.engine import create_engine, migrate

async def start(url):
    engine = create_engine(url)
    await migrate(engine)
    async with engine.connect() as conn:
        tables = (await conn.execute(text("SELECT count(*) FROM sqlite_master"))).scalar()
    await engine.dispose()
    return tables

tables = asyncio.run(start(sys.argv[1]))
print(json.dumps({"tables": tables, "alembic": "alembic" in sys.modules}))
"""


def _start(url: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _START, url],
        capture_output=True,
        cwd=Path(__file__).parents[2],
        text=True,
        check=True,
        timeout=120,
    )
    started: dict[str, object] = json.loads(out.stdout.splitlines()[-1])
    return started


def test_the_newest_revision_is_the_migration_tools_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_only_a_start_with_migrations_to_run_loads_the_migration_tool(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'livebuild.db'}"
    first = _start(url)
    assert first["alembic"] is True
    again = _start(url)
    assert again == {"tables": first["tables"], "alembic": False}


async def test_a_postgres_schema_at_the_newest_revision_is_left_as_it_is(
    postgres_base: str,
) -> None:
    url = await create_database(postgres_base)
    engine = create_engine(url)
    try:
        await migrate(engine)
        await migrate(engine)  # at the head now: one query under the migration lock
        async with engine.connect() as conn:
            version = await conn.execute(text("SELECT version_num FROM alembic_version"))
            assert version.scalars().all() == [head_revision()]
    finally:
        await engine.dispose()
