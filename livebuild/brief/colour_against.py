"""A colour said against the one the app has, read as a whole request by a small grammar.

"swap the green for something warmer", "less grey, more navy", "tone down the orange", "not
so bright", "instead of blue use teal", "the red is too loud", "can it be a bit darker". Every
clause of the request must be one of three shapes, or the request is left to the other
readers:

- a **target**: the colour said after for/to/with/into/more/use, before "instead of", or
  alone ("popcorn yellow instead", "a dusty blush pink"; `colour_clauses.py`): the new
  colour, named and shaded by `colour_target.py`; a clause beside it may describe it ("a
  warm buttery one"), liken it ("like my sugar roses") or remark on the colour had ("the
  blue is too office-y"). Of a phrase naming several ("the colour of a mussel shell, that
  deep blue-black purple") the last is the one (a phrase's head comes last), tinged by the
  one joined to it ("blue-black purple") and shaded by "deep", "pale", "bright". A word there
  that is no colour the app knows ("swap the green for dishwater") is said plainly, never guessed;
- a **direction**: a word of `colour_moves.toml`'s `towards` ("warmer", "a bit darker", "more
  muted"), or "something warmer" where a colour would go;
- a **complaint**: "too loud", "not so bright", "tone down the orange", "less grey": the
  opposite way (`too`), or away from the colour named ("not so yellow" turns the hue off
  yellow; "less grey" makes it more colourful).

Directions move the target, or else the colour the app has (the main one, or the accent when
the colour complained of is the accent's), computed on its hue, lightness and saturation; the
result is darkened until white text on it reads, as every colour the plan takes is. A move
the reading rules undo ("lighter" of a colour already as light as reads) is said, not faked.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

from livebuild.brief.change_colours import ALL_NAMES, Direction, hex_of
from livebuild.brief.change_ops import Operation, Reading, SetColour
from livebuild.brief.colour_clauses import colour_phrase, described, likened, surely_colour
from livebuild.brief.colour_target import (
    TURN,
    hex_hls,
    hls,
    moved,
    named_in,
    target_colour,
)
from livebuild.brief.colours import readable_on_white
from livebuild.brief.model import Brief
from livebuild.brief.theme import contrast_ratio

_FILE = Path(__file__).with_name("colour_moves.toml")


def _words(value: str) -> str:
    if not re.fullmatch(r"[a-z]+(?: [a-z]+)*", value):
        raise ValueError(f"{value!r}: lower-case words with single spaces")
    return value


Words = Annotated[str, AfterValidator(_words)]


class _Moves(BaseModel):
    model_config = ConfigDict(extra="forbid")
    towards: dict[Direction, list[Words]]
    too: dict[Direction, list[Words]]


@functools.cache
def _moves() -> _Moves:
    return _Moves.model_validate(tomllib.loads(_FILE.read_text(encoding="utf-8")))


def _alternation(words: list[str]) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _lookup(table: dict[Direction, list[str]], said: str) -> Direction:
    said = re.sub(r"\s+", " ", said)
    return next(d for d, words in table.items() if said in words)


_COLOUR = rf"(?:{ALL_NAMES})"
_DEGREE = (
    r"(?:(?:a\s+)?(?:bit|little|touch|tad|shade|smidge|lot)(?:\s+of\s+a)?|slightly|much|"
    r"quite|way|somewhat|even|far|rather|just|lots|really|very|more|that|so)"
)
_POLITE = (
    r"(?:please|pls|maybe|perhaps|thanks|thank\s+you|if\s+possible|if\s+you\s+can|i\s+think|"
    r"ideally|overall|again|too|than\s+(?:that|this|now|it\s+is)|instead)"
)
# Polite words that may lead a clause: not "too", which leads a complaint ("too dark").
_LEAD_POLITE = _POLITE.replace("|too|", "|")
_HAD = rf"(?:the\s+|this\s+|that\s+|our\s+)?(?P<had>{_COLOUR})"
# How a wish starts: "can it be", "could we go", "I'd like it", "make the colour".
_FRAME = (
    r"(?:(?:can|could|would|will)\s+(?:you|we)\s+(?:make|have|go|get)(?:\s+(?:it|the\s+colou?r))?|"
    r"(?:can|could|should)\s+(?:it|the\s+colou?r|the\s+main\s+colou?r)\s+(?:be|go|look)|"
    rf"(?:(?:can|could|should)\s+(?:you\s+)?(?:make\s+)?|make\s+)(?:the\s+|this\s+|our\s+)"
    rf"(?P<named>{_COLOUR})(?:\s+(?:be|go|look))?|"
    r"(?:let's|lets)\s+go|go|make\s+the\s+(?:main\s+)?colou?r|i'?d\s+like\s+it|"
    r"it\s+(?:should|could)\s+(?:be|look)|(?:maybe|perhaps)\s+go|a|something|some)"
)
_ITSELF = r"(?:it|the\s+(?:main\s+)?colou?r|the\s+(?:main\s+)?colou?r\s+scheme|this|everything)"


@dataclass
class _Said:
    """What a request's clauses said of the colour."""

    target: str | None = None  # the phrase naming the new colour
    moves: list[Direction] = field(default_factory=list)
    away: list[str] = field(default_factory=list)  # colours it should be less of
    had: str | None = None  # the colour the founder says the app has
    likened: bool = False  # "the colour of a mussel shell": a likeness, named in another clause
    swapped: bool = False  # the target said in place of a colour ("swap the green for X")
    shades: list[str] = field(default_factory=list)  # "a warm buttery one": said of the target
    # "swap the green for something warmer - a dusty blush pink": the way a colour named
    # beside it goes, moving the current colour only when no colour is named
    something: list[Direction] = field(default_factory=list)


