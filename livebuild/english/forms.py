"""Singular and plural of the founder's nouns, from an inflection dictionary."""

from __future__ import annotations

import functools

from livebuild.english.inflections import all_inflections, inflection, lemma
from livebuild.english.shape_words import shape_words
from livebuild.english.spelling import known

# Nouns whose dictionary plural is not the one people say.
_SAID_PLURALS = {"person": "people", "staff": "staff", "equipment": "equipment", "gear": "gear"}


# Words up to this long are kept once read: a founder's nouns; a longer "word" (a pasted blob
# in a hostile idea) is read each time, so the cache stays small (16,384 short words).
_KEPT_CHARS = 64


def singular(word: str) -> str:
    """The dictionary form of the noun `word` ("supplies" -> "supply", "lenses" -> "lens")."""
    return _singular_kept(word) if len(word) <= _KEPT_CHARS else _singular(word)


@functools.lru_cache(maxsize=1 << 14)
def _singular_kept(word: str) -> str:
    return _singular(word)


def _singular(word: str) -> str:
    lower = word.lower()
    if not lower.isascii() or not lower[:1].isalpha():
        return lower
    lemmas = lemma(lower, upos="NOUN")
    if not lemmas:
        return lower
    if (
        len(lower) > 4
        and lemmas == (lower,)
        and lower.endswith("is")
        and _plural_of_known(lower[:-1], lower)
    ):
        # "tipis", "yetis": a dictionary that keeps them whole is read by the word in the
        # singular it knows, whose plural they are; "axis", "tennis" have no such word.
        return lower[:-1]
    # "lenses" -> ("lens", "lense"), "doses" -> ("dose", "dos"): the first reading a
    # dictionary knows is the real noun, else the shortest.
    real = [str(found) for found in lemmas if known(str(found))]
    if not real and not lower.endswith("s"):
        # "tombola", "deuteranopia": a singular the rules would make Latin ("tombolum"); a
        # plural not ending in s ("children", "criteria") has a dictionary word for one.
        return lower
    return real[0] if real else str(min(lemmas, key=len))


def _plural_of_known(one: str, many: str) -> bool:
    """Whether `many` is the plural of `one`, a word the dictionary knows."""
    return known(one) and inflection(one, tag="NNS")[:1] == (many,)


def plural(word: str) -> str:
    """The plural of the noun `word` ("lens" -> "lenses", "person" -> "people")."""
    lower = word.lower()
    if lower in _SAID_PLURALS:
        return _SAID_PLURALS[lower]
    if lower.endswith("person") and lower != "person":
        return lower[: -len("person")] + "people"  # "tradesperson", "salesperson"
    if "-" in lower and not all_inflections(lower, upos="NOUN"):
        return _hyphenated_plural(lower)
    forms = inflection(lower, tag="NNS") if lower.isascii() else ()
    return str(forms[0]) if forms else lower + "s"


def _hyphenated_plural(word: str) -> str:
    """The plural of a hyphenated trade word the dictionary lacks, by its last part: "t-shirt"
    -> "t-shirts"; a last part the dictionary knows no noun for is no Latin to decline
    ("hi-vis" stays "hi-vis", not "hi-vides"; "drop-in" -> "drop-ins")."""
    first, _, last = word.rpartition("-")
    if all_inflections(last, upos="NOUN"):
        return f"{first}-{plural(last)}"
    return word if last.endswith("s") else word + "s"


def is_plural(word: str) -> bool:
    """Whether the noun `word` is a plural form ("ewes", "bookings"; not "species", "lens")."""
    lower = word.lower()
    if not lower.endswith("s") or not lower.isascii():
        return False
    one = singular(lower)
    return one != lower and plural(one) == lower


def as_singular(word: str) -> str:
    """`word` in the singular when it is a plural noun ("ewes" -> "ewe"), else as it is.

    The plurals a dictionary reads oddly ("calories" -> "calory") come from the shape reader's
    own table first."""
    lower = word.lower()
    known = shape_words().table("plurals").get(lower)
    if known is not None:
        return known
    return singular(lower) if is_plural(lower) else lower
