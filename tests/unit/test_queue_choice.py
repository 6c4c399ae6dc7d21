"""Which queue a process uses: a PostgreSQL URL alone is enough to share builds."""

from __future__ import annotations


def test_a_postgresql_url_alone_shares_the_queue_and_sqlite_keeps_it_in_process() -> None:
    from livebuild.settings import Settings

    shared = Settings(database_url="postgresql+asyncpg://u:p@db/livebuild")
    assert shared.resolved_queue == "postgres" and shared.resolved_event_bus == "postgres"
    local = Settings()
    assert local.resolved_queue == "inprocess" and local.resolved_event_bus == "inprocess"
    pinned = Settings(database_url="postgresql+asyncpg://u:p@db/livebuild", queue="inprocess")
    assert pinned.resolved_queue == "inprocess"