def _clauses(text: str) -> list[str]:
    cut = re.split(r"\s*(?:[,;:.!?\u2014\u2013]+|\s-\s|\s+and\s+|\s+but\s+|\s+then\s+)\s*", text)
    return [c for c in (c.strip() for c in cut) if c]


@functools.cache
def _shapes() -> dict[str, re.Pattern[str]]:
    moves = _moves()
    towards = _alternation([w for words in moves.towards.values() for w in words])
    too = _alternation([w for words in moves.too.values() for w in words])
    # Every repeat is possessive (`*+`) and no word is read two ways, so a request that fails
    # at its end is given up in time linear in its length (never the 2**n of a backtrack).
    polite = rf"(?:\s+{_POLITE})*+"
    lead = (
        rf"^(?:{_LEAD_POLITE}\s+)*+(?:{_FRAME}\s+)?"
        rf"(?:(?!(?:{towards}){polite}$){_DEGREE}\s+)*+"
    )
    return {
        # "warmer", "a bit darker", "can it be a touch lighter please", "more muted"
        "towards": re.compile(rf"{lead}(?P<move>{towards}){polite}$"),
        # "not so bright", "too loud", "the red is too loud", "less yellow", "tone down the orange"
        "too": re.compile(
            rf"^(?:{_LEAD_POLITE}\s+)*+(?:(?:{_HAD}|{_ITSELF})\s*(?:is|'s|feels|looks|seems)\s+)?"
            rf"(?:{_DEGREE}\s+)*+(?:too|not\s+(?:so|as|too)|less|overly)\s+"
            rf"(?:(?P<much>{too})|(?P<away>{_COLOUR})){polite}$"
        ),
        "tone_down": re.compile(
            rf"^(?:{_LEAD_POLITE}\s+)*+(?:{_FRAME}\s+)?(?:tone|calm|dial|knock)\s+(?:(?P<pre>down\s+)?{_HAD}"
            rf"(?(pre)|\s+down)|(?:it|the\s+colou?rs?|things)\s+down|down(?:\s+{_ITSELF})?)"
            rf"(?:\s+(?:a\s+(?:bit|little|touch|notch)))?{polite}$"
        ),
        # "swap the green for X", "change the blue to X", "replace the red with X"
        "swap": re.compile(
            rf"^(?:{_LEAD_POLITE}\s+)*+(?:can\s+(?:you|we)\s+|could\s+(?:you|we)\s+)?"
            rf"(?:swap|switch|change|replace|turn|make)\s+(?:{_HAD}|the\s+(?:main\s+)?colou?r)\s+"
            r"(?:colou?r\s+)?"
            rf"(?:for|to|with|into|over\s+to|more\s+(?:of\s+)?(?:a\s+)?)\s+(?P<target>.+?){polite}$"
        ),
        # "instead of blue use teal", "instead of the green, go for X"
        "instead_first": re.compile(
            rf"^(?:instead\s+of|rather\s+than)\s+{_HAD}\s*,?\s+(?:(?:can\s+we\s+|could\s+we\s+|"
            rf"let's\s+)?(?:use|go\s+for|have|try|pick|do)\s+)?(?P<target>.+?){polite}$"
        ),
        # "teal instead of the blue", "use teal instead of blue"
        "instead_after": re.compile(
            rf"^(?:{_LEAD_POLITE}\s+)*+(?:(?:use|go\s+for|try|have|make\s+it)\s+)?(?P<target>.+?)\s+"
            rf"(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+{_HAD}{polite}$"
        ),
        # "more navy", "more of a seaside blue", "use teal", "go for navy"
        "more": re.compile(
            rf"^(?:{_LEAD_POLITE}\s+)*+(?:more(?:\s+of)?(?:\s+an?)?|use|go\s+for|try)\s+"
            rf"(?P<target>.+?){polite}$"
        ),
        # "the blue is too office-y", "the grey feels dated": the colour had, said in passing
        "had_remark": re.compile(
            rf"^{_HAD}\s*(?:is|'s|feels|looks|seems)\s+(?:{_DEGREE}\s+)*+(?:too\s+)?"
            r"[a-z][a-z'-]{1,20}(?:\s+[a-z][a-z'-]{1,20})?$"
        ),
        # "less grey"
        "less": re.compile(
            rf"^(?:{_LEAD_POLITE}\s+)*+(?:less|fewer|no\s+more)\s+(?P<away>{_COLOUR}){polite}$"
        ),
    }


