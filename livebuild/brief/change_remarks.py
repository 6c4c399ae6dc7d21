"""Parts of a change request that only remark and ask for nothing: "that's what we actually
record", "e.g. solo cornet", "every night", "never used it once", "put them above it"."""

from __future__ import annotations

import re

_REMARK = re.compile(
    r"^(?:that's|that\s+is|that\s+was|it's|it\s+is|this\s+is|we've|we\s+have|we're|we\s+are|"
    r"i've|i'm|(?:we|i)\s+(?:just\s+)?(?:bought|got|sold|built|opened|took|(?!(?:stopp?|dropp|"
    r"ditch|quitt|renam|chang|mov|remov|start|add|switch|swapp|replac)ed\b)[a-z]{3,}ed))\b"
    r"(?!.*\b(?:add|remove|rename|change|make|call|need|needs|want|should|could|can|"
    r"please|pls)\b)",
    re.IGNORECASE,
)


# "e.g. solo cornet, 2nd cornet, back row": examples of what was asked for, not a request.
_EXAMPLES = re.compile(r"^(?:e\.?\s?g\b\.?|for\s+(?:example|instance)\b|such\s+as\b)", re.I)


# "Every night, can it grab …": a time said alone says when, not what to change.
_WHEN_ONLY = re.compile(
    r"^(?:(?:every|each|on|at)\s+)?(?:day|night|morning|evening|afternoon|week|weekend|month|"
    r"year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?$",
    re.IGNORECASE,
)


# "never used it once", "we've never needed it": why something goes, said of "it" only (a
# field named, "we never use the fax", is a removal read elsewhere).
_NEVER_USED = re.compile(
    r"^(?:(?:we|i)(?:'ve|\s+have)?\s+)?(?:honestly\s+|really\s+)?never\s+(?:once\s+|really\s+)?"
    r"(?:used|use|needed|need|touched|filled\s+in|fill\s+in|looked\s+at)\s+(?:it|that|this|them)"
    r"(?:\s+(?:once|at\s+all|ever|even\s+once|in\s+years|really))*$",
    re.IGNORECASE,
)


# "put them above it": where a field goes said of pronouns only, after the part that named them.
_ONLY_PRONOUNS = re.compile(
    r"^(?:so\s+)?(?:please\s+)?(?:put|move|show|have|list)\s+(?:them|it)\s+(?:above|before|after|"
    r"below|over|under|ahead\s+of)\s+(?:it|them)(?:\s+(?:on|for|in)\s+(?:an?\s+|the\s+)?[\w' -]+)?"
    r"(?:\s+please)?$",
    re.IGNORECASE,
)


def remark_dropped(part: str) -> str:
    """ "Town on a client: never used it once": what is named, without the remark after it."""
    named, colon, after = part.partition(":")
    if colon and 0 < len(named.strip()) <= 60 and is_remark(after):
        return named.strip()
    return part


def is_remark(part: str) -> bool:
    """Whether `part` only remarks ("that's what we actually record"), asking for nothing."""
    said = part.strip(" ,.!?")
    return (
        _REMARK.match(said) is not None
        or _EXAMPLES.match(said) is not None
        or _WHEN_ONLY.match(said) is not None
        or _NEVER_USED.match(said) is not None
        or _ONLY_PRONOUNS.match(said) is not None
    )
