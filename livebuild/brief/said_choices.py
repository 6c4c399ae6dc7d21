"""A detail whose options the idea says is a choice of them: "members with a membership type
of monthly, annual or punch card" gives Members a "Membership type" choice (Monthly, Annual,
Punch card), not a text box, and no second, made-up choice ("Plan") beside it."""

from __future__ import annotations

import dataclasses
import functools
import re

from livebuild.brief.model import Entity, Field

# An option: one or two words ("annual", "punch card").
_OPTION = r"[a-z0-9][a-z0-9\-]*(?: [a-z][a-z\-]*)?"
# What the founder keeps no choice of: the record's own progress.
_OWN = frozenset({"status"})


def said_options(text: str, words: list[str]) -> tuple[str, ...]:
    """The options said right after the detail `words`: "type of a, b or c", "type: a, b or
    c", "type (a/b/c)"; () when none are."""
    if words and words[0] not in text:
        return ()  # the detail isn't said, so nothing is said after it
    match = _after(tuple(words)).search(text)
    if match is None:
        return ()
    found = next(g for g in match.groups() if g)
    options = [o.strip() for o in re.split(r"\s*(?:,|/|\bor\b)\s*", found) if o.strip()]
    return tuple(dict.fromkeys(o[:1].upper() + o[1:] for o in options))


@functools.lru_cache(maxsize=1 << 12)
def _after(words: tuple[str, ...]) -> re.Pattern[str]:
    """The options said after `words`, compiled once for each detail's words."""
    said = r"\s+".join(map(re.escape, words))
    either = rf"({_OPTION}(?:\s*,\s*{_OPTION})*\s*,?\s+or\s+{_OPTION})"
    listed = rf"(?:of|:|-|—|–)\s+(?:(?:is|are)\s+)?(?:either\s+)?(?:a |an )?{either}"
    slashed = rf"\(\s*({_OPTION}(?:\s*/\s*{_OPTION})+)\s*\)"
    bracketed = rf"\(\s*(?:either\s+)?{either}\s*\)"
    also = rf"\s*,?\s+(?:(?:is|are)\s+)?either\s+{either}"
    return re.compile(
        rf"\b{said}\s*(?:{listed}|{slashed}|{bracketed}|{also})(?=\s*[,.;:)!?]|\s+and\b|\s*$)"
    )


def chosen(field: Field, text: str) -> Field:
    """`field` as a choice of the options the idea says for it, if it says any."""
    options = said_options(text, field.label.lower().split())
    if len(options) < 2 or field.kind in ("money", "number", "date"):
        return field
    return dataclasses.replace(field, kind="choice", choices=options)


def without_made_up_choices(entity: Entity, said: set[str], text: str) -> Entity:
    """`entity` without the choices the plan made up ("Plan") beside a choice the idea said."""
    if not said:
        return entity
    words = set(re.findall(r"[a-z]+", text))
    gone = {
        f.name
        for f in entity.fields
        if f.kind == "choice"
        and f.name not in said | _OWN
        and not set(f.label.lower().split()) & words
    }
    if not gone:
        return entity
    return entity.without(gone)
