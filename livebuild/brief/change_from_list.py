"""A field said to be one of another kind's records, read by its grammar: "exam should be one
of our exams", "the boat on a lesson is picked from our boats", "teacher comes from the
instructors list", "the customer is one of the customers".

The subject is a field of the plan (with its kind, "the exam on results", "each result's
exam", or alone), then a being or picking verb, then "one of", "from" or "out of" and the
words after it: a record kind of the plan (the field becomes a pick from it), or the field's
own choices ("grade should be one of our grades": already picked from its list). What can't be
picked from is said plainly, never read as something else: "exam should be one of our exams"
of Exams' own Exam field is no rename to "One".
"""

from __future__ import annotations

import re

from livebuild.brief.change_intents import Refused
from livebuild.brief.change_names import SURE, find_entity, find_field, key, similarity
from livebuild.brief.change_ops import ChangeKind, Operation
from livebuild.brief.model import Brief, Entity, Field

_MODAL = (
    r"(?:should|must|will|would|could|can|shall|ought\s+to|needs?\s+to|has\s+to|have\s+to|"
    r"want\s+(?:it|them)\s+to|i'?d\s+like\s+(?:it|them)\s+to)"
)
_PICKED = r"(?:picked|chosen|selected|taken|drawn|pulled|come|comes|coming|came)"
_BE = rf"(?:always\s+|just\s+|only\s+)?(?:be|is|are|'s)(?:\s+{_PICKED})?"
_VERB = rf"(?:(?:{_MODAL}\s+)?{_BE}|(?:{_MODAL}\s+)?{_PICKED})"
_SAID = re.compile(
    r"^(?:(?:and|so|also|but|then)\s+)?(?:(?:the|each|every|a|an|our|my)\s+)?"
    rf"(?P<field>[a-z][\w'-]*(?:\s+[\w'-]+){{0,4}}?)(?:\s+{_VERB}\s+|\s*:\s*)"
    r"(?:(?:just|only|always)\s+)?(?P<how>one\s+of|from|out\s+of)\s+(?:our|the|my|your)\s+"
    r"(?:own\s+)?(?:list\s+of\s+)?(?P<target>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)"
    r"(?:\s+(?:list|page|records?))?(?:\s+(?:please|thanks))?\s*[.!]?$"
)


def _field(brief: Brief, said: str, target: Entity | None) -> tuple[Entity, Field] | None:
    """The field `said` names: with its kind said, that one; alone, the one field of that
    name on a kind other than `target` (or on `target` itself when only it has one)."""
    found = find_field(brief, said)
    head = re.split(r"\s+(?:on|of|in|for)\s+", said)[0]
    head = re.sub(r"^.*?(?:'s|s')\s+", "", head)
    if found is None or not found.sure or similarity(key(head), key(found.field.label)) < SURE:
        return None  # "the winner of a heat" is no Heat field
    if re.search(r"\b(?:on|of|in|for)\b|'s\b|s'", said):
        return found.entity, found.field
    having = [
        (e, f) for e in brief.entities for f in e.fields if key(f.label) == key(found.field.label)
    ]
    others = [(e, f) for e, f in having if e is not target]
    if len(others) == 1:
        return others[0]
    if not others and len(having) == 1:
        return having[0]
    return None


def from_list(brief: Brief, part: str) -> list[Operation]:
    """The field `part` says is one of a kind's records, made a pick of it; raises `Refused`
    where that can't be (a pick of its own kind)."""
    said = _SAID.match(" ".join(part.lower().replace("\u2019", "'").split()).strip(" ,"))
    if said is None:
        return []
    found = find_entity(brief, said["target"])
    target = found.entity if found is not None and found.sure else None
    located = _field(brief, said["field"], target)
    if located is None:
        return []
    owner, field = located
    if target is None:
        # Its own choices ("already a choice"); else another reader's, or "couldn't find".
        return [ChangeKind(owner.slug, field.name, "choice")] if field.kind == "choice" else []
    if target is owner:
        raise Refused(
            f"{field.label} can't be picked from your {owner.plural.lower()}: "
            f"{'an' if owner.singular[:1].lower() in 'aeiou' else 'a'} "
            f"{owner.singular.lower()} can't pick from its own list. Nothing was changed."
        )
    return [ChangeKind(owner.slug, field.name, "link", to=target.slug)]