_SOMETHING = re.compile(
    r"^(?:something|some\s+thing|one|a\s+(?:colou?r|shade)|some\s+colou?r)\s+(?:a\s+bit\s+|"
    r"(?:a\s+)?(?:little|touch|lot|bit)\s+|slightly\s+|much\s+|more\s+)?(?P<move>.+)$"
)
_UNKNOWN = re.compile(
    r"^(?:an?\s+|the\s+|some\s+)?(?P<name>[a-z][a-z'-]{2,20}(?:\s+[a-z][a-z'-]{2,20})?)$"
)
_NOT_COLOUR_WORDS = re.compile(
    r"\b(?:it|that|this|them|those|one|something|anything|colou?rs?|shade|theme|mode|look|"
    r"background|screen|text|font|logo|page|pages|field|fields|list|button|buttons|space|"
    r"room|kind|kinds|records?)\b"
)


def _read_target(phrase: str, found: _Said) -> bool:
    """Whether `phrase` names a new colour (into `found`): a colour, something warmer, or a
    word no colour the app knows (said back plainly)."""
    something = _SOMETHING.match(phrase)
    if something is not None:
        moves = [_towards(m) for m in _clauses(something["move"])]
        if all(moves):
            found.something.extend(m for m in moves if m)
            return True
        return False
    if _LIKENESS.match(phrase):  # "the colour of a plum": a likeness, even of a colour's name
        found.likened = True
        return True
    if named_in(phrase):
        found.target = phrase
        return True
    unknown = _UNKNOWN.match(phrase)
    if unknown is not None and not _NOT_COLOUR_WORDS.search(phrase):
        found.target = phrase
        return True
    return False


# "the colour of a mussel shell", "the same colour as our van": the colour is said beside it.
_LIKENESS = re.compile(r"^(?:the\s+)?(?:same\s+)?colou?r\s+(?:of|as)\s+[a-z' -]{2,40}$")


def _towards(clause: str) -> Direction | None:
    match = _shapes()["towards"].match(clause)
    return None if match is None else _lookup(_moves().towards, match["move"])


def _towards_had(clause: str) -> str | None:
    """The colour a direction was said of ("could the teal be warmer"), if any."""
    match = _shapes()["towards"].match(clause)
    return None if match is None else match["named"]


