"""A change said after its reason: "every course has lunch now so the Lunch included tick box is
pointless", "for a result we only ever write the score, like 6.8, so it should be a number",
"we only ever book by the day, so drop the notes".

The reason is a statement (said by "we", "I", "they", "every …", "each …", "it", "there" or
"for …, we …", asking nothing), then "so" (or "which means", "that's why", "hence"), then the
change. Only the change is read: no word of the reason may become a field or a kind ("+Lunch
now"). "It" or "that" at the head of the change is the one field of the plan the reason names
("the score … so it should be a number"); a reason naming no field, or two, leaves "it" as said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from livebuild.brief.change_names import find_field
from livebuild.brief.model import Brief
from livebuild.english.nlp import parsed

_I = re.IGNORECASE
_MAX_CHARS = 300
_SAID_BY = (
    r"(?:for\s+[^,]{1,60},\s*|for\s+(?:an?|the|each|every)\s+[\w' -]{1,40}?\s+(?=we\b|i\b))?"
    r"(?:we|we've|we're|i|i've|i'm|they|they're|every|each|all|it|it's|there|there's|"
    r"everyone|everybody|nobody|no\s+one|our|most|none)\b"
)
_REASON_FIRST = re.compile(
    rf"^(?P<why>{_SAID_BY}.{{3,200}}?)(?:\s*,\s*|\s+)(?:and\s+)?(?:so|which\s+means|that's\s+why|"
    r"hence)\s+(?P<change>\S.{3,200})$",
    _I,
)
# A reason asks for nothing: an order or a wish in it makes the part another reader's.
_ASKS = re.compile(
    r"\b(?:add|remove|delete|drop|rename|make|change|call|put|move|should|could|can|would|"
    r"please|need\s+to|want\s+to|let\s+me|like\s+to)\b",
    _I,
)
_IT = re.compile(r"^(?:it|that|this)\b", _I)


@dataclass(frozen=True)
class ReasonFirst:
    why: str
    change: str


def reason_first(brief: Brief, part: str) -> ReasonFirst | None:
    """`part` cut into its reason and the change after it, with "it" of the change said as
    the field the reason names; None when `part` is not said reason first."""
    said = _REASON_FIRST.match(" ".join(part.split())[:_MAX_CHARS].strip(" .!?"))
    if said is None or _ASKS.search(said["why"]) is not None:
        return None
    change = said["change"]
    if _IT.match(change):
        named = _field_named(brief, said["why"])
        if named is not None:
            change = _IT.sub(named, change, count=1)
    return ReasonFirst(said["why"], change)


def _field_named(brief: Brief, why: str) -> str | None:
    """ "Score on Results": the one field the reason names surely, with its record kind."""
    found = {}
    for chunk in parsed(why).noun_chunks:
        words = " ".join(t.text for t in chunk if t.pos_ not in ("DET", "PRON"))
        field = find_field(brief, words) if words else None
        if field is not None and field.sure:
            found[(field.entity.slug, field.field.name)] = (
                f"{field.field.label} on {field.entity.plural}"
            )
    return next(iter(found.values())) if len(found) == 1 else None
