"""The argument of the app's new name: the name said as a name after a word of naming.

"We've been bought out - new name is Regal Limousines", "The committee voted to call it
Parkside Social Softball League", "it's Pedal Doctors from next month", "we're now called
Riverside Voices". The name is a run of capitalised words (with "&", "of", "the" inside it)
that starts after the sentence's first word, comes after a word of naming (name, call, called,
known as, rebrand, it's, now), and is neither the app's name already nor one of its kinds.
"""

from __future__ import annotations

import re

from livebuild.brief.change_names import find_entity
from livebuild.brief.change_ops import Operation, SetName
from livebuild.brief.change_words import reads_as_name
from livebuild.brief.model import Brief

_RUN = re.compile(
    r"(?<![\w'])(?:[A-Z][\w'.&-]*|\d[\w'-]*)(?:\s+(?:[A-Z0-9][\w'.&-]*|&|and|of|the|on|at|de)"
    r"(?=\s+[A-Z0-9&]|$|[\s,.!?;:)]))*"
)
_NAMING = re.compile(
    r"\b(?:name[sd]?|call(?:ed|ing)?|known\s+as|rebrand(?:ed|ing)?|renam(?:e|ed|ing)|"
    r"it's|it\s+is|we're|we\s+are|now|become|became|go(?:ing)?\s+by|title)\b",
    re.I,
)
_TAIL = re.compile(r"\s+(?:and|of|the|on|at|de|&)$")
_MAX_WORDS = 6


def filled(brief: Brief, text: str) -> list[Operation] | None:
    """The new name `text` says; None when no capitalised name follows a word of naming."""
    for match in _RUN.finditer(text):
        name = _TAIL.sub("", match.group(0)).strip(" .,!?;:")
        before = text[: match.start()]
        if not name or _sentence_start(before) or _NAMING.search(before) is None:
            continue
        if _names_a_kind(brief, before):
            return None  # "the members have changed their name to Clients": a kind renamed
        if name.lower() == brief.product_name.lower() or len(name.split()) > _MAX_WORDS:
            continue
        kept = find_entity(brief, name)
        if (kept is not None and kept.sure) or not reads_as_name(name, _MAX_WORDS):
            continue
        return [SetName(name[:60])]
    return None


def _names_a_kind(brief: Brief, before: str) -> bool:
    lower = before.lower()
    return any(
        re.search(rf"\b{re.escape(name.lower())}\b", lower)
        for entity in brief.entities
        for name in (entity.singular, entity.plural)
    )


def _sentence_start(before: str) -> bool:
    return not before.strip() or re.search(r"[.!?]\s*$", before) is not None
