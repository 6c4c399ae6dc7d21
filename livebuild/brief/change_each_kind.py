"""One change said for several record kinds at once: "add a phone field to owners and walks",
"put an email on hosts and on bookings", "give cakes and markets a notes field".

The plan's own kind names say where a list of kinds is ("owners and walks" is two of its kinds,
not a field called "Walks"). The part is read once for each kind, the list replaced by that
kind alone, and kept only when each reading adds (or removes) the same fields on its own kind:
anything else (a link between the two, a rename) is left to the other readers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from livebuild.brief.change_names import find_entity
from livebuild.brief.change_ops import AddField, Operation, RemoveField
from livebuild.brief.model import Brief

_PREP = r"(?:(?P<prep{n}>to|on|onto|for|in|into)\s+)?(?:the\s+|our\s+)?"


def _names(brief: Brief) -> str:
    said = {n.lower() for e in brief.entities for n in (e.plural, e.singular)}
    return "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(said, key=len, reverse=True)
    )


def _listed(brief: Brief) -> re.Pattern[str]:
    kind = rf"(?:{_names(brief)})"
    return re.compile(
        rf"(?:\bboth\s+)?{_PREP.format(n=0)}\b(?P<k0>{kind})\b"
        rf"(?P<more>(?:\s*,\s*{_PREP.format(n='x')}\b{kind}\b){{0,3}})"
        rf"\s*,?\s+(?:and|&)\s+(?:also\s+)?{_PREP.format(n=1)}\b(?P<k1>{kind})\b",
        re.IGNORECASE,
    )


def each_kind(
    brief: Brief, part: str, read: Callable[[str], list[Operation]]
) -> list[Operation] | None:
    """The fields `part` adds or removes on each of the plan's kinds it lists, read by `read`
    once a kind; None when it lists none, or a reading is not the same change on its kind."""
    if len(brief.entities) < 2:
        return None
    match = _listed(brief).search(part)
    if match is None:
        return None
    more = re.findall(rf"\b(?:{_names(brief)})\b", match["more"] or "", re.IGNORECASE)
    said = [match["k0"], *more, match["k1"]]
    slugs: list[str] = []
    for name in said:
        found = find_entity(brief, name)
        if found is None or not found.sure or found.entity.slug in slugs:
            return None
        slugs.append(found.entity.slug)
    prep = match["prep0"] or match["prep1"] or ""
    made: list[Operation] = []
    labels: set[tuple[str, ...]] = set()
    for name, slug in zip(said, slugs, strict=True):
        alone = f"{prep} {name}".strip()
        ops = read(part[: match.start()] + alone + part[match.end() :])
        if not ops or any(
            not isinstance(op, AddField | RemoveField) or op.entity != slug for op in ops
        ):
            return None
        labels.add(tuple(sorted(_what(op) for op in ops)))
        made += ops
    return made if len(labels) == 1 else None


def _what(op: Operation) -> str:
    if isinstance(op, AddField):
        return f"+{op.label.lower()}"
    return f"-{op.field}" if isinstance(op, RemoveField) else ""
