"""Typos in the founder's nouns ("memebers", "rehersals"), corrected against a dictionary.

A word is corrected only when it is not an English word, one edit away from one, and plainly
not a name, an acronym or a compound (a "makerspace", "preorders" or "IMEI" stays as written).
A correction the idea itself uses elsewhere wins over the dictionary's most frequent guess.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from livebuild.english.dictionary import Dictionary, english
from livebuild.english.lexicon import lexicon
from livebuild.english.names import closest

_MIN_LENGTH = 4
# Endings that make a doer of a known word ("schoolers", "homeschooler").
_DOERS = ("ers", "er")
_lock = threading.Lock()


def _checker() -> Dictionary:
    # One edit only: two-edit candidates of a long unknown word take seconds to list.
    with _lock:  # read once, by one thread; read-only after that
        return english()


def known(word: str) -> bool:
    return bool(_checker().known([word.lower()]))


def _compound(word: str) -> bool:
    """ "makerspace" (maker + space), "preorders" (pre + orders): made of known parts."""
    for prefix in lexicon().prefixes:
        if word.startswith(prefix) and known(word[len(prefix) :]):
            return True
    if any(known(word[:cut]) and known(word[cut:]) for cut in range(3, len(word) - 2)):
        return True
    # "schoolers", "homeschooler": a known word made a doer ("school" + "ers").
    return any(word.endswith(end) and known(word[: -len(end)]) for end in _DOERS)


# British spellings of words the dictionary has in American ("neighbour", "organise").
_BRITISH = (
    ("our", "or"),
    ("ise", "ize"),
    ("isation", "ization"),
    ("yse", "yze"),
    ("tre", "ter"),
    ("ogue", "og"),
    ("ence", "ense"),
    ("lled", "led"),
    ("lling", "ling"),
    ("mme", "m"),
)


def _british(word: str) -> bool:
    return any(a in word and known(word.replace(a, b)) for a, b in _BRITISH)


def _inflected(word: str) -> bool:
    """Whether the inflection dictionary knows `word` ("gradings", "locos"): a plural the
    spelling dictionary lacks is no typo of a singular it has."""
    from lemminflect import getAllLemmas  # imports spaCy: only once an idea is read

    return bool(getAllLemmas(word))


def correction(word: str, own_words: Iterable[str] = ()) -> str:
    """`word` (lowercase) as the founder meant it: itself, or the dictionary word it misspells."""
    if len(word) < _MIN_LENGTH or not word.isascii() or not word.isalpha() or known(word):
        return word
    if word in lexicon().brands or word in lexicon().clipped or _inflected(word):
        return word
    if _compound(word) or _british(word):
        return word
    candidates = {c for c in _checker().candidates(word) or set() if c.isascii()}
    best = _checker().correction(word)
    own_set = set(own_words) - {word}
    own = sorted(w for w in own_set if w in candidates)
    if own:
        return own[0]
    if best and best != word and best in candidates:
        return best
    # Two slips in one word ("memmbres"): the idea's own spelling of it elsewhere, if any.
    return closest(word, (w for w in own_set if known(w)), cutoff=80) or word
