"""Telling a real screenshot from a blank one."""

from __future__ import annotations

import io
import math

from PIL import Image, ImageFile, ImageStat

MIN_BYTES = 5 * 1024
# Standard deviation of grey levels below which a page is one flat colour
# (a white page with a single line of text still scores well above this).
MIN_STDDEV = 2.0
# The share of a picture's rows read first: an app's header is there. Decoding a whole
# 1280x800 picture takes ~12 ms of CPU, its top eighth ~2 ms.
TOP_SHARE = 8
# Margin on the bound below, for the thumbnail's resampling at the band's lower edge.
_MARGIN = 1.25


def blank_reason(png: bytes) -> str | None:
    """Why this PNG is not worth showing, or None when it is.

    The verdict is the whole picture's grey deviation against `MIN_STDDEV`. The top band is
    read first: the whole picture's variance is at least the band's share times the band's
    own variance, so a band varied enough proves the picture is not blank without decoding
    the rest. Anything less (a flat top, a faint one) is judged on the whole picture."""
    if len(png) < MIN_BYTES:
        return f"image is only {len(png)} bytes"
    try:
        stddev, whole = _stddev(png, TOP_SHARE)
        if not whole:
            if stddev >= MIN_STDDEV * math.sqrt(TOP_SHARE) * _MARGIN:
                return None
            stddev, whole = _stddev(png, 1)
    except (OSError, ValueError, SyntaxError) as error:
        return f"image could not be read: {error}"
    if stddev < MIN_STDDEV:
        return f"image is nearly one colour (deviation {stddev:.1f})"
    return None


def _stddev(png: bytes, share: int) -> tuple[float, bool]:
    """The grey deviation of the top 1/`share` of the picture's rows, at a quarter's scale
    (a thumbnail of at most 320x200 for the whole picture); and whether that was all of it
    (a picture whose rows don't come top first is always read whole)."""
    with Image.open(io.BytesIO(png)) as image:
        height = image.size[1]
        rows = max(1, height // share)
        if rows >= height or not _only_top(image, rows):
            rows = height
        grey = image.convert("L")
        grey.thumbnail((320, max(1, 200 * rows // height)))
        return float(ImageStat.Stat(grey).stddev[0]), rows == height


def _only_top(image: ImageFile.ImageFile, rows: int) -> bool:
    """Make `image` decode only its first `rows` rows, if its rows come top first in one
    frame (a PNG's do, unless interlaced); whether it will."""
    unusual = image.info.get("interlace") or getattr(image, "is_animated", False)
    if unusual or len(image.tile) != 1 or image.format != "PNG":
        return False
    codec, _extent, offset, args = image.tile[0]
    if codec != "zip":
        return False
    image.tile = [ImageFile._Tile(codec, (0, 0, image.size[0], rows), offset, args)]
    image._size = (image.size[0], rows)
    return True


def png_size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    return width, height
