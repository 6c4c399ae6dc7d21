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
from collections.abc import Sequence
from dataclasses import dataclass

from livebuild.english.features import extract_features
from livebuild.english.naming import names_said, without_name_heading, without_naming
from livebuild.english.reading import Reading, read
from livebuild.english.shape_words import shape_words
from livebuild.english.shapes import Shapes, read_shapes
from livebuild.english.words import STOPWORDS, clean_text_keep_lines, singular, words

_WORDS = shape_words()

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
    # The noun its words are most about, by their shape alone (a last resort), or None.
    main_noun: str | None
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


def main_noun(words: Sequence[str]) -> str | None:
    """The noun the idea's `words` are most about, by their shape alone (a last resort)."""
    for verb_at, word in enumerate(words):
        if word in _WORDS["object_verbs"]:
            phrase: list[str] = []
            for candidate in words[verb_at + 1 : verb_at + 6]:
                if candidate in STOPWORDS or "'" in candidate:
                    if phrase:
                        break
                    continue
                phrase.append(candidate)
            heads = [w for w in phrase if w not in _WORDS["collective_words"] and len(w) > 2]
            if heads:
                return singular(heads[-1])
    for word in words:
        if word not in STOPWORDS and len(word) > 2 and "'" not in word and not word.endswith("ing"):
            return singular(word)
    for word in words:
        if word not in STOPWORDS and len(word) > 2 and "'" not in word:
            return singular(word)
    return None


@functools.lru_cache(maxsize=64)
def read_once(idea: str) -> IdeaReading:
    """The reading of `idea`; the same idea is read once however often it is asked for."""
    written = clean_text_keep_lines(idea[:MAX_PARSE_CHARS])
    # (The name it opens with is no part of what it keeps: "Pup Pals — a booking app ...".)
    english = read(without_name_heading(written))
    # From here on the idea is read with its typos corrected ("memebers" -> "members").
    described = without_naming(english.fixed)
    match = _FOR.search(described)
    latin, other = _letters(written)
    said = words(english.fixed)
    return IdeaReading(
        idea=idea,
        written=written,
        english=english,
        described=described,
        shapes=read_shapes(described),
        names=names_said(written),
        words=tuple(said),
        main_noun=main_noun(said),
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
