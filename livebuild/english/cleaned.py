"""An idea's text made ready to parse: chat and pictures taken out, capitals throughout
lowered, typos corrected ("memebrs" -> "members"), with the corrections made.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

from livebuild.english import nlp, spelling
from livebuild.english.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _own_words(doc: Doc) -> frozenset[str]:
    return frozenset(t.lower_ for t in doc if t.is_alpha)


def _acronym_or_name(token: Token, sentence_start: bool) -> bool:
    """ "IMEI", "HIIT"; a capitalised word inside a sentence ("Bristol") is a name."""
    text = token.text
    if len(text) > 1 and text.isupper():
        return True
    return text[:1].isupper() and not sentence_start


def _with_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def corrected(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`text` with its typos corrected, before parsing (a parser misreads "memebrs"), and the
    corrections made, as written -> as meant."""
    words = nlp.tokens(text)
    own = _own_words(words)
    # A word written the same way twice is the founder's own term ("langar", "sewa").
    counts = Counter(t.lower_ for t in words if t.is_alpha)
    out: list[str] = []
    fixes: dict[str, str] = {}
    sentence_start = True
    for token in words:
        word = token.text
        if (
            token.is_alpha
            and counts[token.lower_] < 2
            and not _acronym_or_name(token, sentence_start)
        ):
            meant = spelling.correction(token.lower_, own)
            if meant != token.lower_:
                fixes[token.lower_] = meant
                word = _with_case(meant, word)
        out.append(word + token.whitespace_)
        if not token.is_space:
            sentence_start = token.text in (".", "!", "?", ":", ";", "-", "\n")
    return "".join(out), tuple(fixes.items())


def _shouted(text: str) -> bool:
    """Whether `text` is written in capitals throughout (a parser reads each word as a name)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 10 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


# Pictures in the text ("🐝", "🍯"): no words, and a parser reads them as nouns that break lists.
_PICTURES = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]+")
# A picture between two words stands for a break: "podcast planner 🎙️ episodes, guests" lists
# episodes, it is no "planner episodes".
_PICTURE_BREAK = re.compile(rf"(?<=[A-Za-z])[ \t]*(?:{_PICTURES.pattern})[ \t]*(?=[A-Za-z])")


# Shorthand a parser reads as a name: "each booking w/ the date" (with), "w/o a deposit"
# (without).
_SHORTHAND = (
    (re.compile(r"\bw/o(?=\s)", re.I), "without"),
    (re.compile(r"\bw/(?=\s)", re.I), "with"),
)


def _written_out(text: str) -> str:
    for shorthand, word in _SHORTHAND:
        text = shorthand.sub(word, text)
    return text


@functools.cache
def _chat() -> re.Pattern[str]:
    """Chat said around the idea ("Please", "pls", "lol"), with a comma after it."""
    said = "|".join(sorted(lexicon().fillers, key=len, reverse=True))
    return re.compile(rf"\b(?:{said})\b,?[ \t]*", re.I)


def cleaned(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`text` as the parser should read it, and the typos corrected in it (as written -> as
    meant). Chat is no part of the idea, and a parser reads the words after it wrongly
    ("Please track fixtures" is not a "track fixture")."""
    words = _chat().sub("", _PICTURES.sub(" ", _PICTURE_BREAK.sub(", ", _written_out(text))))
    return corrected(words.lower() if _shouted(words) else words)
