"""The tagline said by what it does or by where it sits, read from `tagline_places.toml`.

Founders rarely say "tagline". They say what it does ("the slogan", "the strapline", "the
one-liner") or where it sits ("the little line under the name", "the bit under the logo", "the
text on the front page"). A phrase is the tagline when it is a role word, or a word for some
text followed by a place: beside the name, title or logo (or the app's own name, "the line
under SkyGlow"), or on the front page. The phrase is then said "the tagline", so the grammar of
a set, change or put request reads it: "change the line under the name to X" sets the tagline,
while "change the name to X" names no place and still renames the app.

Words given to put there are read the same way: "Put 'Since 1998' under the name instead of
what's there" and "under the logo, put 'Since 1998'" set the tagline to the quoted words.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

_FILE = Path(__file__).with_name("tagline_places.toml")


def _phrase(value: str) -> str:
    if not re.fullmatch(r"[a-z][a-z' -]*[a-z]", value) or "  " in value:
        raise ValueError(f"{value!r}: lower-case words, spaces, hyphens and apostrophes only")
    return value


Phrase = Annotated[str, AfterValidator(_phrase)]


class _Places(BaseModel):
    model_config = ConfigDict(extra="forbid")
    roles: list[Phrase]
    carriers: list[Phrase]
    sizes: list[Phrase]
    sitting: list[Phrase]
    beside: list[Phrase]
    anchors: list[Phrase]
    pages: list[Phrase]


def _any(phrases: list[str]) -> str:
    """The phrases as one alternation, longest first; a space or hyphen may be either."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return (
        "(?:"
        + "|".join(r"[\s-]+".join(map(re.escape, re.split(r"[ -]", p))) for p in ordered)
        + ")"
    )


@functools.cache
def _places() -> _Places:
    return _Places.model_validate(tomllib.loads(_FILE.read_text(encoding="utf-8")))


@functools.cache
def _where() -> str:
    """A place the tagline sits: "under the name", "below our logo", "on the front page"."""
    p = _places()
    beside = rf"{_any(p.beside)}\s+(?:the\s+|our\s+|my\s+)?{_any(p.anchors)}"
    page = rf"(?:on|at)\s+(?:the\s+|our\s+|my\s+)?{_any(p.pages)}"
    return rf"(?:{beside}|{page})"


@functools.cache
def by_place() -> re.Pattern[str]:
    """The tagline named by role or by place; `article` is its "the", "our" or "that". Only a
    definite one: "add a slogan field" or "add a byline to books" names a new field."""
    p = _places()
    # "the small line sitting under the name": a verb of where it is may come between.
    sits = rf"(?:{_any(p.sitting)}\s+)?"
    carried = rf"{_any(p.carriers)}\s+{sits}{_where()}"
    role = rf"{_any(p.roles)}(?:\s+{sits}{_where()})?"
    return re.compile(
        rf"\b(?P<article>the\s+|our\s+|that\s+)(?:{_any(p.sizes)}\s+)?(?:{carried}|{role})\b"
        r"(?!\s+(?:fields?|columns?|boxe?s?)\b)"
        # "the words under the heading on the couples page", "the tagline on each couple": a
        # record kind's page or its records, never the app's tagline
        rf"(?!\s+(?:on|of|for)\s+(?:each|every)\b|\s+on\s+the\s+(?!{_any(p.pages)}\b)"
        r"[a-z'-]+(?:\s+[a-z'-]+)?\s+page\b)",
        re.IGNORECASE,
    )


@functools.cache
def _anchor() -> re.Pattern[str]:
    p = _places()
    return re.compile(
        rf"\b{_any(p.beside)}\s+(?:the\s+|(?P<whose>our\s+|my\s+))?(?P<anchor>{_any(p.anchors)})\b",
        re.IGNORECASE,
    )


_ASK = (
    "\u201c{said}\u201d could mean the tagline or your {field} field: which one? Say \u201cchange "
    "the tagline to \u2026\u201d, or name the field and its record kind."
)


def field_placed(text: str, names: frozenset[str]) -> str | None:
    """A question when `text` places words by a title, name or heading that is also one of
    the plan's field names (`names`, lower case): "put 'URGENT' under the name" on a plan whose
    customers have a Name could mean that field, so it is asked, not guessed."""
    # Only words put there: "the little text under the name" names the text itself, as on main.
    said = _put_there().match(text.strip()) or _put_after_colon().match(text.strip())
    if said is None:
        return None
    anchor = _anchor().search(said[0])
    if anchor is None or re.sub(r"[\s-]+", " ", anchor["anchor"].lower()) not in names:
        return None
    if anchor["whose"]:
        return None  # "under our name": the business's name, never a record's
    return _ASK.format(said=said[0].strip(), field=anchor["anchor"].capitalize())


