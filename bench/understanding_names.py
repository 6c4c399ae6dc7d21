"""How the understanding benchmark compares names: case-, plural- and punctuation-insensitive.

A founder's "Sign-ups" is the same kind as "sign ups" or "Signup"; "Categories" is "category".
Singular and plural are told apart by a tiny local rule that only has to be consistent: two
words match when one of the forms each may take is shared ("boxes" → "box", "shoes" → "shoe",
"cookies" → "cookie"), so no inflection library is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_IRREGULAR = {
    "children": "child",
    "people": "person",
    "men": "man",
    "women": "woman",
    "kids": "kid",
    "mice": "mouse",
    "geese": "goose",
    "teeth": "tooth",
}
_APOSTROPHES = re.compile(r"['’‘`]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def words(text: str) -> list[str]:
    """The words of a name, lower case, apostrophes dropped, other punctuation a break."""
    lowered = _APOSTROPHES.sub("", text.lower().replace("&", " and "))
    return [w for w in _NOT_WORD.split(lowered) if w]


def forms(word: str) -> set[str]:
    """Every form a word may take once a plural ending is taken off (itself included)."""
    found = {word}
    if word in _IRREGULAR:
        found.add(_IRREGULAR[word])
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        found.add(word[:-1])
        if word.endswith("es"):
            found.add(word[:-2])
        if word.endswith("ies"):
            found.add(word[:-3] + "y")
    return found


def _same_word(a: str, b: str) -> bool:
    return bool(forms(a) & forms(b))


def _same_words(a: Sequence[str], b: Sequence[str]) -> bool:
    return len(a) == len(b) and all(_same_word(x, y) for x, y in zip(a, b, strict=True))


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same, up to case, plural, punctuation and spacing."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    return _same_words(wa, wb) or _same_word("".join(wa), "".join(wb))


def names_kind(name: str, synonym: str) -> bool:
    """Whether a record kind's name stands for the synonym: the same name, or a short name
    whose last word is the one-word synonym ("Dog walks" for "walks")."""
    if same_name(name, synonym):
        return True
    wn, ws = words(name), words(synonym)
    return len(ws) == 1 and 1 < len(wn) <= 3 and _same_word(wn[-1], ws[0])


def kind_in_group(names: Iterable[str], group: Iterable[str]) -> bool:
    """Whether any of a record kind's names (singular, plural) stands for any synonym."""
    listed = list(group)
    return any(names_kind(name, synonym) for name in names for synonym in listed)


def label_matches(label: str, synonym: str, spare: int = 3) -> bool:
    """Whether a field's label says the synonym: the same name, or every word of the synonym
    in a label only a few words longer ("OK off the lead" says "off lead"; a whole sentence
    copied into a label doesn't)."""
    if same_name(label, synonym):
        return True
    wl, ws = words(label), words(synonym)
    if not ws or len(wl) > len(ws) + spare:
        return False
    return all(any(_same_word(s, w) for w in wl) for s in ws)


def label_in_group(label: str, group: Iterable[str]) -> bool:
    return any(label_matches(label, synonym) for synonym in group)


def normalised_text(text: str) -> str:
    """Text as a run of lower-case words, for "the tagline contains ..." checks."""
    return " ".join(words(text))
