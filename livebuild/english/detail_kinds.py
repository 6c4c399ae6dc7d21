"""The kind of value a detail's name says it holds: "tag number" is written, "year" counted.

A reader (a model, or the rules) proposes a kind for each detail of a record; the words of its
name can overrule it: an identifier is short text kept as typed (a number field would refuse
"UK 123456 00042" or "+1 555 010 0199", a long text field is a box for paragraphs), and a year
or an age is a number, never money.
"""

from __future__ import annotations

from livebuild.english.lexicon import lexicon
from livebuild.english.shape_words import shape_words

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
