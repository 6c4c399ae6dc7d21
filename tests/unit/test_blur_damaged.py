"""A damaged stored picture is no picture, never an error, wherever it is blurred (a share
link's pictures and time-lapse, a guide's cover)."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image, ImageFile

from livebuild.screenshots.blur import blurred_or_none
from livebuild.screenshots.timelapse import animate


def _png(colour: tuple[int, int, int] = (30, 90, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (96, 60), colour).save(out, format="PNG")
    return out.getvalue()


def _cut_short() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((96, 60), 64).save(out, format="PNG")
    return out.getvalue()[: len(out.getvalue()) // 2]  # its pixels end halfway


def _bad_crc() -> bytes:
    png = bytearray(_png())
    png[29:33] = (zlib.crc32(b"wrong") & 0xFFFFFFFF).to_bytes(4, "big")  # IHDR's checksum
    return bytes(png)


@pytest.mark.parametrize(
    "damaged",
    [b"", b"not a picture", _png()[:40], _cut_short(), _bad_crc(), b"\x89PNG\r\n\x1a\n" * 50],
)
def test_a_damaged_picture_blurs_to_none(damaged: bytes) -> None:
    assert blurred_or_none(damaged) is None


def test_a_readable_picture_is_blurred() -> None:
    smear = blurred_or_none(_png())
    assert smear is not None
    with Image.open(io.BytesIO(smear)) as opened:
        assert opened.size == (96, 60)


def test_a_time_lapse_leaves_out_what_it_cant_read() -> None:
    played = animate([_png((230, 200, 40)), b"not a picture", _bad_crc(), _png()])
    assert played is not None
    with Image.open(io.BytesIO(played)) as opened:
        assert getattr(opened, "n_frames", 1) == 2
    assert animate([_png(), b"not a picture"]) is None


@pytest.mark.parametrize("damaged", [_cut_short(), _bad_crc()])
def test_a_damaged_picture_stays_damaged_when_a_library_tells_pil_to_forgive(
    damaged: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # WeasyPrint (the guide's PDF) sets this for the whole process when it is imported: a
    # picture cut short must still be no picture, on a share link and in a time-lapse.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    assert blurred_or_none(damaged) is None
    assert animate([damaged]) is None
