"""The kind of value a detail's name says it holds: "tag number" is written, "year" counted.

A reader (a model, or the rules) proposes a kind for each detail of a record; the words of its
name can overrule it: an identifier is short text kept as typed (a number field would refuse
"UK 123456 00042" or "+1 555 010 0199", a long text field is a box for paragraphs), and a year
or an age is a number, never money.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from livebuild.english.inflections import all_lemmas
from livebuild.english.lexicon import lexicon
from livebuild.english.shape_words import shape_words

if TYPE_CHECKING:
    from livebuild.english.reading import Reading

# Kinds a count may be proposed as by mistake; a date or a choice stays what it was.
_NOT_COUNTS = frozenset({"money", "longtext", "text"})


def detail_kind(name: str, proposed: str) -> str:
    """The kind for a detail named `name` ("Tag number", "ID", "Year"), given the `proposed`
    one: "text" for an identifier, "number" for a count, else `proposed`."""
    words = name.lower().replace("_", " ").split()
    if not words:
        return proposed
    last = words[-1]
    if last in lexicon().text_identifiers:
        return "text"
    listed = shape_words()
    # "tag number", "room no"; never "number of guests" (a count) nor "number" alone.
    if last in listed["written_ends"] and len(words) > 1 and words[0] != "number":
        return "text"
    if last in listed["counted"] and proposed in _NOT_COUNTS:
        return "number"
    return proposed


# The last word of a detail's name that says what it holds ("coat notes", "the owner's quote").
_ENDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "notes",
            "note",
            "comments",
            "comment",
            "description",
            "history",
            "details",
            "instructions",
            "allergies",
        ],
        "longtext",
    ),
    **dict.fromkeys(
        [
            "price",
            "quote",
            "fee",
            "cost",
            "rate",
            "deposit",
            "amount",
            "total",
            "charge",
            "budget",
            "salary",
            "wage",
            "tip",
        ],
        "money",
    ),
    **dict.fromkeys(
        ["date", "birthday", "deadline", "due", "anniversary", "dob", "expiry", "renewal"], "date"
    ),
    **dict.fromkeys(["email"], "email"),
}


def said_kind(name: str) -> str:
    """The kind a detail the idea names holds, from its words alone: "coat notes" long text,
    "quote" money, "birthday" a date, "phone number" text, "age" a number, else text."""
    words = name.lower().replace("_", " ").split()
    if not words:
        return "text"
    last = words[-1]
    proposed = _ENDS.get(last) or _ENDS.get(last.rstrip("s")) or "text"
    return detail_kind(name, proposed)


@functools.cache
def _unit_abbreviations() -> frozenset[str]:
    from spacy.lang.char_classes import UNITS  # spaCy's own list: "kg", "km", "mph", ...

    return frozenset(u.lower() for u in UNITS.split("|") if u.isascii() and len(u) > 1)


def _measured_in(label: str, reading: Reading) -> bool:
    """Whether the idea gives the detail a unit: "size in litres", "weight (kg)"."""
    said = re.escape(label.lower())
    after = re.findall(rf"\b{said}\s*(?:in|\()\s*([a-z]+)", reading.text.lower())
    return any(_a_unit(w) for w in after)


def _a_unit(word: str) -> bool:
    return word in shape_words()["units"] or word in _unit_abbreviations()


def _past_participle(word: str) -> bool:
    """ "serviced", "fitted", "installed": when it was done."""
    return word.endswith(("ed", "en")) and "VERB" in all_lemmas(word)


def checked_kind(label: str, proposed: str, reading: Reading) -> str:
    """The kind a reader `proposed` for a detail, held to what its label and the idea say:
    an identifier is text and a count a number (`detail_kind`); a detail with a unit ("size
    in litres") or a measurement ("moisture readings") is a number, never money or a date;
    a date only for a label that names a time ("last serviced", "due"); a price or fee said
    as a number is money."""
    kind = detail_kind(label, proposed)
    words = label.lower().replace("_", " ").split()
    if kind != proposed or not words:
        return kind
    listed = shape_words()
    unit = any(_a_unit(w) for w in words) or _measured_in(label, reading)
    measure = unit or any(w in listed["measured"] for w in words)
    if kind == "email" and not any(_ENDS.get(w) == "email" for w in words):
        return "text"  # "next of kin" is someone's name, not an address
    if kind in ("money", "date") and measure:
        return "number"
    if kind == "text" and unit:
        return "number"
    if kind == "date" and not any(w in listed["time_words"] for w in words):
        timed = any(w in lexicon().times or _past_participle(w) for w in words)
        return kind if timed else "text"
    if kind == "money" and not any(w in listed["money_words"] for w in words):
        return "number" if words[-1] in listed["counted"] else kind
    if kind == "number" and _ENDS.get(words[-1]) == "money" and words[-1] in _PRICES:
        return "money"
    return kind


# Details that are always a sum of money, whatever a reader proposed ("price", "fee").
_PRICES = frozenset({"price", "fee", "cost", "deposit", "charge", "salary", "wage", "quote"})
