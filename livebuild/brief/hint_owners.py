"""Which record a detail word is said of: "the couples, their vendors and what each vendor
costs" puts the cost on Vendors, not on the first record the idea names."""

from __future__ import annotations

import re

from livebuild.english.forms import as_singular


def hint_owners(text: str, hints: list[str], heads: set[str]) -> dict[str, str]:
    """Each of `hints` said right after "each X" or "every X" (one word may come between:
    "each vendor costs", "every stall usually pays") whose X is one of `heads`: hint -> X."""
    owners: dict[str, str] = {}
    lower = text.lower()
    for hint in dict.fromkeys(hints):
        pattern = rf"\b(?:each|every)\s+([a-z]+)\s+(?:[a-z]+\s+)?{re.escape(hint)}\b"
        for match in re.finditer(pattern, lower):
            owner = as_singular(match.group(1))
            if owner in heads:
                owners[hint] = owner
                break
    return owners
