"""What is left of a can't-do's clause is no change of its own.

"The parents should be able to log in and put their own child down for rallies" is cut at
"and put"; once "log in" is declined, "put their own child down for rallies" is still the
parents' wish, not a field to add. A part cut from the same clause as a part no app can do
(`change_parts.split_joined`) is made only when it is a complete change on its own: it is not
someone else's act (the clause's subject is not the founder's, and the part says "their" or
"themselves" of it), and each of its changes names where it goes ("add a notes field to
classes", not "add a note").
"""

from __future__ import annotations

import contextvars
import re

from livebuild.brief.change_ops import AddEntity, Cannot, Operation, Reading
from livebuild.brief.change_reader import read_part
from livebuild.brief.model import Brief
from livebuild.english.nlp import parsed

# Whom a request's subject may be when the founder still gives the instruction: "can it text
# them", "we should add a price", "could you add a level".
_FOUNDER = frozenset({"i", "we", "you", "it", "app", "system", "software"})
# Words that say a new list of records is asked for: "add a Reminders page", "a list of vets".
_NEW_LIST = re.compile(
    r"\b(?:page|pages|list|lists|section|sections|tab|tabs|table|tables|kind|kinds|records)\b",
    re.IGNORECASE,
)


# Words by which a part says its subject is the clause's before it: "put their own child down".
_BACK = re.compile(r"\b(?:they|them|their|theirs|themselves|own|his|her|herself|himself)\b", re.I)


def others_wish(head: str) -> bool:
    """Whether the clause `head` is what someone other than the founder would do: "the
    parents should be able to log in", "let members pay online"."""
    doc = parsed(head)
    return any(
        token.dep_ in ("nsubj", "nsubjpass") and token.lower_ not in _FOUNDER for token in doc
    )


def read_alone(brief: Brief, part: str) -> Reading:
    """`part` read against `brief`, leaving no trace on what the next part is read with."""
    reading = Reading()
    contextvars.copy_context().run(read_part, brief, part, reading)
    return reading


def complete(brief: Brief, part: str, operations: list[Operation], about: str | None) -> bool:
    """Whether each of `operations`, read from `part`, names where it goes in `part`'s own
    words (or is about the kind the founder pointed at, `about`)."""
    return all(_named(brief, part, operation, about) for operation in operations)


def _named(brief: Brief, part: str, operation: Operation, about: str | None) -> bool:
    if isinstance(operation, AddEntity):
        return _NEW_LIST.search(part) is not None
    slug = getattr(operation, "entity", None)
    if slug is None or slug == about:
        return True
    entity = next((e for e in brief.entities if e.slug == slug), None)
    if entity is None:
        return False
    said = part.lower()
    return any(
        re.search(rf"\b{re.escape(name.lower())}\b", said)
        for name in (entity.singular, entity.plural)
    )


def held_back(brief: Brief, head: str, part: str, about: str | None) -> str | None:
    """What is said of `part`, cut from the clause of `head` beside a part no app can do, when
    it is held back with it: someone else's act ("put their own child down for rallies"), or a
    change that names no place ("add a note"). None when it is made as read."""
    reading = read_alone(brief, part)
    if any(isinstance(op, Cannot) for op in reading.operations):
        return None  # declined in its own right
    said = reading.operations or reading.not_understood or reading.suggestions
    if said and _BACK.search(part) and others_wish(head):
        return (
            f"\u201c{part.strip()}\u201d is part of the same wish, so nothing was changed for it."
        )
    if reading.operations and not complete(brief, part, reading.operations, about):
        return (
            f"\u201c{part.strip()}\u201d goes with what the app can't do, so nothing was changed "
            "for it. To add something to your records, say which records it goes on."
        )
    return None
