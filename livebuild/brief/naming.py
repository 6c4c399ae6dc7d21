"""The product's name: the one the founder wrote in the idea, or one invented from it."""

from __future__ import annotations

import re

from livebuild.brief.catalogue import Domain, shipped_catalogue
from livebuild.brief.seeded import pick
from livebuild.brief.text import STOPWORDS, clean_text, truncate_words

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


def clean_name(raw: str) -> str:
    name = clean_text(raw).strip(" .,;:!?-'&/")
    name = truncate_words(name, 4, 40)
    if name and name == name.lower() and name.isascii():
        name = " ".join(w[:1].upper() + w[1:] for w in name.split())
    return name


def without_naming(text: str) -> str:
    """The idea without its "called X" clause, which describes neither users nor features."""
    for pattern in _NAME_PATTERNS[:2]:
        text = pattern.sub(" ", text)
    return text


def explicit_name(text: str) -> str | None:
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
            name = clean_name(" ".join(words))
            if name and re.search(r"\w", name):
                return name
    return None


def invent_name(idea: str, domain: Domain | None, noun: str | None) -> str:
    names = shipped_catalogue()
    suffix = pick(names.suffixes, idea, "suffix")
    if domain is not None:
        root = pick(domain.roots, idea, "root")
    elif noun and noun.isascii() and 3 <= len(noun) <= 8:
        root = noun.capitalize()
    else:
        root = pick(names.generic_roots, idea, "root")
    if root.lower().endswith(suffix[:1]):
        suffix = pick(
            tuple(s for s in names.suffixes if not s.startswith(root[-1].lower())),
            idea,
            "suffix2",
        )
    return root + suffix
