"""The name a founder gives their product in the idea: "called Tallyho", "named 'Pup Pals'"."""

from __future__ import annotations

import re

from livebuild.english.words import STOPWORDS

_NAME_PATTERNS = (
    re.compile(
        r"\b(?i:called|named|name it|brand(?:ed)? as)\s+[\"'“‘«]([^\"'”’»\n]{1,60})[\"'”’»]"
    ),
    re.compile(
        r"\b(?i:called|named|name it|brand(?:ed)? as)\s+"
        r"([^\s,.;:!?()\"]{1,40}(?:[ \t]+[^\s,.;:!?()\"]{1,30}){0,2})"
    ),
    re.compile(r"[\"“«]([^\"”»\n]{2,40})[\"”»]"),
)


def without_naming(text: str) -> str:
    """The idea without its "called X" clause, which describes neither users nor features."""
    for pattern in _NAME_PATTERNS[:2]:
        text = pattern.sub(" ", text)
    return text


def names_said(text: str) -> tuple[str, ...]:
    """The names `text` gives its product, best first, as written ("called Pup Pals for ..."
    gives "Pup Pals"): the caller cleans them and takes the first that survives."""
    found: list[str] = []
    for pattern in _NAME_PATTERNS:
        match = pattern.search(text)
        if match:
            words = match.group(1).split()
            if pattern is _NAME_PATTERNS[1]:
                kept = words[:1]
                for word in words[1:]:
                    if word.lower() in STOPWORDS:
                        break
                    kept.append(word)
                words = kept
            found.append(" ".join(words))
    return tuple(found)
