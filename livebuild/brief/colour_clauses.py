"""Clauses that say more of a new colour than its name, read word by word (no backtracking).

Beside a colour request's target or complaint a founder says how the new colour should look
or what it is like: "popcorn yellow instead", "a dusty blush pink", "a warm buttery one",
"like my sugar roses". Each reader here takes one clause (already lower case, cut at commas)
and says whether it is that shape; every one is a loop over the clause's words, so a huge or
crafted request costs time linear in its length.
"""

from __future__ import annotations

import re

from livebuild.brief.change_colours import ONLY_OF_COLOURS, SHADE_WORDS, THINGS
from livebuild.brief.colour_target import named_in, shade_words

# Words around a colour said alone that say nothing of it.
_ARTICLES = frozenset({"a", "an", "the", "some", "that", "this", "our", "my", "your"})
_FILLERS = frozenset(
    {"lovely", "nice", "proper", "kind", "sort", "of", "like", "more", "really", "very", "quite",
     "bit", "little", "touch", "slightly", "much", "lot", "tad", "rather", "but", "and", "with",
     "something", "somewhat", "maybe", "perhaps"}
)  # fmt: skip
_AFTER = frozenset({"instead", "please", "pls", "thanks", "one", "shade", "colour", "color"})
_STANDS_FOR = frozenset({"one", "shade", "colour", "color", "tone", "version"})
# Words that no colour's likeness is: a clause with them asks something else.
_NOT_LIKENESS = frozenset(
    {"field", "fields", "page", "pages", "list", "record", "records", "kind", "button", "text",
     "font", "logo", "background", "theme", "mode", "add", "remove", "delete", "rename",
     "accent", "accents", "highlight", "highlights", "header", "heading", "title", "nav",
     "menu", "bar", "link", "links", "border", "icon", "icons", "card", "cards", "not", "no"}
)  # fmt: skip
_MOST_OTHER_WORDS = 2  # "popcorn yellow", "bell-metal bronze", "my sugar pink"
_WORD = re.compile(r"[a-z][a-z'-]*")


def _words(clause: str) -> list[str] | None:
    words = clause.split()
    if len(words) > 12 or not all(_WORD.fullmatch(w) for w in words):
        return None
    return words


def colour_phrase(clause: str) -> bool:
    """Whether `clause` is a colour said alone: "popcorn yellow instead", "a dusty blush pink",
    "that deep blue-black purple": words of colour and shade ending in a colour, with at most
    two words of likeness before it ("popcorn", "bell-metal")."""
    words = _words(clause)
    if not words:
        return False
    while words and words[-1] in _AFTER:
        words.pop()
    named = named_in(" ".join(words))
    if not named or named[-1].end() != len(" ".join(words)):
        return False
    plain = " ".join(words)
    other = 0
    for word in re.sub(r"\s+", " ", _strip_named(plain)).split():
        if word in _ARTICLES or word in _FILLERS or word in SHADE_WORDS:
            continue
        if word in _NOT_LIKENESS or word.endswith("s"):
            return False
        other += 1
    return other <= _MOST_OTHER_WORDS


def _strip_named(phrase: str) -> str:
    out, at = [], 0
    for match in named_in(phrase):
        out.append(phrase[at : match.start()])
        at = match.end()
        # "yellowy", "pinkish": a colour's tinge is the colour's
        if re.match(r"(?:y|ey|ish)\b", phrase[at:]):
            at = phrase.index(" ", at) if " " in phrase[at:] else len(phrase)
    out.append(phrase[at:])
    return re.sub(r"-", " ", " ".join(out))


def described(clause: str) -> list[str] | None:
    """The shade words of a clause that only describes the colour said beside it ("a warm
    buttery one", "soft and dusty", "nothing too bright" is not one), else None."""
    words = _words(clause)
    if not words:
        return None
    said = [w for w in words if w in SHADE_WORDS]
    rest = [w for w in words if w not in SHADE_WORDS]
    if not said or any(w not in _ARTICLES and w not in _FILLERS and w not in _AFTER for w in rest):
        return None
    if len(said) == len(words) or words[-1] in _STANDS_FOR or words[0] in {"a", "an"}:
        return said
    return None


_LIKE = re.compile(
    r"^(?:(?:just|a\s+bit|sort\s+of|kind\s+of|rather|more|something)\s+)?(?:like|as\s+in)\s+"
    r"(?P<what>[a-z][a-z' -]{0,40})$"
)


def likened(clause: str) -> bool:
    """Whether `clause` likens the colour to something ("like my sugar roses", "like a
    sunset"), which names no colour of its own."""
    match = _LIKE.match(clause)
    if match is None:
        return False
    words = match["what"].split()
    return len(words) <= 6 and not _NOT_LIKENESS.intersection(words)


_COLOUR_WORD = re.compile(r"\b(?:colou?rs?|shades?|hue|tone|palette)\b")


def surely_colour(text: str) -> bool:
    """Whether `text` is surely about colour even when the only colours it names are also
    things ("champagne", "sage", "bronze"): a colour named that is nothing else, a shade word
    said only of colours ("dusty", "pale", "darker"; not "hot" or "fresh", said of food too:
    "hot chocolate", "fresh mint"), or a word of colour ("shade", "colour")."""
    if ONLY_OF_COLOURS.intersection(shade_words(text)) or _COLOUR_WORD.search(text):
        return True
    return any(re.sub(r"[\s-]+", " ", m.group(0)) not in THINGS for m in named_in(text))
