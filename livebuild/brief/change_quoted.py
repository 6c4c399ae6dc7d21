"""Renames said with the names in quotes, in any order of words: "could 'Jobs' be
'Installations' instead?", "I'd prefer 'Stock' to 'Prints left' on editions", "Egg
collections I want to call just 'Collections'".

Which quoted name is the old one is told by the plan, not the word order: the name the plan
has (a record kind or a field, matched closely) is renamed to the one it hasn't. When both
or neither are the plan's, the request is left to the other readers.
"""

from __future__ import annotations

import re

from livebuild.brief import change_intents as intents
from livebuild.brief.change_names import SURE, find_entity
from livebuild.brief.change_ops import Operation
from livebuild.brief.model import Brief

_QUOTED = re.compile(r"(?<!\w)'([^']{1,60})'(?!\w)|\"([^\"]{1,60})\"")
# A word saying what the names are to each other: without one, two quoted words are a list.
_RENAMING = re.compile(
    r"\b(?:be|is|are|call|called|named|prefer|rather|instead|rename|say|read|want|should|typo|"
    r"to)\b",
    re.I,
)
# A request that says what to do with the names another way: "add 'Late' to 'Status'".
_OTHER_VERB = re.compile(
    r"^(?:add|include|insert|put|remove|delete|drop|make|set|move|show|hide|link|track)\b", re.I
)
# "Egg collections I want to call just 'Collections'": the old name unquoted, at the start.
_CALL_IT = re.compile(
    r"^(?P<old>[\w' -]{2,60}?)\s*,?\s+(?:i|we)\s+(?:want|would\s+like|'d\s+like|'d\s+rather|"
    r"prefer)\s+to\s+(?:call|name)\s+(?:them|it\s+)?(?:just\s+|simply\s+)?(?P<new>.+)$",
    re.I,
)


def _known(brief: Brief, text: str) -> bool:
    return _score(brief, text) >= SURE


def _score(brief: Brief, text: str) -> float:
    entity = find_entity(brief, text)
    located = intents.find_field(brief, text)
    return max(entity.score if entity else 0.0, located.score if located else 0.0)


def read_quoted_rename(brief: Brief, text: str) -> list[Operation] | None:
    call = _CALL_IT.match(text)
    if call is not None and _known(brief, call["old"]):
        return intents.rename(brief, call["old"], re.split(r",", call["new"])[0])
    names = [a or b for a, b in _QUOTED.findall(text)]
    if len(names) != 2 or _OTHER_VERB.match(text) or not _RENAMING.search(_QUOTED.sub(" ", text)):
        return None
    # The name the plan has is the old one: the closer match, and it must be close.
    first, second = (_score(brief, n) for n in names)
    if max(first, second) < SURE or first == second:
        return None
    old, new = names if first > second else names[::-1]
    tail = re.search(r"\b(?:on|for|in|of)\s+(?:the\s+)?(?P<owner>[\w' -]+)$", text, re.I)
    owner = find_entity(brief, tail["owner"]) if tail else None
    if owner is not None and owner.sure and intents.find_field(brief, old) is not None:
        old = f"{old} on {tail['owner']}" if tail else old
    return intents.rename(brief, old, f"'{new}'")
