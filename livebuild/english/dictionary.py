"""pyspellchecker's English word list, held compactly: the same answers in a tenth of the room.

pyspellchecker keeps its 160,000 words as a dict of str to int (about 35 MB in every process
that reads English). Here they are sorted byte arrays, one per word length, with their
counts beside them (under 3 MB), and the few parts of pyspellchecker livebuild uses
(`known`, `candidates`, `correction` at edit distance one) are done the way it does them.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import gzip
import importlib.util
import json
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

_WORDS = Path("resources") / "en.json.gz"


@dataclass(frozen=True)
class _Bucket:
    words: np.ndarray[Any, Any]  # sorted, all of one UTF-8 length
    counts: np.ndarray[Any, np.dtype[np.int64]]


class Dictionary:
    """Words and how often each is used; `None` counts for a word it does not have."""

    def __init__(self, counts: dict[str, int]) -> None:
        import numpy as np  # on first use: not every process reads ideas

        by_length: dict[int, list[tuple[bytes, int]]] = {}
        for word, count in counts.items():
            raw = word.lower().encode()
            by_length.setdefault(len(raw), []).append((raw, count))
        self._buckets: dict[int, _Bucket] = {}
        for size, pairs in by_length.items():
            pairs.sort()
            words = np.array([w for w, _ in pairs], dtype=f"S{size}")
            self._buckets[size] = _Bucket(words, np.array([c for _, c in pairs], dtype=np.int64))
        # The letters and the longest word (in characters) that pyspellchecker derives.
        self.letters: set[str] = set().union(*counts)
        self.longest = max(map(len, counts), default=0)

    def count(self, word: str) -> int | None:
        import numpy as np  # on first use: not every process reads ideas

        raw = word.encode()
        bucket = self._buckets.get(len(raw))
        if bucket is None:
            return None
        at = int(np.searchsorted(bucket.words, raw))
        if at < len(bucket.words) and bucket.words[at] == raw:
            return int(bucket.counts[at])
        return None

    def __contains__(self, word: str) -> bool:
        return self.count(word) is not None

    def _checkable(self, word: str) -> bool:
        """pyspellchecker's `_check_if_should_check`: not punctuation, too long or a number."""
        if len(word) == 1 and word in string.punctuation:
            return False
        if len(word) > self.longest + 3:
            return False
        if word.lower() in ("nan", "inf", "infinity"):
            return True
        try:
            float(word)
        except ValueError:
            return True
        return False

    def _have(self, words: list[str]) -> list[bool]:
        """Which of `words` the dictionary has: one sorted search per word length."""
        import numpy as np  # on first use: not every process reads ideas

        raws = [w.encode() for w in words]
        have = [False] * len(raws)
        by_length: dict[int, list[int]] = {}
        for i, raw in enumerate(raws):
            by_length.setdefault(len(raw), []).append(i)
        for size, where in by_length.items():
            bucket = self._buckets.get(size)
            if bucket is None:
                continue
            asked = np.array([raws[i] for i in where], dtype=f"S{size}")
            at = np.minimum(np.searchsorted(bucket.words, asked), len(bucket.words) - 1)
            for i, hit in zip(where, (bucket.words[at] == asked).tolist(), strict=True):
                have[i] = hit
        return have

    def known(self, words: Iterable[str]) -> set[str]:
        lowered = [w.lower() for w in words]
        have = self._have(lowered)
        return {w for w, hit in zip(lowered, have, strict=True) if hit and self._checkable(w)}

    def _edits(self, word: str) -> set[str]:
        word = word.lower()
        if not self._checkable(word):
            return {word}
        letters = self.letters
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        deletes = [left + right[1:] for left, right in splits if right]
        swaps = [left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1]
        replaces = [left + c + right[1:] for left, right in splits if right for c in letters]
        inserts = [left + c + right for left, right in splits for c in letters]
        return set(deletes + swaps + replaces + inserts)

    def candidates(self, word: str) -> set[str] | None:
        """The known words one edit from `word` (`{word}` if it is known), or None."""
        if self.known([word]) or not self._checkable(word):
            return {word}
        return self.known(list(self._edits(word))) or None

    def correction(self, word: str) -> str | None:
        """The most used of `candidates(word)`, preferring one that differs only in accents."""
        found = self.candidates(word)
        if not found:
            return None
        bare = _unaccented(word)
        same = [c for c in found if _unaccented(c) == bare]
        return max(same or found, key=lambda c: self.count(c.lower()) or 0)


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.cache
def english() -> Dictionary:
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyspellchecker is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / _WORDS
    with gzip.open(path, "rt", encoding="utf-8") as f:
        counts: dict[str, int] = json.loads(f.read().lower())
    _add_unaccented(counts)
    words = Dictionary(counts)
    del counts
    _give_back()
    return words


def _add_unaccented(counts: dict[str, int]) -> None:
    """Each accented word also as founders type it ("cafe" of "café", "creche" of "crèche"), so
    it is read as the word it is and not corrected to another one edit away ("care")."""
    for word, count in list(counts.items()):
        if word.isascii():
            continue
        plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
        if plain and plain != word and plain.isalpha():
            counts.setdefault(plain, count)


def _give_back() -> None:
    """Hand the word list's freed strings back to the system (glibc keeps them otherwise:
    13 MB of a 16 MB rise), so the process holds the compact arrays and little else."""
    gc.collect()
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return  # not glibc: the memory is reused by the process instead
    trim(0)
