"""A choice field said to be a list of options, read as that list instead of its own: "tiers
should be standard, premium and deluxe", "the package should be Basic or Premium", "sizes are
now S, M, L". The options named replace the field's; said with "also", "too", "as well" or
"more", they add to it, and the readers of added options answer instead.

The field is the plan's own, found by its name before the verb (only when sure and a choice);
the options are a list (two or more, joined by commas, "and", "or" or slashes), each a short
name, never a clause.
"""

from __future__ import annotations

import re

from livebuild.brief.change_names import find_entity, find_field
from livebuild.brief.change_ops import ChangeKind, Operation
from livebuild.brief.change_words import values
from livebuild.brief.model import Brief

_MAX_CHARS = 200
_MOST_WORDS = 3  # the most words one option has
_SAID = re.compile(
    r"^(?:the\s+|our\s+)?(?P<field>[\w' -]{2,40}?)\s+"
    r"(?:(?:(?:should|must|need\s+to|needs\s+to|has\s+to|have\s+to|will|can)\s+)?"
    r"(?:only\s+|just\s+|now\s+)?(?:be|are)|is\s+(?=(?:now|only|just|one\s+of|either)\s))\s+"
    r"(?:only\s+|just\s+|now\s+)?(?:(?:one\s+of|either)\s+)?"
    r"(?P<items>[^.;:!?]+?)\.?$",
    re.IGNORECASE,
)
_LISTED = re.compile(r",|\s(?:and|or|&)\s|/")
_MORE = re.compile(r"\b(?:also|too|as\s+well|aswell|more|another|extra|additional|include)\b", re.I)
# Words no option is: the list is a clause ("should be picked from the list", "is not used").
_CLAUSE = re.compile(
    r"\b(?:not|no|never|picked|chosen|from|a|an|the|of|for|with|to|be|been|it|they|them|"
    r"we|our|choice|dropdown|list|options?|text|number|date)\b",
    re.IGNORECASE,
)


def choice_listed(brief: Brief, text: str) -> list[Operation]:
    """The options `text` says a choice field of the plan offers, replacing its own; or
    nothing when the text is not of that shape."""
    said = _SAID.match(text.strip()[:_MAX_CHARS])
    if said is None or _MORE.search(text) or not _LISTED.search(said["items"]):
        return []
    owner = find_entity(brief, said["field"])
    found = find_field(brief, said["field"])
    if found is None or not found.sure or found.field.kind != "choice":
        return []
    if owner is not None and owner.sure and owner.score > found.score:
        return []  # "subscribers should be …" is about the record kind, not a field
    options = values(said["items"])
    if len(options) < 2 or any(len(o.split()) > _MOST_WORDS or _CLAUSE.search(o) for o in options):
        return []
    kept = {c.lower() for c in found.field.choices}
    verb_first = re.match(r"\w+(?:ing|ed)\b", options[0]) is not None and len(options) < 3
    if verb_first and not kept & {o.lower() for o in options}:
        return []  # "sizes are missing XL and XXL": a verb, not the options
    options = [o[:1].upper() + o[1:] for o in options]
    return [ChangeKind(found.entity.slug, found.field.name, "choice", tuple(options))]
