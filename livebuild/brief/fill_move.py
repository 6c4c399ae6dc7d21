"""The arguments of a field moved among its kind's fields: which field, and before or after
which other.

"move Building type up so it comes before the address", "key stage straight after the school,
before the date", "composer first, then the title", "put the price before the work done". The
field moved is the first of a kind's fields the request names; the other named after "before"
(or "then") is where it goes before, else the one after "after" where it goes after.
"""

from __future__ import annotations

import re

from livebuild.brief.change_names import find_entity, key
from livebuild.brief.change_ops import MoveField, Operation
from livebuild.brief.model import Brief, Entity, Field

_BEFORE = re.compile(r"\b(?:before|ahead\s+of|above|in\s+front\s+of|then)\s+(?:the\s+)?$", re.I)
_AFTER = re.compile(r"\b(?:after|below|under|behind|following)\s+(?:the\s+)?$", re.I)


def filled(brief: Brief, text: str) -> list[Operation] | None:
    """The move `text` says; None when it names no two fields of one kind."""
    best: tuple[int, Entity, list[tuple[int, Field]]] | None = None
    for owner in brief.entities:
        lower = _without_kind(text.lower(), owner)
        said = _fields_said(lower, owner)
        named = find_entity(brief, owner.plural)
        score = len(said) + int(_at(lower, owner.plural) >= 0 or _at(lower, owner.singular) >= 0)
        if len(said) >= 2 and named is not None and (best is None or score > best[0]):
            best = (score, owner, said)
    if best is None:
        return None
    _, owner, said = best
    lower = _without_kind(text.lower(), owner)
    (_, moving), rest = said[0], said[1:]
    for at, anchor in rest:
        if _BEFORE.search(lower[:at]):
            return [MoveField(owner.slug, moving.name, "before", anchor.name)]
    for at, anchor in rest:
        if _AFTER.search(lower[:at]):
            return [MoveField(owner.slug, moving.name, "after", anchor.name)]
    return None


def _without_kind(lower: str, owner: Entity) -> str:
    """`lower` with the kind's own name blanked: "school visits" names no School field."""
    for name in (owner.plural, owner.singular):
        said = key(name).split()
        if len(said) > 1:
            pattern = r"\b" + r"\s+".join(re.escape(w) for w in said) + r"(?:s|es)?\b"
            lower = re.sub(pattern, lambda m: " " * len(m.group(0)), lower)
    return lower


def _fields_said(lower: str, owner: Entity) -> list[tuple[int, Field]]:
    """The kind's fields `lower` names, by where; of two said at one place ("building type",
    "building"), the longer."""
    found: dict[int, Field] = {}
    for field in owner.fields:
        at = _at(lower, field.label)
        if at >= 0 and (at not in found or len(field.label) > len(found[at].label)):
            found[at] = field
    return sorted(found.items(), key=lambda pair: pair[0])


def _at(lower: str, name: str) -> int:
    said = key(name)
    if not said:
        return -1
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in said.split()) + r"(?:s|es)?\b"
    found = re.search(pattern, lower)
    return found.start() if found is not None else -1
