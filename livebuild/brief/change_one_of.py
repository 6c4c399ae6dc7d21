"""A record said to be for one of another kind's records: "each placement is for one of our
families", "every booking is for one of our boats", "a visit belongs to one of our patients".

Read by a small grammar: a determiner and a kind of the plan (the owner), a being or
belonging verb, "one of our" and another kind of the plan (the one picked from). The field
made a pick is the owner's one field whose label names the kind picked from (Family on
Placements, the title included): "each placement is for one of our families" makes Family,
what each placement is called, a pick of the families. Where no field, or more than one,
names that kind, nothing is read here: a guess is never made.
"""

from __future__ import annotations

import re

from livebuild.brief.change_names import find_entity
from livebuild.brief.change_ops import ChangeKind, Operation
from livebuild.brief.model import Brief, Entity, Field

_KIND = r"[a-z][\w-]*(?:\s+[a-z][\w-]*)?"
_BEING = (
    r"(?:is|are|'s|will\s+be|should\s+be|must\s+be|has\s+to\s+be|have\s+to\s+be|"
    r"needs\s+to\s+be|need\s+to\s+be|is\s+always|are\s+always)"
)
_ONE_OF = re.compile(
    rf"^(?:and\s+|so\s+|also\s+)?(?:each|every|any|a|an)\s+(?P<owner>{_KIND}?)\s+"
    rf"(?:{_BEING}\s+(?:(?:for|with|of|about|booked\s+for|made\s+for)\s+)?"
    r"|belongs?\s+to\s+|(?:is|are)\s+(?:booked|made)\s+for\s+)"
    rf"(?:just\s+|only\s+|exactly\s+|always\s+)?one\s+of\s+(?:our|my|the|your)\s+(?:own\s+)?"
    rf"(?P<target>{_KIND})\s*(?:[.!,;]|$)",
    re.I,
)


def one_of_said(text: str) -> tuple[str, str] | None:
    """The kind `text` says each record of is for one of another's, and that other, as said."""
    said = _ONE_OF.match(" ".join(text.split()))
    return None if said is None else (said["owner"], said["target"])


def one_of_ours(brief: Brief, part: str) -> list[Operation]:
    """The field `part` says is one of another kind's records, made a pick of that kind."""
    said = one_of_said(part)
    if said is None:
        return []
    owner, target = _kind(brief, said[0]), _kind(brief, said[1])
    if owner is None or target is None or owner is target:
        return []
    naming = [f for f in owner.fields if f.kind in ("text", "choice") and _names(brief, f, target)]
    if len(naming) != 1:
        return []
    return [ChangeKind(owner.slug, naming[0].name, "link", to=target.slug)]


def _kind(brief: Brief, words: str) -> Entity | None:
    """The plan's kind `words` name, sure; "placement record" is a placement too."""
    split = words.split()
    for cut in (len(split), 1):
        found = find_entity(brief, " ".join(split[:cut]))
        if found is not None and found.sure:
            return found.entity
    return None


def _names(brief: Brief, field: Field, target: Entity) -> bool:
    found = find_entity(brief, field.label)
    return found is not None and found.sure and found.entity is target
