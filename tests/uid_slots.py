"""Build ids that share a sandbox uid slot, for tests of what two apps on one uid can see."""

from __future__ import annotations

import zlib

from livebuild.engine.sandbox._bwrap_setup import _UID_SPAN


def same_slot_as(job_id: str) -> str:
    """Another build id that lands on the same sandbox uid as `job_id` when ids alone choose."""
    slot = zlib.crc32(job_id.encode()) % _UID_SPAN
    return next(
        f"build-{n}"
        for n in range(1, 10 * _UID_SPAN)
        if zlib.crc32(f"build-{n}".encode()) % _UID_SPAN == slot
    )
