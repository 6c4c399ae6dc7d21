"""Whether an argument filler's reading of an op says it better than the rules' reading of the
same op (`change_op_policy.Decision.refine`).

The rules and the filler may read the same op with different arguments. The filler's is taken
only where it says the same thing more fully or more cleanly: a new kind with the same details
and more ("which driver, which meeting, what for, and how much"); fields that are the rules'
without one that was a clause ("the juniors race separately"), or the rules' and more ("what
colour it's painted and what engine it's got"); a move to a place said by another field
("before the address") where the rules moved it one place; a link to the kind said where the
rules made another. A colour or a name the rules read stands.
"""

from __future__ import annotations

from livebuild.brief.change_names import key
from livebuild.brief.change_ops import AddEntity, AddField, ChangeKind, MoveField, Operation
from livebuild.brief.fill_details import clause


def better(op: str, rules: list[Operation], filler: list[Operation]) -> bool:
    """Whether `filler`'s reading of `op` says more, or more cleanly, than `rules`'."""
    if not filler or filler == rules:
        return False
    if op == "add_entity":
        return _more_details(rules, filler)
    if op == "add_field":
        return _cleaner_fields(rules, filler)
    if op == "reorder":
        return (
            all(isinstance(o, MoveField) for o in [*rules, *filler])
            and _same_targets(rules, filler)
            and any(o.anchor for o in filler if isinstance(o, MoveField))
        )
    if op == "set_kind":
        # a link said where the rules made another link, or a choice of no options said ("the
        # coach on a lesson should be one of our instructors": not the coaches' names typed so
        # far); never their list of choices
        return (
            all(isinstance(o, ChangeKind) and o.kind == "link" for o in filler)
            and all(
                isinstance(o, ChangeKind)
                and (o.kind == "link" or (o.kind == "choice" and not o.choices))
                for o in rules
            )
            and _same_targets(rules, filler)
        )
    return False


def _same_targets(rules: list[Operation], filler: list[Operation]) -> bool:
    """Whether both readings touch the same fields, one op each: a reading of one part of a
    request of two is not a better reading of both."""

    def targets(ops: list[Operation]) -> list[tuple[str, str]]:
        return sorted((getattr(o, "entity", ""), getattr(o, "field", "")) for o in ops)

    return len(rules) == len(filler) and targets(rules) == targets(filler)


def _more_details(rules: list[Operation], filler: list[Operation]) -> bool:
    theirs = [o for o in rules if isinstance(o, AddEntity)]
    ours = [o for o in filler if isinstance(o, AddEntity)]
    if len(theirs) != 1 or len(ours) != 1 or len(rules) != 1 or len(filler) != 1:
        return False
    # the same new kind, by its name, with more details: not another kind under another name
    return key(ours[0].name) == key(theirs[0].name) and len(ours[0].fields) > len(theirs[0].fields)


def _cleaner_fields(rules: list[Operation], filler: list[Operation]) -> bool:
    theirs = {(o.entity, o.label.lower()) for o in rules if isinstance(o, AddField)}
    ours = {(o.entity, o.label.lower()) for o in filler if isinstance(o, AddField)}
    if len(theirs) != len(rules) or len(ours) != len(filler):
        return False
    if len({entity for entity, _ in theirs | ours}) != 1:
        return False
    if ours == theirs:
        # "was it done under warranty?": the same field, a yes or no (or a count, a date) by
        # the question asked where the rules kept text
        kinds = {o.label.lower(): o.kind for o in rules if isinstance(o, AddField)}
        return any(
            isinstance(o, AddField) and kinds[o.label.lower()] == "text" and o.kind in _ASKED
            for o in filler
        )
    if ours < theirs:
        # only where each field the filler left out is a clause it refused ("the juniors race
        # separately"), not a detail it never read ("Also add a date of birth")
        return all(clause(label) for _, label in theirs - ours)
    return ours > theirs


_ASKED = frozenset({"boolean", "number", "date"})
