"""A picture made unreadable but still recognisable: the shape of the page, its colours and
layout, with no word in it legible. Used where a picture of the founder's app, taken with the
records they keep in it, is shown to people who aren't the founder (a share link)."""

from __future__ import annotations

import io

from PIL import Image, ImageFilter

# At a 1440-px-wide screenshot a 28-px heading is gone at this radius; the page's blocks
# of colour stay.
RADIUS = 14


def blurred(png: bytes) -> bytes:
    """The PNG `png` blurred past reading, as a PNG."""
    with Image.open(io.BytesIO(png)) as opened:
        picture = opened.convert("RGB")
    out = io.BytesIO()
    picture.filter(ImageFilter.GaussianBlur(RADIUS)).save(out, format="PNG", optimize=False)
    return out.getvalue()
