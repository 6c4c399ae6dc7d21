"""Settings: how many builds run at once, and how API processes and workers share them.

A new setting of this concept goes at the end of `ScaleSettings`; its place here is its place
in the settings table of docs/operations.md.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, SecretStr

# A statement of livebuild's takes milliseconds; a frozen worker's transaction must end
# well before its lease runs out (`worker_stall_s`) and its build is swept.
DATABASE_IDLE_TRANSACTION_S = 30.0


class ScaleSettings(BaseModel):
    concurrency: int | None = Field(
        default=None,
        ge=1,
        le=64,
        description=(
            "Builds run at the same time. Default: one per core, as many as memory holds "
            "(`livebuild doctor` shows the number)."
        ),
    )
    queue: str = Field(
        default="auto",
        description=(
            "Where started builds wait: `inprocess` (this process runs them) or `postgres` "
            "(a Procrastinate queue in the PostgreSQL database, for separate worker processes). "
            "`auto`: `postgres` when the database is PostgreSQL, else `inprocess`."
        ),
    )
    event_bus: str = Field(
        default="auto",
        description=(
            "How followers learn of new events: `inprocess`, or `postgres` (LISTEN/NOTIFY, "
            "across processes). `auto`: `postgres` when the queue is, else `inprocess`."
        ),
    )
    worker_stall_s: float = Field(
        default=60.0,
        gt=0,
        description=(
            "A worker silent this long is taken for dead: its builds are ended as interrupted."
        ),
    )
    worker_host: str = Field(
        default="127.0.0.1",
        description=(
            "Address API processes reach this worker's app previews at (its internal address)."
        ),
    )
    worker_port: int = Field(
        default=0,
        ge=0,
        le=65535,
        description=(
            "Internal port a `livebuild worker` serves health and app previews on (0: any free)."
        ),
    )
    cluster_key: SecretStr | None = Field(
        default=None,
        description=(
            "Key API processes send a worker's internal address with (none: the first process "
            "makes one and keeps it in the database)."
        ),
    )
    database_idle_transaction_s: float = Field(
        default=DATABASE_IDLE_TRANSACTION_S,
        ge=0,
        description=(
            "On PostgreSQL, a transaction of livebuild's left waiting this long between "
            "statements is ended by the server (0: never), so a frozen worker (paused, its "
            "machine stalled) frees its build's row and the build is swept as stalled."
        ),
    )
