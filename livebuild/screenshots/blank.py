"""Telling a real screenshot from a blank one."""

from __future__ import annotations

import io

from PIL import Image, ImageStat

MIN_BYTES = 5 * 1024
# Standard deviation of grey levels below which a page is one flat colour
# (a white page with a single line of text still scores well above this).
MIN_STDDEV = 2.0


def blank_reason(png: bytes) -> str | None:
    """Why this PNG is not worth showing, or None when it is."""
    if len(png) < MIN_BYTES:
        return f"image is only {len(png)} bytes"
    try:
        with Image.open(io.BytesIO(png)) as image:
            grey = image.convert("L")
            grey.thumbnail((320, 200))
            stddev = ImageStat.Stat(grey).stddev[0]
    except (OSError, ValueError) as error:
        return f"image could not be read: {error}"
    if stddev < MIN_STDDEV:
        return f"image is nearly one colour (deviation {stddev:.1f})"
    return None


def png_size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    return width, height
