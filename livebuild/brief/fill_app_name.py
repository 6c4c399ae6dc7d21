"""The argument of the app's new name: the name said as a name after a word of naming.

"We've been bought out - new name is Regal Limousines", "The committee voted to call it
Parkside Social Softball League", "it's Pedal Doctors from next month", "we're now called
Riverside Voices". The name is a run of capitalised words (with "&", "of", "the" inside it)
that starts after the sentence's first word, comes right after a word of naming (name, call,
called, known as, rebrand, it's, now, with "it", "us", "to", "as", "be" between), and is
neither the app's name already nor one of its kinds. A name said not to be wanted ("don't ever
call it", "we're not") or as the old one ("we used to be called") is none.
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
# The name is said right after the word of naming: "call it X", "now called X", "the new
# name should be X", not "we're now the biggest club in West Yorkshire".
_NAMING_RIGHT_BEFORE = re.compile(
    r"\b(?:name[sd]?|call(?:ed|ing)?|known|rebrand(?:ed|ing)?|renam(?:e|ed|ing)|it's|"
    r"it\s+is|we're|we\s+are|now|become|became|go(?:ing)?\s+by|title[sd]?|trad(?:e|ing))"
    r"(?:\s+(?:it|us|ourselves|the\s+app|to|as|is|be|should|will|would|now|called|"
    r"officially|simply|just))*(?:\s+[\"'\u201c\u2018]?|\s*[\"'\u201c\u2018])(?:the\s+)?$",
    re.I,
)
# Said not to be the name, or the name it had: "don't ever call it", "we're not", "we used to
# be called ... before 2010", "formerly".
_NOT_NOW = re.compile(r"\b(?:not|never|no\s+longer)\b|n't\b", re.I)
_OLD = re.compile(
    r"\b(?:used\s+to|were\s+called|was\s+called|formerly|previously|old\s+name|"
    r"before\s+(?:that|then|\d{4}))\b",
    re.I,
)
# Said outright as the new name, to be made unasked: "new name is X", "call it X", "we're now
# called X", "the app is now X", or after a word of naming in a sentence that says it renames
# ("We're renaming the shop - it's X from next month"); not a remark about it ("people keep
# calling us X but that's wrong").
_OUTRIGHT = re.compile(
    r"\b(?:(?:new|proper|real|right|correct|official)\s+name(?:\s+(?:is|should\s+be|will\s+be))?|"
    r"new\s+name's|call(?:ing)?\s+"
    r"(?:it|us|the\s+app)|(?:now|be|it|us|being)\s+called|renam\w*\s+(?:it\s+|us\s+|the\s+app\s+)?"
    r"(?:to|as)|rebrand\w*\s+(?:as|to)|known\s+as|trad(?:e|ing)\s+as|(?:is|are|it's|we're)\s+now)"
    r"(?:\s+[\"'\u201c\u2018]?|\s*[\"'\u201c\u2018])(?:the\s+)?$",
    re.I,
)
_QUOTED = re.compile(r"[\"'\u201c\u2018](?:the\s+)?$", re.I)
_RENAMING = re.compile(r"\b(?:renam\w*|rebrand\w*|new\s+name)\b", re.I)
_REMARKED = re.compile(r"\b(?:not|never|wrong|mistake|incorrect)\b|n't\b", re.I)
_TAIL = re.compile(r"\s+(?:and|of|the|on|at|de|&)$")
_MAX_WORDS = 6


def filled(brief: Brief, text: str) -> list[Operation] | None:
    """The new name `text` says; None when no capitalised name follows a word of naming."""
    for match in _RUN.finditer(text):
        name = _TAIL.sub("", match.group(0)).strip(" .,!?;:\"'\u201c\u201d\u2018\u2019")
        before = text[: match.start()]
        if not name or _sentence_start(before) or _NAMING_RIGHT_BEFORE.search(before) is None:
            continue
        if _NOT_NOW.search(_sentence(before)) or _OLD.search(text):
            return None  # "don't ever call it ...", "we used to be called ...": no new name
        if _names_a_kind(brief, before):
            return None  # "the members have changed their name to Clients": a kind renamed
        if name.lower() == brief.product_name.lower() or len(name.split()) > _MAX_WORDS:
            continue
        kept = find_entity(brief, name)
        quoted = _QUOTED.search(before) is not None  # "'The Wensleydale ... Show'": a name
        if (kept is not None and kept.sure) or not (quoted or reads_as_name(name, _MAX_WORDS)):
            continue
        return [SetName(name[:60])]
    return None


def outright(text: str, name: str) -> bool:
    """Whether `text` says `name` outright as the app's new name (`_OUTRIGHT`), to be made
    unasked; otherwise a name read is offered to confirm."""
    at = text.find(name)
    if at < 0:
        return False
    before, after = text[:at], re.split(r"[.!?](?:\s|$)", text[at + len(name) :])[0]
    said = _OUTRIGHT.search(before) is not None or (
        _RENAMING.search(_sentence(before)) is not None
        and _NAMING_RIGHT_BEFORE.search(before) is not None
    )
    return said and _REMARKED.search(after) is None


def _names_a_kind(brief: Brief, before: str) -> bool:
    lower = before.lower()
    return any(
        re.search(rf"\b{re.escape(name.lower())}\b", lower)
        for entity in brief.entities
        for name in (entity.singular, entity.plural)
    )


def _sentence(before: str) -> str:
    """The sentence `before` ends in, so far."""
    return re.split(r"[.!?]\s+", before)[-1]


def _sentence_start(before: str) -> bool:
    return not before.strip() or re.search(r"[.!?]\s*$", before) is not None
