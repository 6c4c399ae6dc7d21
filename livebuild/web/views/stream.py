"""The live event stream (Server-Sent Events) with resume after a disconnect."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import aclosing
from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import StreamingResponse

from livebuild.core.errors import BadRequest
from livebuild.core.events import MAX_EVENT_ID
from livebuild.web.auth import JobDep
from livebuild.web.deps import EventsDep, SettingsDep
from livebuild.web.responses import errors

router = APIRouter(prefix="/api/jobs", tags=["builds"])

RETRY_MS = 2000
HEARTBEAT = b": heartbeat\n\n"


def _resume_point(last_event_id: str | None, after: int | None) -> int:
    if last_event_id is not None:
        value = last_event_id.strip()
        # Length first: a 5,000-digit number is refused before anything tries to parse it.
        if (
            len(value) > len(str(MAX_EVENT_ID))
            or not value.isascii()
            or not value.isdigit()
            or int(value) > MAX_EVENT_ID
        ):
            raise BadRequest("Last-Event-ID must be a whole number, the id of the last event seen.")
        return int(value)
    return after or 0


@router.get("/{job_id}/events/stream", responses=errors(404, 422))
async def stream_events(
    job: JobDep,
    events: EventsDep,
    settings: SettingsDep,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
    after: Annotated[int | None, Query(ge=0, le=MAX_EVENT_ID)] = None,
) -> StreamingResponse:
    start = _resume_point(last_event_id, after)
    heartbeat_s = settings.heartbeat_s

    async def frames() -> AsyncIterator[bytes]:
        yield f"retry: {RETRY_MS}\n\n".encode()
        # Runs of events come with their frames already joined, shared by every stream at
        # the same point: a live event costs each stream one write and nothing else.
        async with aclosing(events.follow_runs(job.id, start, idle_s=heartbeat_s)) as runs:
            async for run in runs:
                yield HEARTBEAT if run is None else run[1]
                if run is not None and run[0][-1].is_terminal:
                    # Every stream of the build woke for this event: let them all write it
                    # before this one spends time closing down.
                    await asyncio.sleep(0)

    return StreamingResponse(
        frames(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
