"""The colours a change request may name, and which of several named is the one wished for.

The plan's palette (`colours.COLOUR_NAMES`) and the vocabulary of `change_colours.toml`, checked
when loaded: CSS's named colours and the paint, fashion and food names founders use ("sky blue",
"oxblood", "duck egg blue"), the things that are colours only where a colour is said
("champagne", "sage", "bronze"), and the shade words that move a colour ("dusty", "buttery",
"deep"). A request often names two colours, the one it has
and the one it wants: "swap the pink for gold", "blue is too corporate, go for a sunshine
yellow", "can the green be more of a seaside blue? not navy". The one it has is said as the
thing ("the pink", "blue is …", "instead of the purple"); the one refused follows "not".
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from livebuild.brief.colours import COLOUR_NAMES
from livebuild.brief.model import Brief
from livebuild.brief.theme import contrast_ratio

_FILE = Path(__file__).with_name("change_colours.toml")
_HEX = re.compile(r"^#[0-9a-f]{6}$")
_NAME = re.compile(r"[a-z]+(?: [a-z]+)*")
_WORD = re.compile(r"[a-z]+")
Direction = Literal["warmer", "cooler", "darker", "lighter", "softer", "brighter"]


class _Vocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    said_only_of_colours: list[str]
    colours: dict[str, str]
    things: dict[str, str]
    shade_words: dict[str, list[Direction]]

    @field_validator("colours", "things")
    @classmethod
    def _hex(cls, value: dict[str, str]) -> dict[str, str]:
        for name, colour in value.items():
            if not _HEX.match(colour) or not _NAME.fullmatch(name) or name in COLOUR_NAMES:
                raise ValueError(
                    f"{name!r} = {colour!r} is not a new lower-case name and a #rrggbb"
                )
        return value

    @model_validator(mode="after")
    def _apart(self) -> _Vocabulary:
        both = (set(self.colours) & set(self.things)) | (
            set(self.shade_words) & {*self.colours, *self.things, *COLOUR_NAMES}
        )
        bad = [w for w, moves in self.shade_words.items() if not moves or not _WORD.fullmatch(w)]
        # "light pink", "deep pink": read as the shade word said of the colour, never a name
        led = [n for n in (*self.colours, *self.things) if n.split()[0] in self.shade_words]
        alone = [w for w in self.said_only_of_colours if w not in self.shade_words]
        empty = not (self.colours and self.things and self.shade_words)
        if both or bad or led or alone or empty:
            raise ValueError(
                "said in two tables, a shade word without moves or not one lower-case word, a "
                "name led by a shade word, a colours-only word that is no shade word, or an "
                f"empty table: {both or bad or led or alone or 'empty'}"
            )
        return self


def _load() -> _Vocabulary:
    return _Vocabulary.model_validate(tomllib.loads(_FILE.read_text(encoding="utf-8")))


_VOCABULARY = _load()
# The colours every reader takes as colours wherever said, and with them the things that are
# colours only where a colour is said (`THINGS`): `ALL_COLOURS` is what a colour request knows.
CHANGE_COLOURS: dict[str, str] = {**COLOUR_NAMES, **_VOCABULARY.colours}
THINGS: frozenset[str] = frozenset(_VOCABULARY.things)
ALL_COLOURS: dict[str, str] = {**CHANGE_COLOURS, **_VOCABULARY.things}
SHADE_WORDS: dict[str, list[Direction]] = _VOCABULARY.shade_words
# The shade words said of nothing but a colour ("dusty", "pale", "darker"): not "hot", "fresh"
# or "dark", said of food too ("hot chocolate", "fresh mint", "dark chocolate").
ONLY_OF_COLOURS: frozenset[str] = frozenset(_VOCABULARY.said_only_of_colours)


def _trie(names: list[str]) -> str:
    """One pattern matching any of `names`, the longest first ("sky blue" before "sky"), a
    space in a name said as spaces or a hyphen: a trie of letters, so a search tries one
    branch a letter rather than every name at every word."""
    root: dict[str, Any] = {}
    for name in names:
        node = root
        for letter in name:
            node = node.setdefault(letter, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [
            (r"[\s-]+" if letter == " " else re.escape(letter)) + pattern(child)
            for letter, child in sorted(node.items())
            if letter
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)


# Every name as one pattern (a space may be a hyphen): `NAMES` the colours wherever said,
# `ALL_NAMES` with the things that are colours only where a colour is said.
NAMES = _trie(list(CHANGE_COLOURS))
ALL_NAMES = _trie(list(ALL_COLOURS))
SHADE_NAMES = _trie(list(SHADE_WORDS))
THING_NAMES = _trie(list(THINGS))


def hex_of(name: str) -> str:
    """The colour a said name is ("sky-blue", "Sky  blue" and "sky blue" alike)."""
    return ALL_COLOURS[re.sub(r"[\s-]+", " ", name.strip().lower())]


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
    r"\b(?:not|no\s+more|never|less|fewer)\s+(?:a\s+|an\s+|the\s+|this\s+|that\s+)?$", re.IGNORECASE
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


# "add a red flag field", "a rose gold option": a colour naming a field, choice or page
_NAMES_A_THING_AFTER = re.compile(
    r"^(?:[\s-]+[a-z'-]+)?\s+(?:fields?|options?|choices?|columns?|tags?|flags?|pages?)\b",
    re.IGNORECASE,
)
_ADDED = re.compile(r"\badd\s+(?:a\s+|an\s+|the\s+|some\s+)?$", re.IGNORECASE)


def names_a_thing(text: str, start: int, end: int) -> bool:
    """Whether the colour at `start`..`end` of `text` is said as the name of a thing added or
    kept ("add a red flag field", "add a rose gold option"), never a colour wished."""
    return bool(_NAMES_A_THING_AFTER.match(text[end : end + 40])) or bool(
        _ADDED.search(text[max(0, start - 20) : start])
    )


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


# "not so dark", "it's too dark", "less dark please": a theme wished lighter, never darker. Said
# anywhere, it may be of something else ("the buttons are too dark") or denied ("it's not too
# dark"): `NOT_DARK` finds it to keep "dark" from being read as a dark theme, and only
# `theme_too_dark`, the whole request the complaint, switches a dark theme to the light one.
NOT_DARK = re.compile(
    r"\b(?:not\s+(?:so|as|too|that|this|quite\s+so)|less|too|overly|far\s+too|way\s+too)\s+"
    r"dark(?:\s+(?:theme|mode|look|background))?\b",
    re.IGNORECASE,
)
_DEGREE = (
    r"(?:(?:a\s+)?(?:bit|little|touch|tad)(?:\s+of)?\s+|just\s+|way\s+|far\s+|much\s+|slightly\s+)?"
)
_TOO_DARK = re.compile(
    r"^(?:(?:(?:it|everything|the\s+(?:app|theme|background|look|site|whole\s+thing))\s*"
    rf"(?:is|'s|looks|feels|seems)\s+)?{_DEGREE}(?:too|overly)|"
    rf"(?:(?:make\s+it|can\s+it\s+be|could\s+it\s+be)\s+)?{_DEGREE}"
    r"(?:not\s+(?:so|as|quite\s+so)|less))\s+"
    r"dark(?:\s+(?:theme|mode|background|look))?(?:\s+(?:please|pls|thanks))*$",
    re.IGNORECASE,
)


def theme_too_dark(text: str) -> bool:
    """Whether `text` as a whole says the app is too dark ("it's too dark", "not so dark",
    "less dark please"), not "the buttons are too dark" nor "it's not too dark"."""
    return _TOO_DARK.match(re.sub(r"\s+", " ", text.lower()).strip(" !.?")) is not None


def dark_now(brief: Brief) -> bool:
    """Whether `brief`'s theme is the dark one (its background far from white)."""
    return contrast_ratio(brief.theme.background, "#ffffff") > 3