def _quoted(name: str) -> str:
    """Words in quotes, as group `name`."""
    return rf"['\"\u2018\u201c](?P<{name}>[^'\"\u2018\u2019\u201c\u201d]{{2,160}})['\"\u2019\u201d]"


_PUT = r"(?:put|write|have|show|add|stick|pop|say|display|use)"
_ASKING = r"(?:(?:please|can\s+you|could\s+you|can\s+we|could\s+we)\s+)?"


@functools.cache
def _put_there() -> re.Pattern[str]:
    """ "Put 'X' under the name (instead of what's there)", "under the logo, put 'X'"."""
    return re.compile(
        rf"^{_ASKING}{_PUT}\s+{_quoted('first')}\s+{_where()}(?P<rest>.*)$|"
        rf"^{_where()}\s*,?\s*{_ASKING}{_PUT}\s+{_quoted('then')}(?P<rest_then>.*)$",
        re.IGNORECASE,
    )


_QUOTES = " '\"\u2018\u2019\u201c\u201d"


# Words after the colon that start or hold another request ("…: and also remove the Village
# field", "…: Free delivery; also delete customers") are not set as the tagline.
_SECOND_REQUEST = re.compile(
    r"^\W*(?:and|also|then|plus)\b|[;,.]\s*(?:and\s+)?(?:also|then)\b|"
    r"\b(?:remove|delete|drop|rename|add)\s+(?:the|a|an|all|every)?\b",
    re.IGNORECASE,
)


@functools.cache
def _put_after_colon() -> re.Pattern[str]:
    """ "Write under our name: X": the words put there said after a colon, unquoted."""
    return re.compile(
        rf"^{_ASKING}{_PUT}\s+{_where()}\s*:\s*(?P<colon>\S.{{0,159}}?)\s*$", re.IGNORECASE
    )


# What may follow the words put there: "instead of what's there", "please", "for now".
_AFTER_PUT = re.compile(
    r"^\s*(?:,?\s*(?:instead(?:\s+of\s+(?:what's|what\s+is|the\s+one)\s+(?:there|now|already))?|"
    r"rather\s+than\s+(?:what's|what\s+is)\s+there|please|thanks|for\s+now|if\s+you\s+can|"
    r"now))*\s*[.!?]*\s*$",
    re.IGNORECASE,
)


def _the_name(said: re.Match[str], product_name: str) -> str:
    """ "under SkyGlow" is under the name when the words are of the app's name (SkyGlow Drone
    Shows); "under Bookings" is not."""
    own = {w.lower() for w in re.findall(r"[\w&'.-]+", product_name)}
    words = [w.lower() for w in said["name"].split()]
    if words and all(w in own for w in words):
        return f"{said['beside']} the app name"
    return said[0]


def named_in_place(text: str, product_name: str) -> str:
    """`text` with the app's own name after a place word said as "the name" ("the little line
    under SkyGlow" is the line under the name), and quoted words put under the name said as a
    new tagline."""
    if product_name.strip():
        beside = _any(_places().beside)
        text = re.sub(
            rf"\b(?P<beside>{beside})\s+(?:the\s+)?['\"\u2018\u201c]?"
            r"(?P<name>(?-i:[A-Z0-9][\w&'.-]*)(?:\s+(?-i:[A-Z0-9&][\w&'.-]*))*)['\"\u2019\u201d]?"
            r"(?=\s|$|[,.:;!?\u2192-])",
            lambda m: _the_name(m, product_name),
            text,
            flags=re.IGNORECASE,
        )
    put = _put_there().match(text.strip())
    if put is not None and _AFTER_PUT.match(put["rest"] or put["rest_then"] or ""):
        return f"change the tagline to \u201c{(put['first'] or put['then']).strip()}\u201d"
    after_colon = _put_after_colon().match(text.strip())
    if after_colon is not None and _SECOND_REQUEST.search(after_colon["colon"]) is None:
        words = after_colon["colon"].strip(_QUOTES)
        return f"change the tagline to \u201c{words}\u201d"
    return text
