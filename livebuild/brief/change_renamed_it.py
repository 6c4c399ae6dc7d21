"""A rename that says "it" of a name said just before: "Anglers sounds like we only take
experts. Rename them to Customers", "Covers means nothing to the new staff. Call it Number of
guests", "Paper deliveries is a mouthful, just call it the Paper round", "'Places' on a trip is
confusing the crew — call it Rods available".

The name is the one the sentence before (or the clause before a comma or dash) starts with:
quoted if quoted, else its first words that name a record kind or a field of the plan, only
when sure. The rename is then read as the plain "rename X to Y", so its every check applies.
"""

from __future__ import annotations

import re

from livebuild.brief.change_intents import Refused, Unsure, rename
from livebuild.brief.change_kind_said import SAID_BEFORE
from livebuild.brief.change_names import find_entity, find_field
from livebuild.brief.change_ops import Operation
from livebuild.brief.model import Brief

_MAX_CHARS = 300
_MOST_WORDS = 4  # the most words of a name said first
_IT = (
    r"(?:(?:(?:just|so|then|please|maybe|can\s+we|could\s+we|can\s+you|could\s+you)\s+)*"
    r"(?:rename|call|name)\s+(?:it|them|that|this|those|these)"
    r"(?:\s+(?:field|column|page|one|section|list))?\s+(?:to\s+|as\s+)?(?P<new>\S.{0,60}?)"
    # "Could it be 'Anything we should know'?": a quoted new name said of "it".
    r"|(?:can|could|should|would)\s+(?:it|they|that|this)\s+(?:be|say)\s+(?:called\s+|named\s+)?"
    r"(?P<quoted>(?P<q>['\"])[^'\"]{1,60}(?P=q)))[.!?]*$"
)
# "Home or away is really Venue, rename it": the new name said just before a bare rename.
_REALLY = re.compile(
    r"^(?P<old>.{1,60}?)\s+(?:is|are)\s+(?:really|actually|just|called)\s+(?P<new>\S.{0,40}?)"
    r"[.!?]*$",
    re.IGNORECASE,
)
_BARE = re.compile(
    r"^(?:(?:so|just|please|then)\s+)?(?:rename|call)\s+(?:it|them|that)[.!?]*$", re.IGNORECASE
)
_WHOLE = re.compile(rf"^{_IT}", re.IGNORECASE)
_AFTER = re.compile(rf"^(?P<before>.{{3,200}}?)\s*(?:,|;|\s-\s|\u2014|\u2013)\s*{_IT}", re.I)
_QUOTED = re.compile(
    r"^\s*['\"](?P<name>[^'\"]{1,40})['\"](?P<on>\s+(?:on|in|for)\s+(?:an?\s+|the\s+)?\w+)?"
)
_ORDER = re.compile(
    r"^(?:add|remove|delete|drop|rename|make|change|put|move|call|track|give|let|use|set)$", re.I
)
_ARTICLE = re.compile(r"^(?:the|our|my|a|an)\s+", re.IGNORECASE)


def renamed_it(brief: Brief, part: str) -> list[Operation]:
    """The rename `part` asks of a name said just before it, or nothing."""
    text = part.strip()[:_MAX_CHARS]
    after = _AFTER.match(text)
    whole = _WHOLE.match(text) if after is None else None
    really = _REALLY.match(str(SAID_BEFORE.get() or "")) if _BARE.match(text) else None
    if really is not None and really["new"].lstrip("'\"")[:1].isupper():
        # the new name as a name is said: "is really Venue" ("is really good" is no name)
        before, new = really["old"], really["new"]
    elif after is not None:
        before, new = after["before"], after["new"] or after["quoted"]
    elif whole is not None and SAID_BEFORE.get():
        before, new = str(SAID_BEFORE.get()), whole["new"] or whole["quoted"]
    else:
        return []
    old = _named_first(brief, before)
    if old is None:
        return []
    try:
        return rename(brief, old, new)
    except (Refused, Unsure):
        return []


def of_the_sentence_before(part: str) -> bool:
    """Whether `part` renames "it" of the sentence before it, which then only said why."""
    text = part.strip()[:_MAX_CHARS]
    return _AFTER.match(text) is None and (
        _WHOLE.match(text) is not None or _BARE.match(text) is not None
    )


def _named_first(brief: Brief, text: str) -> str | None:
    """The plan's name `text` starts with: quoted, or its first words naming a kind or field."""
    quoted = _QUOTED.match(text)
    if quoted is not None:
        said = quoted["name"] + (quoted["on"] or "")
        found = find_field(brief, said)
        return said if found is not None and found.sure else None
    words = _ARTICLE.sub("", text.strip()).split()
    if words and _ORDER.match(words[0]):
        return None  # "add a phone to walks. rename it": "it" is what that part made or named
    for size in range(min(len(words), _MOST_WORDS), 0, -1):
        said = " ".join(words[:size])
        kind = find_entity(brief, said)
        field = find_field(brief, said)
        if (kind is not None and kind.sure) or (field is not None and field.sure):
            return said
    return None
