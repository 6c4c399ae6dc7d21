"""Word-level helpers for the plan: plurals and slugs; the English ones live in `english.words`."""

from __future__ import annotations

import re

from livebuild.english.words import (
    STOPWORDS,
    VERBS,
    clean_text,
    clean_text_keep_lines,
    sentence_case,
    singular,
    truncate_words,
    words,
    wordset,
)

__all__ = [
    "STOPWORDS",
    "VERBS",
    "clean_text",
    "clean_text_keep_lines",
    "plural",
    "sentence_case",
    "singular",
    "slugify",
    "truncate_words",
    "words",
    "wordset",
]


def plural(word: str) -> str:
    lower = word.lower()
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def slugify(text: str, fallback: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].strip("-") or fallback
