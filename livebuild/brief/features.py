"""Feature phrases lifted from the idea ("lets owners book walkers" -> "Book walkers")."""

from __future__ import annotations

import re

from livebuild.brief.text import VERBS, clean_text, sentence_case, truncate_words

_TRIGGER = re.compile(
    r"\b(?:lets?|helps?|allows?|enables?|so (?:that )?\w+ can|where \w+ can|which can|that can"
    r"|to help \w+|for [\w' -]{1,50}? to)\s+(.*)",
    re.I,
)
_WITH = re.compile(r"\b(?:with|including|featuring|plus)\s+(.*)", re.I)
_LEADING_FILLER = ("to", "them", "you", "users", "people", "also", "easily", "the", "a", "an")


def _feature_items(clause: str) -> list[str]:
    parts = re.split(r",|;|\band\b|\bor\b|&|\+|/", clause)
    items: list[str] = []
    for part in parts:
        words = part.strip().split()
        # skip a leading subject ("owners book walkers" -> "book walkers")
        for i, word in enumerate(words[:4]):
            if word.lower() in VERBS:
                words = words[i:]
                break
            if word.lower() == "to" and i + 1 < len(words):
                words = words[i + 1 :]
                break
        while words and words[0].lower() in _LEADING_FILLER:
            words = words[1:]
        phrase = clean_text(" ".join(words)).strip(" .,;:!?-'")
        phrase = truncate_words(phrase, 8, 60)
        if len(phrase) >= 3 and re.search(r"[^\W\d_]", phrase):
            items.append(sentence_case(phrase))
    return items


def extract_features(text: str) -> list[str]:
    """Up to four distinct features the idea itself describes, in the order it gives them."""
    found: list[str] = []
    for clause in re.split(r"[.!?\n]+", text):
        for pattern in (_TRIGGER, _WITH):
            match = pattern.search(clause)
            if match:
                rest = match.group(1)
                if pattern is _TRIGGER:
                    rest = re.split(r"\b(?:with|including)\b", rest, maxsplit=1, flags=re.I)[0]
                found.extend(_feature_items(rest))
    unique: list[str] = []
    seen: set[str] = set()
    for item in found:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique[:4]
