"""Whether the offline reader can honestly plan an idea: too vague, or not in English.

The offline reader only understands English sentence shapes. Rather than present a guess as a
plan, it says plainly what it needs.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from livebuild.brief.catalogue import shipped_catalogue
from livebuild.brief.text import STOPWORDS, singular, wordset
from livebuild.core.errors import Unprocessable
from livebuild.english.app_kind import AppKind, answer, answer_parts
from livebuild.english.idea import IdeaReading, read_once
from livebuild.english.shapes import FUNCTION, GENERIC, chosen_things

EXAMPLE = "A booking app for dog walkers to schedule walks, keep pet profiles and track payments."
VAGUE_MESSAGE = (
    "We need a little more to go on. Say who it's for and what it should keep track of, "
    f"for example: \u201c{EXAMPLE}\u201d"
)
LANGUAGE_MESSAGE = (
    "The built-in planner only reads ideas written in English. Write your idea in English, "
    "or connect a model provider (Anthropic or OpenAI) to plan from other languages."
)

# Common function words of other languages that are not also English words.
_FOREIGN = (
    wordset(
        """le la les une des du et pour avec mes mon ma nos vos sur dans qui que est sont
    el los las una y para con mis mi en del por que es un una unas unos
    der die das und mit ihre ihr ein eine einen für von zu ist sind den dem können
    um uma os das dos e para com da meu minha casa as contas
    il lo gli e per con del della mio mia di che un uno"""
    )
    - STOPWORDS
    - {"a", "in", "an", "die", "as", "me", "son", "den", "lo", "con", "casa", "per"}
)
_NONSENSE = wordset("hi hello hey test testing asdf qwerty foo bar lorem ipsum xyz")


class UnreadableIdea(Unprocessable):
    """An idea the offline reader can't plan from; `reason` is "vague" or "language"."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


class NotARecordApp(UnreadableIdea):
    """An idea for a timer, calculator, game or page: the offline planner only builds records."""

    def __init__(self, kind: AppKind, about: str = "", name: str = "") -> None:
        super().__init__("kind", answer(kind, about, name))
        self.kind = kind
        self.parts = answer_parts(kind, about, name)

    def body(self) -> dict[str, Any]:
        """The answer, plus a short heading and the closest record app as an idea
        (`plain`), for a page that shows the answer as an answer, not an error."""
        return {**super().body(), "plain": self.parts}


@functools.cache
def _known_words() -> frozenset[str]:
    words: set[str] = set()
    for domain in shipped_catalogue().domains:
        words.update(domain.keywords)
        for entity in domain.entities:
            words.update((entity.singular.lower(), entity.plural.lower()))
    return frozenset(words)


def _keyboard_noise(word: str) -> bool:
    """One key held down ("xxxxxx"), or letters with no vowel at all ("qwrtzp")."""
    return len(set(word)) == 1 or (len(word) > 5 and not re.search(r"[aeiouy]", word))


def check_readable(idea: str, reading: IdeaReading | None = None) -> None:
    """Raise `UnreadableIdea` when the offline reader can't plan `idea` honestly.

    It asks the idea's reading (`reading`, when it was already read), never the raw text."""
    read = reading if reading is not None and reading.idea == idea else read_once(idea)
    if read.other_letters > read.latin_letters:
        raise UnreadableIdea("language", LANGUAGE_MESSAGE)
    words = read.typed
    foreign = sum(1 for w in words if w in _FOREIGN or w.split("'")[0] in _FOREIGN)
    english = sum(1 for w in words if w in STOPWORDS)
    if foreign >= 2 and foreign > english:
        raise UnreadableIdea("language", LANGUAGE_MESSAGE)
    content = [
        w
        for w in words
        if w not in FUNCTION
        and w not in GENERIC
        and w not in STOPWORDS
        and w not in _NONSENSE
        and not _keyboard_noise(w)
    ]
    known = _known_words()
    if not content or (
        len(content) == 1
        and content[0] not in known
        and singular(content[0]) not in known
        and not chosen_things(read.shapes)
    ):
        raise UnreadableIdea("vague", VAGUE_MESSAGE)
