"""Word-level helpers the English layer reads with: cleaning untrusted text, splitting words,
the simple singular, and the shared word lists (from `shape_words.toml`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from livebuild.english.shape_words import shape_words

# Words too common to name anything.
STOPWORDS = shape_words()["stopwords"]
# Verbs that usually start a feature phrase ("lets owners *book* walkers").
VERBS = shape_words()["verbs"]

_MARKUP = re.compile(r"[<>{}\[\]`\"\\|^~*_=#$@]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Whole tags go, not just their brackets ("<script>alert(1)</script>Cakes" is "Cakes", not
# "script alert(1) /script Cakes"): a script's or style's body is code, never words said.
_CODE_OPEN = re.compile(r"<!--|<(script|style)\b[^<>]{0,200}>", re.I)
_TAG = re.compile(r"</?[a-z][^<>]{0,200}>", re.I)


def wordset(text: str) -> frozenset[str]:
    """The set of whitespace-separated words in `text`, for word lists written as prose."""
    return frozenset(text.split())


def word_gate(words: Iterable[str], *, whole: bool = True) -> re.Pattern[str]:
    """A pattern finding any of `words` (case-insensitive) at the start of a word, and ending
    one when `whole` ("pick" then finds "picking" only when not `whole`): the cheap check a
    reader makes before it spends a parse."""
    longest_first = sorted(words, key=len, reverse=True)
    end = r"\b" if whole else ""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in longest_first) + ")" + end, re.I)


def _valid_characters(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8", "replace")
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cs", "Co", "Cn"))


def _without_code(text: str) -> str:
    """`text` without its comments and script or style elements, in one pass (an idea of
    thousands of unclosed `<script>`s must not cost a scan each)."""
    lower = text.lower()
    kept: list[str] = []
    start = 0
    while opening := _CODE_OPEN.search(text, start):
        close = "-->" if opening.group(1) is None else f"</{opening.group(1).lower()}"
        end = lower.find(close, opening.end())
        if end < 0:
            break
        end = lower.find(">", end)
        kept.append(text[start : opening.start()])
        start = len(text) if end < 0 else end + 1
    return " ".join([*kept, text[start:]])


def without_markup(text: str) -> str:
    """`text` with its tags, comments, scripts and styles gone whole, all else as written."""
    return _TAG.sub(" ", _without_code(text))


def clean_text(text: str) -> str:
    """Plain, single-line text: no control chars, lone surrogates or markup characters."""
    text = _valid_characters(text)
    text = without_markup(text)
    text = _CONTROL.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


# A run of punctuation longer than this is cut to this long before parsing: spaCy's tokenizer
# takes quadratic time over one long token of marks (5,000 "(" cost ~2 CPU-s, "_." 2,000 times
# ~5 CPU-s), and no idea says more with nine brackets in a row than with eight. "_" is a mark
# here, though a regular expression counts it a word character.
PUNCTUATION_RUN = 8
_PUNCTUATION_RUN = re.compile(rf"(?:[^\w\s]|_){{{PUNCTUATION_RUN + 1},}}")
# A run with no space in it longer than this is cut to this long as well: marks between letters
# ("-a" 2,000 times) make the same one long token, and no word is so long (the longest words
# said in the held-out ideas have 32 characters; a longer web address keeps its first 64).
LONGEST_RUN = 64
_LONG_RUN = re.compile(rf"\S{{{LONGEST_RUN + 1},}}")


def _marks_cut(text: str) -> str:
    return _PUNCTUATION_RUN.sub(lambda run: run.group()[:PUNCTUATION_RUN], text)


def _long_runs_cut(text: str) -> str:
    return _LONG_RUN.sub(lambda run: run.group()[:LONGEST_RUN], text)


def runs_cut(text: str) -> str:
    """`text` with each run of more than `PUNCTUATION_RUN` marks, and then each run of more
    than `LONGEST_RUN` characters with no space, cut to that long: read in linear time."""
    return _long_runs_cut(_marks_cut(text))


def clean_text_keep_lines(text: str) -> str:
    """Like `clean_text` but keeps sentence breaks and quotes for parsing; runs of marks are
    cut, and so are runs with no space longer than any word once markup is gone (`runs_cut`)."""
    text = _marks_cut(_valid_characters(text))
    text = re.sub(r"<[^>]{0,200}>", " ", _without_code(text))
    text = _long_runs_cut(re.sub(r"[\r\n]+", ".\n", text))
    return re.sub(r"[ \t\x00-\x09\x0b-\x1f\x7f]+", " ", text)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z'-]*", text.lower())


def singular(word: str) -> str:
    """The simple singular ("supplies" -> "supply"); `forms.singular` asks the dictionary."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def ended(text: str) -> str:
    """`text` as a sentence with its full stop: one it has already, if inside a closing quote
    ("New tagline: “Keep track of gigs.”"), is not said twice."""
    text = text.strip()
    if not text or text.rstrip("\u201d\u2019\"')").endswith((".", "!", "?")):
        return text
    return text + "."


def truncate_words(text: str, max_words: int, max_chars: int) -> str:
    kept = text.split()[:max_words]
    out = " ".join(kept)
    while len(out) > max_chars and len(kept) > 1:
        kept = kept[:-1]
        out = " ".join(kept)
    return out[:max_chars].strip()
