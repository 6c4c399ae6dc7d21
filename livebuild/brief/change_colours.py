"""The colours a change request may name, and which of several named is the one wished for.

The plan's palette (`colours.COLOUR_NAMES`) and the shades of `change_colours.toml` ("sky blue",
"maroon", "terracotta"), checked when loaded. A request often names two colours, the one it has
and the one it wants: "swap the pink for gold", "blue is too corporate, go for a sunshine
yellow", "can the green be more of a seaside blue? not navy". The one it has is said as the
thing ("the pink", "blue is …", "instead of the purple"); the one refused follows "not".
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from livebuild.brief.colours import COLOUR_NAMES

_FILE = Path(__file__).with_name("change_colours.toml")
_HEX = re.compile(r"^#[0-9a-f]{6}$")


class _Shades(BaseModel):
    model_config = ConfigDict(extra="forbid")
    shades: dict[str, str]

    @field_validator("shades")
    @classmethod
    def _hex(cls, value: dict[str, str]) -> dict[str, str]:
        for name, colour in value.items():
            if not _HEX.match(colour) or not re.fullmatch(r"[a-z]+(?: [a-z]+)?", name):
                raise ValueError(f"{name!r} = {colour!r} is not a lower-case name and a #rrggbb")
        return value


def _load() -> dict[str, str]:
    shades = _Shades.model_validate(tomllib.loads(_FILE.read_text(encoding="utf-8"))).shades
    return {**COLOUR_NAMES, **shades}


CHANGE_COLOURS: dict[str, str] = _load()

# Every name, longest first so "sky blue" is found before "blue"; a space may be a hyphen.
NAMES = "|".join(
    name.replace(" ", r"[\s-]+") for name in sorted(CHANGE_COLOURS, key=len, reverse=True)
)


def hex_of(name: str) -> str:
    """The colour a said name is ("sky-blue", "Sky  blue" and "sky blue" alike)."""
    return CHANGE_COLOURS[re.sub(r"[\s-]+", " ", name.strip().lower())]


# The colour the app has, said as the thing talked of: "the pink", "instead of the purple",
# "rather than orange", "from teal"; or as what is wrong: "blue is too corporate", "the
# purple's a bit much", "the teal feels clinical".
_HAD_BEFORE = re.compile(
    r"\b(?:the|this|that|instead\s+of(?:\s+the)?|rather\s+than(?:\s+the)?|than|from(?:\s+the)?|"
    r"swap(?:\s+the)?|replace(?:\s+the)?|our|current)\s+$",
    re.IGNORECASE,
)
_HAD_AFTER = re.compile(
    r"^(?:'s\b|\s+(?:is|was|feels|looks|seems|isn't|doesn't|we\s+have|now|at\s+the\s+moment)\b)",
    re.IGNORECASE,
)
# "not navy", "no more teal", "not this maroon": never the wish.
_REFUSED = re.compile(
    r"\b(?:not|no\s+more|never)\s+(?:a\s+|an\s+|the\s+|this\s+|that\s+)?$", re.IGNORECASE
)
# "swap the amber for that", "the app should match them": the colour wished was said before.
_POINTS_BACK = re.compile(
    r"\b(?:for|with|to|into|match(?:es|ing)?)\s+(?:that|it|them|those)(?:\s+colou?rs?)?"
    r"\s*(?:$|[,.;!?]|\s+(?:not|instead|rather|please)\b)",
    re.IGNORECASE,
)


def points_back(text: str) -> bool:
    """Whether `text` says the colour it wishes for by pointing at one said before it."""
    return _POINTS_BACK.search(text) is not None


def refused(text: str, start: int) -> bool:
    """Whether the colour named at `start` of `text` is said not to be wanted."""
    return _REFUSED.search(text[max(0, start - 20) : start]) is not None


def had(text: str, start: int, end: int) -> bool:
    """Whether the colour at `start`..`end` of `text` is the one the app has, said to change."""
    before = text[max(0, start - 30) : start]
    return _HAD_BEFORE.search(before) is not None or _HAD_AFTER.match(text[end:]) is not None


def wished(matches: list[re.Match[str]]) -> re.Match[str] | None:
    """Of the colours found in one text, the one wished for: the first neither had nor refused,
    else the first not refused (a colour said alone, "the blue please", is still the wish)."""
    said = [m for m in matches if not refused(m.string, m.start())]
    fresh = [m for m in said if not had(m.string, m.start(), m.end())]
    return next(iter(fresh or said), None)
