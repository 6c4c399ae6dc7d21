"""The colour a phrase names, tinged and shaded as said, and the moves that shade it.

"a dusty blush pink", "popcorn yellow ... a warm buttery one", "that deep blue-black purple",
"bell-metal bronze". The head is the last colour named (a phrase's head comes last); a colour
joined to it tinges it ("blue-black purple", "yellowy green"); each shade word of
`change_colours.toml` said before it ("dusty", "warm", "buttery") moves it half a step its way.
A word that is no colour and no shade ("popcorn", "bell-metal") changes nothing and is not
said back: the name said back is built of the colour and shade words matched, never the
founder's raw words.
"""

from __future__ import annotations

import colorsys
import re

from livebuild.brief.change_colours import ALL_NAMES, SHADE_NAMES, SHADE_WORDS, Direction, hex_of

_COLOUR = rf"(?:{ALL_NAMES})"
_NAMED = re.compile(rf"\b{_COLOUR}\b")
_SHADE = re.compile(rf"\b(?:{SHADE_NAMES})\b")
_TINGE = re.compile(rf"{_COLOUR}|\b(?:y|ey|ish)\b|(?<=[a-z])(?:y|ey|ish)\b")

_WARM, _COOL = 25 / 360, 215 / 360  # where warmer and cooler turn a hue towards
TURN = 30 / 360  # how far one word turns a hue
_SAME_FAMILY = 30 / 360  # hues this close are one colour's kinds ("navy" of "blue")
# A shade word said of a colour moves it half as far as "warmer" does, and turns its hue a
# third as far: "a warm yellow" is still yellow.
_SHADE_STEP, _SHADE_TURN = 0.5, 1 / 3


def hls(colour: str) -> tuple[float, float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)


def hex_hls(h: float, lightness: float, s: float) -> str:
    r, g, b = colorsys.hls_to_rgb(h % 1.0, max(0.0, min(1.0, lightness)), max(0.0, min(1.0, s)))
    return "#" + "".join(f"{max(0, min(255, round(c * 255))):02x}" for c in (r, g, b))


def _turn_towards(h: float, goal: float, step: float) -> float:
    gap = ((goal - h + 0.5) % 1.0) - 0.5
    return h + max(-TURN * step, min(TURN * step, gap))


def moved(colour: str, direction: Direction, step: float = 1.0) -> str:
    """`colour` moved `step` steps `direction`."""
    h, lightness, s = hls(colour)
    if direction == "warmer":
        h = _turn_towards(h, _WARM, step)
    elif direction == "cooler":
        h = _turn_towards(h, _COOL, step)
    elif direction == "darker":
        lightness = max(0.08, lightness - 0.12 * step)
    elif direction == "lighter":
        lightness = min(0.85, lightness + 0.12 * step)
    elif direction == "softer":
        s, lightness = max(0.18, s * (1 - 0.4 * step)), min(0.85, lightness + 0.04 * step)
    else:
        s = min(1.0, s + 0.25 * step)
    return hex_hls(h, lightness, s)


def shade_words(phrase: str) -> list[str]:
    """The shade words said in `phrase`, in order, each once."""
    return list(dict.fromkeys(m.group(0) for m in _SHADE.finditer(phrase)))


def shaded(colour: str, words: list[str]) -> str:
    """`colour` moved by each shade word in `words`."""
    for word in words:
        for direction in SHADE_WORDS[word]:
            turns = direction in ("warmer", "cooler")
            colour = moved(colour, direction, _SHADE_TURN if turns else _SHADE_STEP)
    return colour


def blend(colour: str, tint: str) -> str:
    """`colour` turned a third of the way towards `tint` by hue (or by lightness, for black,
    white or grey); `tint` itself when it is a kind of `colour`."""
    (h1, l1, s1), (h2, l2, s2) = hls(colour), hls(tint)
    if s2 < 0.15:  # black, white or grey: a shade, not a hue
        return hex_hls(h1, l1 + (l2 - l1) / 3, s1)
    gap = ((h2 - h1 + 0.5) % 1.0) - 0.5
    if abs(gap) < _SAME_FAMILY:
        return tint  # "navy blue", "emerald green": the first is the kind of blue or green
    return hex_hls(h1 + gap / 3, l1, s1)


def named_in(phrase: str) -> list[re.Match[str]]:
    """Every colour `phrase` names, in order."""
    return list(_NAMED.finditer(phrase))


def target_colour(phrase: str, more_shades: list[str] | None = None) -> tuple[str, str] | None:
    """The colour `phrase` names, tinged and shaded as said (and by `more_shades`, said of it
    in another clause: "a warm buttery one"), and its name; None when it names no colour."""
    named = named_in(phrase)
    if not named:
        return None
    head = named[-1]
    colour, name, tints = hex_of(head.group(0)), _said_name(head.group(0)), []
    for tint in named[:-1]:
        between = _TINGE.sub("", phrase[tint.end() : head.start()])
        if re.fullmatch(r"[\s-]*", between):
            colour = blend(colour, hex_of(tint.group(0)))
            tints.append(_said_name(tint.group(0)))
            if colour == hex_of(tint.group(0)):
                name, tints = _said_name(tint.group(0)), []  # "navy blue" is navy
    if tints:
        name = f"{'-'.join(tints)} {name}"  # "blue-black purple"
    words = list(dict.fromkeys([*shade_words(phrase[: head.start()]), *(more_shades or [])]))
    if not words:
        return colour, name
    return shaded(colour, words), f"{' '.join(words)} {name}"


def _said_name(matched: str) -> str:
    return re.sub(r"[\s-]+", " ", matched)
