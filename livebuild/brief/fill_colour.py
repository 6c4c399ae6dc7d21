"""The argument of a new main colour said loosely: which colour, and how light or dark.

"a sunny orange instead of the green, not too dark", "softball yellow, that bright fluorescent
yellowy green", "a warm plum, a bit muted", "a moody purple, quite deep". The colour is the
first named that isn't the one the app has (`change_colours.wished`), a "-y" or "-ish" colour
before it blending into it ("yellowy green"); its shade is the word said of it anywhere in the
request ("deep", "pale", "bright"), unless said with "not too". A colour only described ("the
whole thing feels a bit grey") is not wished for: a word of wishing comes before it, or it is
swapped in ("instead of the teal"), or it is said alone.
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
# A colour is wished for when a word of wishing comes before it ("make it", "I'd love ... to
# be", "go for", "instead of the red, a moody purple"), when it is swapped in ("a lime green
# instead of the teal"), or when the request is the colour said alone ("a warm plum, a bit
# muted"); not when it describes what the app looks like now.
_WISH = re.compile(
    r"\b(?:to|make|want|wanted|prefer|instead|switch|change|go|going|try|use|like|love|fancy|"
    r"rather|be|into|more|please|how\s+about|what\s+about|wish|swap|replace|turn|paint|for|"
    r"with|something|maybe|perhaps)\b",
    re.I,
)
_SWAPPED_IN = re.compile(
    r"^[\w\s'-]{0,30}?\b(?:instead\s+of|rather\s+than|not\s+(?:the|that|this|our))\b", re.I
)
_SAID_ALONE = re.compile(
    r"^\s*(?:(?:a|an|some)\s+(?!(?:bit|little|lot|tad)\b)(?:[a-z]+\s+){0,2})?$", re.I
)
_NOT_TOO = re.compile(r"\bnot\s+(?:too|so|very|that)\s+$", re.I)


def filled(brief: Brief, text: str) -> list[Operation] | None:
    """The colour `text` wishes for, shaded as said; None when it names no colour."""
    chosen = wished(list(_COLOUR.finditer(text)))
    if chosen is None or not _asked(text, chosen.start(), chosen.end()):
        return None  # "the whole thing feels a bit grey and dull": described, not wished
    colour = hex_of(chosen.group(0))
    tint = _TINGED.search(text[max(0, chosen.start() - 20) : chosen.start()])
    if tint is not None:
        colour = _blend(colour, hex_of(tint["tint"]))
    said = _shade(text)
    return [SetColour(shade(colour, said), chosen.group(0).lower())]


def _asked(text: str, start: int, end: int) -> bool:
    before = text[:start]
    return (
        _WISH.search(before) is not None
        or _SWAPPED_IN.match(text[end:]) is not None
        or _SAID_ALONE.match(before) is not None
    )


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
