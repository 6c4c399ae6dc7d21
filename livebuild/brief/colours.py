"""Named colours and whole-theme changes a founder can ask for, kept readable."""

from __future__ import annotations

import colorsys
from dataclasses import replace

from livebuild.brief.model import Brief, Theme
from livebuild.brief.theme import contrast_ratio, make_theme

# Hues founders name; each is turned into a shade readable on white.
COLOUR_NAMES: dict[str, str] = {
    "red": "#d62828",
    "crimson": "#b3123a",
    "orange": "#e8590c",
    "amber": "#f59f00",
    "yellow": "#e0b000",
    "gold": "#c99400",
    "green": "#2b8a3e",
    "emerald": "#0f9d58",
    "olive": "#6b8e23",
    "lime": "#66a80f",
    "teal": "#0c8599",
    "turquoise": "#1098ad",
    "cyan": "#1098ad",
    "blue": "#1c64f2",
    "navy": "#1e3a8a",
    "indigo": "#4c3fd1",
    "purple": "#7b2cbf",
    "violet": "#7048e8",
    "lavender": "#845ef7",
    "pink": "#d6336c",
    "magenta": "#c2255c",
    "brown": "#8b5a2b",
    "grey": "#495057",
    "gray": "#495057",
    "black": "#212529",
}

_DARK_BACKGROUND = "#15171e"
_DARK_TEXT = "#e9ecf2"


def _darken_until_readable(colour: str, minimum: float = 4.6) -> str:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    while contrast_ratio(colour, "#ffffff") < minimum and lightness > 0.05:
        lightness -= 0.02
        colour = "#" + "".join(
            f"{max(0, min(255, round(c * 255))):02x}" for c in colorsys.hls_to_rgb(h, lightness, s)
        )
    return colour


def readable_on_white(colour: str) -> str:
    """`colour` darkened until white text on it reads, as every main and accent colour is."""
    return _darken_until_readable(colour)


# How far round the colour wheel a matching accent sits from the main colour: a neighbour
# (green and teal, blue and violet), so the logo's and the bars' fades from one to the other fit.
_ACCENT_TURN = 35 / 360


def matching_accent(primary: str) -> str:
    """An accent that fits `primary`: its neighbouring hue, as vivid, readable on white."""
    r, g, b = (int(primary[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    turned = colorsys.hls_to_rgb((h + _ACCENT_TURN) % 1, lightness, s)
    return _darken_until_readable("#" + "".join(f"{round(c * 255):02x}" for c in turned))


def accent_is_rules(brief: Brief) -> bool:
    """Whether the accent is still the rules' own (the idea's, or one matching the main
    colour), so a new main colour may bring its own; an accent the founder chose is kept."""
    made = (make_theme(brief.idea, serif=False).accent, matching_accent(brief.theme.primary))
    return brief.theme.accent in made


def recolour(
    theme: Theme, colour: str, *, accent: bool = False, accent_follows: bool = False
) -> Theme:
    """The theme with its main (or accent) colour set to a named or #rrggbb colour; with
    `accent_follows`, a new main colour brings a matching accent."""
    value = _darken_until_readable(COLOUR_NAMES.get(colour, colour).lower())
    if accent:
        return replace(theme, accent=value)
    if accent_follows:
        return replace(theme, primary=value, accent=matching_accent(value))
    return replace(theme, primary=value)


def dark_theme(theme: Theme) -> Theme:
    return replace(theme, background=_DARK_BACKGROUND, text=_DARK_TEXT)


def light_theme(theme: Theme) -> Theme:
    if contrast_ratio(theme.background, "#ffffff") < 1.2:
        return theme
    return replace(theme, background="#f8f9fc", text="#1b1f2a")


def shade(colour: str, said: str | None) -> str:
    """`colour` made darker ("dark", "deep"), lighter ("light", "pale") or brighter."""
    if not said:
        return colour
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    if said in ("dark", "deep"):
        lightness = max(0.08, lightness - 0.15)
    elif said == "bright":
        s = min(1.0, s + 0.2)
    else:
        lightness = min(0.85, lightness + 0.15)
    return "#" + "".join(
        f"{max(0, min(255, round(c * 255))):02x}" for c in colorsys.hls_to_rgb(h, lightness, s)
    )
