"""Argument fillers: the arguments of the op the judge is sure a request asks for, read from
its grammar, where the rules' readers read nothing of that op.

The op judge (`change_op_judge`) picks the op; each filler here reads that op's arguments from
the request's words and the dependency parse, resolved against the plan's own names, one small
module per op: a new kind described by what it records (`fill_entity`), fields said as
questions, needs or lacks (`fill_field`), a field made a link (`fill_link`), a field moved
(`fill_move`), the app's new name (`fill_app_name`), a colour said loosely (`fill_colour`).
What a filler makes is checked and made like any reading (`changes.apply_reading`); where it
reads nothing, the request is answered as the rules answered it.
"""

from __future__ import annotations

from collections.abc import Callable

from livebuild.brief import (
    fill_app_name,
    fill_colour,
    fill_entity,
    fill_field,
    fill_link,
    fill_move,
)
from livebuild.brief.change_ops import Operation
from livebuild.brief.model import Brief

Filler = Callable[[Brief, str], "list[Operation] | None"]

# By the judge's op class (`change_op_judge.OPS`).
FILLERS: dict[str, Filler] = {
    "add_entity": fill_entity.filled,
    "add_field": fill_field.filled,
    "set_kind": fill_link.filled,
    "reorder": fill_move.filled,
    "rename_app": fill_app_name.filled,
    "set_colour": fill_colour.filled,
}


def filled(brief: Brief, text: str, op: str) -> list[Operation] | None:
    """`op`'s arguments as `text` says them, or None when its filler reads none (or `op` has
    no filler)."""
    filler = FILLERS.get(op)
    return None if filler is None else filler(brief, text)