def _read_clause(clause: str, found: _Said) -> bool:
    """Whether `clause` is one of the grammar's shapes (what it says is added to `found`)."""
    if re.fullmatch(rf"(?:{_POLITE}(?:\s+|$))++", clause):
        return True
    moved = _towards(clause)
    if moved is not None:
        found.moves.append(moved)
        found.had = found.had or _towards_had(clause)
        return True
    shapes = _shapes()
    match = shapes["too"].match(clause) or shapes["less"].match(clause)
    if match is not None:
        found.had = found.had or match.groupdict().get("had")
        if match.groupdict().get("much"):
            found.moves.append(_lookup(_moves().too, match["much"]))
        else:
            found.away.append(match["away"])
            found.had = found.had or match["away"]
        return True
    match = shapes["tone_down"].match(clause)
    if match is not None:
        found.had = found.had or match["had"]
        found.moves.append("softer")
        return True
    match = shapes["had_remark"].match(clause)
    if match is not None:  # "the blue is too office-y": the colour had, said in passing
        found.had = found.had or match["had"]
        return True
    shades = described(clause)
    if shades is not None:
        found.shades.extend(shades)
        return True
    if likened(clause):
        return True
    for name in ("swap", "instead_first", "instead_after", "more"):
        match = shapes[name].match(clause)
        if match is not None and _read_target(match["target"], found):
            found.had = found.had or match.groupdict().get("had")
            found.swapped = found.swapped or name != "more"
            return True
    if found.target is None and colour_phrase(clause):
        found.target = clause  # "popcorn yellow instead", "that deep blue-black purple"
        return True
    return False


def said_against(text: str) -> _Said | None:
    """What `text` says of the colour, when every clause of it is one of the grammar's shapes
    and it names a colour, a direction or a complaint; else None."""
    lowered = re.sub(r"\s+", " ", re.sub(r"[\u2018\u2019]", "'", text.lower())).strip()
    if re.search(r"\b(?:background|theme|mode|screen|font|text)\b|#[0-9a-f]{3,6}\b", lowered):
        return None  # the look as a whole, or a colour given exactly: the other readers'
    clauses = _clauses(lowered)
    found = _Said()
    if not clauses or not all(_read_clause(c, found) for c in clauses):
        return None
    if found.target is None:
        found.moves[:0] = found.something
    if found.target is None and not found.moves and not found.away:
        return None
    if found.likened and found.target is None:
        return None  # a likeness with no colour named: not ours to guess
    if not found.swapped and found.target and not named_in(found.target):
        # "more photos", "less green, more photos": a word is called a colour we don't know
        # only when it is said in place of a colour ("swap the green for dishwater").
        return None
    if not found.moves and not found.something and not surely_colour(lowered):
        return None  # "swap the salmon for trout": things, not colours, named
    return found


def away_from(colour: str, name: str) -> str:
    """`colour` less like the colour `name`: a hue turned off it, or more colourful when the
    colour is a grey, black or white."""
    h, lightness, s = hls(colour)
    hh, _, hs = hls(hex_of(name))
    if hs < 0.15:
        return hex_hls(h, lightness, min(1.0, s + 0.3))
    gap = ((h - hh + 0.5) % 1.0) - 0.5
    return hex_hls(h + (TURN if gap >= 0 else -TURN), lightness, s)


_NEAR_WHITE = 0.9  # a colour this light can't have white text on it however it is shaded
_PALE_LINE = (
    "\u201c{name}\u201d is too pale for the {what}: white text on it couldn't be read, so the "
    "colours are as they were. Try a deeper colour, like navy, sage green or terracotta."
)


def _what(accent: bool) -> str:
    return "accent colour" if accent else "main colour"


def too_pale(colour: str, name: str, accent: bool) -> str | None:
    """Why `colour` ("ivory", "white smoke") can't be the main or accent colour, when it is
    too pale for white text on it however it is shaded; else None."""
    if hls(colour)[1] < _NEAR_WHITE:
        return None
    return _PALE_LINE.format(name=name, what=_what(accent))


_UNKNOWN_LINE = (
    "We don't know the colour \u201c{name}\u201d, so the colours are as they were: try a name "
    "like navy, terracotta or sky blue, or a code like #1f3a5f."
)


_UNDONE_LINE = (
    "\u201c{said}\u201d can't be made {how} for the {what} and still have white text on it "
    "readable, so the colours are as they were; name another colour, like navy or teal."
)
_NEAREST_LINE = (
    "\u201c{said}\u201d, darkened until white text on it reads, is the {what} the app already "
    "has, so the colours are as they were."
)


