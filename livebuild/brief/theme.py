"""Colours and fonts: a readable theme of the idea's own, with WCAG contrast checks."""

from __future__ import annotations

import colorsys

from livebuild.brief.model import Theme
from livebuild.brief.seeded import digest

_FONTS = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    '"Avenir Next", Avenir, "Segoe UI", "Helvetica Neue", Helvetica, Arial, sans-serif',
    '"Trebuchet MS", "Gill Sans", "Segoe UI", "DejaVu Sans", sans-serif',
    'ui-rounded, "SF Pro Rounded", "Segoe UI", system-ui, sans-serif',
)
_SERIF_FONT = 'Charter, "Iowan Old Style", Georgia, "Palatino Linotype", "DejaVu Serif", serif'


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c * 255))):02x}" for c in rgb)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _hsl(h: float, s: float, lightness: float) -> str:
    return _hex(colorsys.hls_to_rgb((h % 360) / 360, lightness, s))


def _readable_on_white(h: float, s: float, lightness: float, minimum: float) -> str:
    colour = _hsl(h, s, lightness)
    while contrast_ratio(colour, "#ffffff") < minimum and lightness > 0.05:
        lightness -= 0.02
        colour = _hsl(h, s, lightness)
    return colour


def make_theme(idea: str, *, serif: bool) -> Theme:
    seed = digest(idea, "theme")
    hue = seed % 360
    sat = 0.55 + (seed >> 9) % 25 / 100
    offset = (150, 40, 200, -40, 120)[(seed >> 16) % 5]
    primary = _readable_on_white(hue, sat, 0.46, 4.6)
    accent = _readable_on_white(hue + offset, min(0.85, sat + 0.1), 0.45, 4.6)
    background = _hsl(hue, 0.35 + (seed >> 20) % 30 / 100, 0.975)
    text = _hsl(hue, 0.3, 0.13)
    font = _SERIF_FONT if serif else _FONTS[(seed >> 24) % len(_FONTS)]
    return Theme(primary=primary, accent=accent, background=background, text=text, font=font)
