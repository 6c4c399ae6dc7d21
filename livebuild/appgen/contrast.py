"""WCAG contrast between #rrggbb colours, and nudging a colour until text on it is readable."""

from __future__ import annotations

import functools

AA = 4.5


def _channels(colour: str) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def mix(a: str, b: str, weight: float) -> str:
    """Blend two #rrggbb colours; weight is the share of `a`."""
    return "#" + "".join(
        f"{round(x * weight + y * (1 - weight)):02x}"
        for x, y in zip(_channels(a), _channels(b), strict=True)
    )


# A build writes its theme at every stage, each colour weighed against many: a few hundred
# distinct colours in all, remembered rather than computed thousands of times a build.
@functools.lru_cache(maxsize=4096)
def luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_dark(colour: str) -> bool:
    return luminance(colour) < 0.18


def readable(colour: str, backgrounds: list[str], minimum: float = AA) -> str:
    """`colour`, moved toward white or black (whichever reads better) until it passes on all."""
    if all(ratio(colour, bg) >= minimum for bg in backgrounds):
        return colour
    darkest = min(backgrounds, key=luminance)
    lightest = max(backgrounds, key=luminance)
    # Light text for dark backgrounds, dark text for light ones.
    target = "#ffffff" if ratio("#ffffff", darkest) >= ratio("#000000", lightest) else "#000000"
    for step in range(1, 21):
        candidate = mix(target, colour, step / 20)
        if all(ratio(candidate, bg) >= minimum for bg in backgrounds):
            return candidate
    return target


def on(background: str) -> str:
    """White or near-black, whichever reads better on `background`."""
    return "#ffffff" if ratio("#ffffff", background) >= ratio("#14161c", background) else "#14161c"


def fill_for_white(colour: str, minimum: float = AA) -> str:
    """`colour` darkened until white text on it passes."""
    for step in range(0, 21):
        candidate = mix("#000000", colour, step / 20)
        if ratio("#ffffff", candidate) >= minimum:
            return candidate
    return "#000000"