def colour_against(brief: Brief, text: str) -> Reading | None:
    """The reading of `text` as a colour said against the app's own, or None when it isn't."""
    found = said_against(text)
    if found is None:
        return None
    if _themes_own(brief, found):
        return None  # lighter or darker of a dark theme is its background's: the theme reader's
    if found.target is None and found.had is not None and not _has(brief, found.had):
        # "the red is too loud" of a green app: maybe a red the app doesn't make; asked.
        return Reading(
            not_understood=[
                f"Your app's main colour is {brief.theme.primary} and its accent "
                f"{brief.theme.accent}, neither of them {found.had}: which should change?"
            ]
        )
    accent = _on_accent(brief, found.had)
    current = brief.theme.accent if accent else brief.theme.primary
    if found.target is not None:
        target = target_colour(found.target, found.shades)
        if target is None:
            name = re.sub(r"^(?:an?|the|some)\s+", "", found.target)
            return Reading(not_understood=[_UNKNOWN_LINE.format(name=name)])
        start, said = target
        pale = too_pale(start, said, accent)
        if pale is not None:
            return Reading(not_understood=[pale])
    else:
        start, said = current, ""
        for away in found.away:
            start = away_from(start, away)
    unmoved = readable_on_white(start)
    for direction in found.moves:
        start = moved(start, direction)
    made = readable_on_white(start)
    what = _what(accent)
    if said and not found.moves and made == current:
        return Reading(not_understood=[f"The {what} is already {said}."])
    undone = _undone(found, said, what, (current, unmoved, made))
    if undone is not None:
        return Reading(not_understood=[undone])
    if not _visible(current, made):
        why = ", ".join(found.moves) or "changed that way"
        return Reading(
            not_understood=[
                f"The {what} can't be made {why} and still have white text on it readable, "
                "so it is as it was; name a colour instead, like navy or teal."
            ]
        )
    words = " and ".join(dict.fromkeys(found.moves))
    if said:
        label = f"{words} {said}" if words else said
    else:
        label = f"a {words or 'different'} {found.had or 'shade'}"
        if found.away and not found.moves:
            label = f"less {' or '.join(found.away)}"
    # A colour named plainly goes as said, so that the reply says when it was darkened to read.
    operation: Operation = SetColour(
        start if said and not found.moves else made, label.strip()[:40], accent
    )
    return Reading(operations=[operation])


def _undone(found: _Said, said: str, what: str, colours: tuple[str, str, str]) -> str | None:
    """Why a named colour is not made, when making it readable undoes it: "bronze but not so
    dark" comes out plain bronze, so "lighter" is never said; "light blue" of a blue app comes
    out the blue it has."""
    current, unmoved, made = colours
    if said and found.moves and not _visible(unmoved, made):
        how = " and ".join(dict.fromkeys(found.moves))
        return _UNDONE_LINE.format(how=how, said=said, what=what)
    if said and not _visible(current, made):
        return _NEAREST_LINE.format(said=said, what=what)
    return None


def _themes_own(brief: Brief, found: _Said) -> bool:
    """Whether `found` is only lighter or darker, said of a dark theme (its background's)."""
    plain = found.target is None and found.had is None and not found.away
    dark = contrast_ratio(brief.theme.background, "#ffffff") > 3
    return plain and dark and set(found.moves) <= {"lighter", "darker"}


def _visible(before: str, after: str) -> bool:
    """Whether `after` is a change a founder can see from `before` (not one step in 255)."""
    (h1, l1, s1), (h2, l2, s2) = hls(before), hls(after)
    turned = abs(((h2 - h1 + 0.5) % 1.0) - 0.5) * min(s1, s2)
    return max(turned, abs(l2 - l1), abs(s2 - s1)) >= 0.03


_NEAR = 40 / 360  # a colour said this close in hue is one the app has


def _has(brief: Brief, said: str) -> bool:
    """Whether the colour the founder names is the app's main or accent colour, near enough."""
    h, _, s = hls(hex_of(said))
    if s < 0.15:
        return True  # grey, black or white: said of any colour's shade
    for colour in (brief.theme.primary, brief.theme.accent):
        ch, _, cs = hls(colour)
        if cs < 0.15 or abs(((ch - h + 0.5) % 1.0) - 0.5) <= _NEAR:
            return True
    return False


def _on_accent(brief: Brief, had: str | None) -> bool:
    """Whether the colour the founder complains of is the accent's rather than the main one's."""
    if had is None:
        return False
    h = hls(hex_of(had))[0]

    def gap(colour: str) -> float:
        return abs(((hls(colour)[0] - h + 0.5) % 1.0) - 0.5)

    return gap(brief.theme.accent) + 0.1 < gap(brief.theme.primary)
