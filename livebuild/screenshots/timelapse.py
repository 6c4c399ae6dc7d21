"""A build's screenshots as one animated picture, cached in the blob store.

The picture is made once per set of screenshots: its key names how many there
are and the last one, so a build that gains a screenshot gets a new picture
and nothing stored ever changes.
"""

from __future__ import annotations

import asyncio
import io

from PIL import Image

from livebuild.screenshots.blur import UNREADABLE, blurred_or_none, opened_whole
from livebuild.store.blobs import BlobStore
from livebuild.store.db.models import Snapshot

MEDIA_TYPE = "image/webp"
MAX_WIDTH = 960
FRAME_MS = 900
LAST_FRAME_MS = 2_500
QUALITY = 70


def timelapse_key(job_id: str, snapshots: list[Snapshot], blur: bool = False) -> str:
    kept = "-blurred" if blur else ""
    return f"timelapse/{job_id}/{len(snapshots):02d}-{snapshots[-1].sha256[:16]}{kept}.webp"


def _frames(pngs: list[bytes]) -> list[Image.Image]:
    frames: list[Image.Image] = []
    size: tuple[int, int] | None = None
    for png in pngs:
        try:
            frame = opened_whole(png)
        except UNREADABLE:
            continue  # a damaged picture is left out, not an error
        if size is None:
            width = min(MAX_WIDTH, frame.width)
            size = (width, max(1, round(frame.height * width / frame.width)))
        # Every frame takes the first one's size, so the picture never jumps.
        frames.append(frame.resize(size, Image.Resampling.LANCZOS))
    return frames


def animate(pngs: list[bytes]) -> bytes | None:
    """An animated WebP that shows each screenshot in turn and lingers on the last; None
    with fewer than two readable ones."""
    frames = _frames(pngs)
    if len(frames) < 2:
        return None
    durations = [FRAME_MS] * (len(frames) - 1) + [LAST_FRAME_MS]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="WEBP",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=0,
        quality=QUALITY,
        method=4,
    )
    return buffer.getvalue()


async def timelapse(
    blobs: BlobStore, job_id: str, snapshots: list[Snapshot], blur: bool = False
) -> bytes | None:
    """The animated picture of these screenshots (each `blurred` first with `blur`), made on
    first request; None below two."""
    if len(snapshots) < 2:
        return None
    key = timelapse_key(job_id, snapshots, blur)
    cached = await blobs.get(key)
    if cached is not None:
        return cached
    pngs = []
    for snapshot in snapshots:
        data = await blobs.get(snapshot.key)
        if data is not None:
            pngs.append(data)
    if blur:
        pngs = [
            smear
            for smear in await asyncio.to_thread(lambda: [blurred_or_none(p) for p in pngs])
            if smear is not None
        ]
    picture = await asyncio.to_thread(animate, pngs) if len(pngs) >= 2 else None
    if picture is None:
        return None
    await blobs.put(key, picture, MEDIA_TYPE)
    return picture
