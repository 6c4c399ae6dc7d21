"""Server-sent events read from a byte stream: each event's data, bounded in size.

An OpenAI-compatible server streams an answer as one event per token or so. The vendor's
client builds a typed object from each (about a millisecond apiece on a slow core: a 120 KB
answer of 41,000 events cost ~35 s of parsing alone); reading the events here costs a
`json.loads` of a small object each.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

# No event an OpenAI-compatible server sends for one delta comes near this: a longer one is
# not a model's answer (and is never held whole in memory).
MAX_EVENT = 256 * 1024


class EventTooLong(ValueError):
    pass


async def event_data(chunks: AsyncIterator[bytes], most: int = MAX_EVENT) -> AsyncIterator[str]:
    """The `data` of each event in `chunks` (several `data:` lines joined by a newline);
    comments, `event:`, `id:` and `retry:` lines are skipped. Raises `EventTooLong` when a
    line or an event passes `most` bytes."""
    pending = b""
    data: list[bytes] = []
    size = 0
    async for chunk in chunks:
        pending += chunk
        *lines, pending = pending.split(b"\n")
        if len(pending) > most:
            raise EventTooLong(f"a streamed line passed {most:,} bytes")
        for line in lines:
            line = line.removesuffix(b"\r")
            if not line:
                if data:
                    yield b"\n".join(data).decode("utf-8", "replace")
                data, size = [], 0
                continue
            if line.startswith(b"data:"):
                value = line[5:].removeprefix(b" ")
                size += len(value) + 1
                if size > most:
                    raise EventTooLong(f"a streamed event passed {most:,} bytes")
                data.append(value)
    # An event the stream ends inside is not one (the standard drops it too).


def event_object(data: str) -> dict[str, Any] | None:
    """The JSON object an event carries (None when it carries something else)."""
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None
