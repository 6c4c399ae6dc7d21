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
from livebuild.brief.change_wordlists import words
from livebuild.brief.model import KIND_PHRASES, Brief, Entity, Field

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


def _field(brief: Brief, said: str) -> tuple[Entity, Field] | None:
    """The field `said` names: with its kind said, that one; alone, the one field of that
    name in the whole plan. Two kinds with it: refused, never guessed ("name should be one of
    our bakers" says neither Cakes nor Bakers)."""
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
    if len(having) == 1:
        return having[0]
    kinds = [e.plural for e, _ in having]
    raise Refused(
        f"{found.field.label} is on {', '.join(kinds[:-1])} and {kinds[-1]}, and the request "
        "doesn't say which. Nothing was changed."
    )


def _pickable(owner: Entity, field: Field, target: Entity) -> None:
    """Raises `Refused` unless `field` may become a pick of `target`: only typed words (text,
    long text, a choice) are, and a title only where it is named for `target`, so no value
    stops working and no kind is re-titled."""
    whose = f"your {target.plural.lower()}"
    own_name = key(field.label) in (key(target.singular), key(target.plural))
    if field is owner.fields[0] and not own_name:
        # A title is picked only where its own name says that kind ("the family on a
        # placement" from Families); "name should be one of our bakers" would re-title cakes.
        raise Refused(
            f"{field.label} is what each of your {owner.plural.lower()} is called, so it can't "
            f"be picked from {whose}. Nothing was changed."
        )
    if field.kind == "link":
        raise Refused(f"{field.label} is already picked from a list. Nothing was changed.")
    if field.kind not in ("text", "longtext", "choice"):
        raise Refused(
            f"{field.label} is {KIND_PHRASES.get(field.kind, field.kind)}, so it can't be "
            f"picked from {whose}. Nothing was changed."
        )


def _no_such_list(brief: Brief, word: str, near: object) -> None:
    """Raises `Refused` for a pick from a list the plan hasn't ("one of our customers" with no
    Customers), said in the founder's word, never read as a rename to "One"."""
    if word in words().lists.not_owner or " " in word:
        return  # "one of our options", "from the website": another reader's
    shown = word.capitalize() if word.endswith("s") else f"\u201c{word}\u201d"
    guess = getattr(getattr(near, "entity", None), "plural", None)
    if guess is not None:
        raise Refused(
            f"Your app has no {shown} to pick from. Did you mean your {guess.lower()}? "
            "Nothing was changed."
        )
    raise Refused(
        f"Your app has no {shown} to pick from: say \u201ckeep track of {word}\u201d first. "
        "Nothing was changed."
    )


def from_list(brief: Brief, part: str) -> list[Operation]:
    """The field `part` says is one of a kind's records, made a pick of it; raises `Refused`
    where that can't be (a pick of its own kind, of a title, of an amount, date or number, or
    of a field two kinds have)."""
    said = _SAID.match(" ".join(part.lower().replace("\u2019", "'").split()).strip(" ,"))
    if said is None:
        return []
    found = find_entity(brief, said["target"])
    target = found.entity if found is not None and found.sure else None
    located = _field(brief, said["field"])
    if located is None:
        return []
    owner, field = located
    if target is None and field.kind == "choice":
        return [ChangeKind(owner.slug, field.name, "choice")]  # its own choices: already one
    if target is None:
        _no_such_list(brief, said["target"], near=found)
        return []
    if target is owner:
        raise Refused(
            f"{field.label} can't be picked from your {owner.plural.lower()}: "
            f"{'an' if owner.singular[:1].lower() in 'aeiou' else 'a'} "
            f"{owner.singular.lower()} can't pick from its own list. Nothing was changed."
        )
    _pickable(owner, field, target)
    return [ChangeKind(owner.slug, field.name, "link", to=target.slug)]
