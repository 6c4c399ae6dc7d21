"""A picture made unreadable but still recognisable: the shape of the page, its colours and
layout, with no word in it legible. Used where a picture of the founder's app, taken with the
records they keep in it, is shown to people who aren't the founder (a share link)."""

from __future__ import annotations

import io

from PIL import Image, ImageFilter

# The picture is shrunk this many times, blurred, and brought back to its size: a 72-px
# heading is a smear of a few pixels then, gone for good, while the page's blocks of colour
# and its layout stay.
SHRINK = 24
RADIUS = 1


def opened_whole(png: bytes) -> Image.Image:
    """The picture `png` as RGB, read only when every byte of it is there: a library may tell
    PIL to forgive a picture cut short for the whole process (WeasyPrint, imported for the
    guide's PDF, does), and a damaged picture is no picture. Raises one of `UNREADABLE`."""
    with Image.open(io.BytesIO(png)) as checked:
        checked.verify()  # every chunk read to its end and its checksum checked
    with Image.open(io.BytesIO(png)) as opened:
        return opened.convert("RGB")


def blurred(png: bytes) -> bytes:
    """The PNG `png` blurred past reading, as a PNG of the same size."""
    picture = opened_whole(png)
    small = (max(1, picture.width // SHRINK), max(1, picture.height // SHRINK))
    smear = picture.resize(small, Image.Resampling.BOX).filter(ImageFilter.GaussianBlur(RADIUS))
    out = io.BytesIO()
    smear.resize(picture.size, Image.Resampling.BILINEAR).save(out, format="PNG")
    return out.getvalue()


# What a damaged or hostile stored picture raises while it is read: PIL says a broken PNG
# with SyntaxError, a truncated one with OSError, one too large to open with its own error.
UNREADABLE = (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError)


def blurred_or_none(png: bytes) -> bytes | None:
    """`blurred(png)`, or None when `png` is damaged: no picture, never an error."""
    try:
        return blurred(png)
    except UNREADABLE:
        return None


def blurred_key(key: str) -> str:
    """Where the blurred copy of the picture stored at `key` is kept."""
    return f"blurred/{key}"
