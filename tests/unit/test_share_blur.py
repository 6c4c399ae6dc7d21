"""A share link's pictures of a founder's own records: blurred past reading."""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

from livebuild.screenshots.blur import blurred


def _page(name: str, size: int) -> bytes:
    """A page-like picture: a coloured header and a customer's name as a heading."""
    picture = Image.new("RGB", (1440, 900), "#f7f5fb")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, 1440, 80), fill="#5b3fd1")
    draw.text((160, 160), name, fill="#1d1a26", font=ImageFont.load_default(size=size))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _difference(a: bytes, b: bytes) -> float:
    with Image.open(io.BytesIO(a)) as one, Image.open(io.BytesIO(b)) as two:
        diff = ImageChops.difference(one.convert("L"), two.convert("L"))
    box = (100, 120, 1100, 300)  # where the name is
    return float(ImageStat.Stat(diff.crop(box)).mean[0])


def test_two_customers_names_even_as_big_headings_blur_to_the_same_picture() -> None:
    for size in (16, 34, 48, 72):
        jane, paul = _page("Jane Whitaker", size), _page("Paul Okonkwo", size)
        assert _difference(jane, paul) > 0.5  # sharp, the names differ plainly
        # Blurred, what is left of either name is a faint smear: nothing tells them apart.
        assert _difference(blurred(jane), blurred(paul)) < 0.15 * _difference(jane, paul)
        assert _difference(blurred(jane), blurred(paul)) < 1.5


def test_the_page_keeps_its_size_and_colours() -> None:
    sharp = _page("Jane Whitaker", 48)
    with Image.open(io.BytesIO(blurred(sharp))) as seen:
        assert seen.size == (1440, 900)
        pixel = seen.convert("RGB").getpixel((720, 20))
        assert isinstance(pixel, tuple)
        red, blue = pixel[0], pixel[2]
        assert blue > 150 and red < 140  # the header is still the brand's purple
