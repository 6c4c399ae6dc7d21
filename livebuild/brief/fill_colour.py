"""The argument of a new main colour said loosely: which colour, and how light or dark.

"a sunny orange instead of the green, not too dark", "softball yellow, that bright fluorescent
yellowy green", "a warm plum, a bit muted", "a moody purple, quite deep". The colour is the
first named that isn't the one the app has (`change_colours.wished`), a "-y" or "-ish" colour
before it blending into it ("yellowy green"); its shade is the word said of it anywhere in the
request ("deep", "pale", "bright"), unless said with "not too".
"""

from __future__ import annotations

import colorsys
import re

from livebuild.brief.change_colours import NAMES, hex_of, wished
from livebuild.brief.change_ops import Operation, SetColour
from livebuild.brief.colours import shade
from livebuild.brief.model import Brief

_COLOUR = re.compile(rf"\b(?:{NAMES})\b", re.I)
_TINGED = re.compile(rf"\b(?P<tint>{NAMES})(?:y|ey|ish)\s+$", re.I)
_SHADES = (
    ("dark", re.compile(r"\b(?:dark|darker|deep|deeper|rich|moody|navy)\b", re.I)),
    (
        "light",
        re.compile(r"\b(?:light|lighter|pale|paler|soft|softer|pastel|muted|gentle)\b", re.I),
    ),
    (
        "bright",
        re.compile(r"\b(?:bright|brighter|vivid|fluorescent|neon|sunny|zingy|bold)\b", re.I),
    ),
)
_NOT_TOO = re.compile(r"\bnot\s+(?:too|so|very|that)\s+$", re.I)


def filled(brief: Brief, text: str) -> list[Operation] | None:
    """The colour `text` wishes for, shaded as said; None when it names no colour."""
    chosen = wished(list(_COLOUR.finditer(text)))
    if chosen is None:
        return None
    colour = hex_of(chosen.group(0))
    tint = _TINGED.search(text[max(0, chosen.start() - 20) : chosen.start()])
    if tint is not None:
        colour = _blend(colour, hex_of(tint["tint"]))
    said = _shade(text)
    return [SetColour(shade(colour, said), chosen.group(0).lower())]


def _shade(text: str) -> str | None:
    for name, pattern in _SHADES:
        if any(not _NOT_TOO.search(text[: m.start()]) for m in pattern.finditer(text)):
            return name
    return None


def _blend(colour: str, tint: str) -> str:
    """`colour` turned a third of the way towards `tint` by hue."""
    (h1, l1, s1), (h2, _, _) = (_hls(c) for c in (colour, tint))
    gap = ((h2 - h1 + 0.5) % 1.0) - 0.5
    r, g, b = colorsys.hls_to_rgb((h1 + gap / 3) % 1.0, l1, s1)
    return "#" + "".join(f"{max(0, min(255, round(c * 255))):02x}" for c in (r, g, b))


def _hls(colour: str) -> tuple[float, float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)
