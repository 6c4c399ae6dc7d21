"""An idea read once: everything the plan needs to know about the founder's words.

`read_once` cleans the idea, corrects its typos, parses it (`reading.read`: sentences, noun
phrases with heads and modifiers, lists, verbs, quantities, dates, money, language), reads its
sentence shapes (`shapes.read_shapes`: the things it keeps, kinds sold or lent, details), the
name it gives the product, who it says it is for, and the features it describes. The plan is
written from this object alone; nothing after it reads the raw text again.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from livebuild.english.features import extract_features
from livebuild.english.naming import names_said, without_naming
from livebuild.english.reading import Reading, read
from livebuild.english.shapes import Shapes, read_shapes
from livebuild.english.words import clean_text_keep_lines, words

# Long ideas are trimmed before parsing so the work stays bounded.
MAX_PARSE_CHARS = 4000

_TYPED = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_FOR = re.compile(
    r"\bfor\s+((?:[\w'-]+\s*){1,7}?)"
    r"(?=\s*\b(?:to|who|that|which|so|with|where|and can)\b|[,.;:!?()]|$)",
    re.I,
)


@dataclass(frozen=True)
class IdeaReading:
    """The founder's idea, read once. `idea` is kept only as the seed of deterministic choices
    (which tagline, which colours): nothing reads it as English again."""

    idea: str
    # The idea cleaned of markup and control characters, as written (names keep their case).
    written: str
    # The parse of `written`, its typos corrected.
    english: Reading
    # The corrected text without its "called X" clause: what describes the app.
    described: str
    # The things its sentence shapes want kept, and their details.
    shapes: Shapes
    # The names it gives the product, as written, best first (the plan cleans them).
    names: tuple[str, ...]
    # Its words, lowercase, in order (typos corrected).
    words: tuple[str, ...]
    # What follows its first "for" ("for busy dog owners"), as written, or "".
    for_whom: str
    # The features it describes, as verb phrases ("Book vetted walkers").
    features: tuple[str, ...]
    # Its words as typed, lowercase, in any script ("l'idée", "memebers"): before correction.
    typed: tuple[str, ...] = ()
    # How many of its letters are Latin, and how many of other scripts.
    latin_letters: int = 0
    other_letters: int = 0

    @property
    def said(self) -> frozenset[str]:
        """The distinct runs of letters it was written with, lowercase (typos as typed)."""
        return frozenset(re.findall(r"[a-z]+", self.written.lower()))

    def is_verb(self, word: str) -> bool:
        """Whether the idea uses `word` as a verb ("assigns"), never as a noun."""
        return is_verb(self.english, word)


def is_verb(english: Reading, word: str) -> bool:
    """Whether `english` uses `word` as a verb ("assigns"), never as a noun."""
    tags = english.tags_of(word)
    return bool(tags) and all(t.startswith("VB") and t != "VBG" for t in tags)


@functools.lru_cache(maxsize=64)
def read_once(idea: str) -> IdeaReading:
    """The reading of `idea`; the same idea is read once however often it is asked for."""
    written = clean_text_keep_lines(idea[:MAX_PARSE_CHARS])
    english = read(written)
    # From here on the idea is read with its typos corrected ("memebers" -> "members").
    described = without_naming(english.fixed)
    match = _FOR.search(described)
    latin, other = _letters(written)
    return IdeaReading(
        idea=idea,
        written=written,
        english=english,
        described=described,
        shapes=read_shapes(described),
        names=names_said(written),
        words=tuple(words(english.fixed)),
        for_whom=match.group(1) if match else "",
        features=tuple(extract_features(described, lambda word: is_verb(english, word))),
        typed=tuple(_TYPED.findall(written.lower())),
        latin_letters=latin,
        other_letters=other,
    )


def _letters(text: str) -> tuple[int, int]:
    latin = other = 0
    for ch in text:
        if ch.isalpha():
            if "LATIN" in unicodedata.name(ch, ""):
                latin += 1
            else:
                other += 1
    return latin, other
