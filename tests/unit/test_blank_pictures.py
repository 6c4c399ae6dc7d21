"""A blank picture is told from a real one by its whole grey deviation, whichever part of it
was read: a busy header settles it early, a flat or faint top is read to the end."""

from __future__ import annotations

import io
import random
import time

from PIL import Image, ImageDraw, ImageStat

from livebuild.screenshots.blank import MIN_STDDEV, blank_reason


def _png(image: Image.Image, **options: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **options)
    return buffer.getvalue()


def _whole_deviation(png: bytes) -> float:
    with Image.open(io.BytesIO(png)) as image:
        grey = image.convert("L")
        grey.thumbnail((320, 200))
        return float(ImageStat.Stat(grey).stddev[0])


def _page(top: tuple[int, int], band: int, low: tuple[int, int] | None, seed: int) -> Image.Image:
    """A 1280x800 page: a header band of `band` rows with grey levels spread over `top`,
    white below, and a block of text-like noise lower down when `low` is given."""
    rng = random.Random(seed)
    image = Image.new("RGB", (1280, 800), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for y in range(0, band, 4):
        level = rng.randint(*top)
        draw.rectangle((0, y, 1279, y + 3), fill=(level, level, level))
    if low is not None:
        for _ in range(400):
            x, y = rng.randrange(1200), rng.randrange(500, 780)
            level = rng.randint(*low)
            draw.rectangle((x, y, x + 30, y + 8), fill=(level, level, level))
    return image


def test_a_faint_header_on_a_flat_page_is_still_blank() -> None:
    # The top band alone deviates past the threshold; the whole picture does not.
    faint = _png(_page((246, 255), 100, None, 1), compress_level=0)
    assert len(faint) > 5 * 1024 and _whole_deviation(faint) < MIN_STDDEV
    assert "one colour" in (blank_reason(faint) or "")


def test_content_only_low_on_the_page_is_not_blank() -> None:
    low = _png(_page((255, 255), 0, (0, 200), 2))
    assert _whole_deviation(low) >= MIN_STDDEV
    assert blank_reason(low) is None


def test_the_verdict_is_the_whole_pictures_on_varied_pages() -> None:
    for seed in range(12):
        rng = random.Random(seed)
        spread = rng.choice([(250, 255), (240, 255), (200, 255), (0, 255)])
        low = rng.choice([None, (250, 255), (0, 255)])
        png = _png(_page(spread, rng.choice([0, 40, 100, 300]), low, seed), compress_level=1)
        whole_blank = _whole_deviation(png) < MIN_STDDEV
        assert (blank_reason(png) is not None) == whole_blank, seed


def test_an_interlaced_picture_is_read_whole() -> None:
    png = _png(_page((0, 255), 100, None, 3), optimize=False)
    with Image.open(io.BytesIO(png)) as image:
        interlaced = io.BytesIO()
        image.save(interlaced, "PNG", interlace=1, compress_level=0)
    assert blank_reason(interlaced.getvalue()) is None
    flat = io.BytesIO()
    Image.new("RGB", (1280, 800), (250, 250, 250)).save(flat, "PNG", compress_level=0)
    assert "one colour" in (blank_reason(flat.getvalue()) or "")


def _cpu_ms(png: bytes, judge: object) -> float:
    best = float("inf")
    for _ in range(5):
        began = time.process_time()
        judge(png)  # type: ignore[operator]
        best = min(best, time.process_time() - began)
    return best * 1000


def test_a_page_with_a_header_is_judged_on_a_fraction_of_the_cpu() -> None:
    """A worker judges four pictures a build: the header settles it without decoding the
    whole picture (a sixth of the CPU on an app's page, best of 5)."""
    png = _png(_page((0, 255), 120, (0, 200), 4), compress_level=6)
    assert _cpu_ms(png, blank_reason) < 0.5 * _cpu_ms(png, _whole_deviation)
