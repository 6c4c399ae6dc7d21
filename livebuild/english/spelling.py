"""Typos in the founder's nouns ("memebers", "rehersals"), corrected against a dictionary.

A word is corrected only when it is not an English word, one edit away from a common one with
the same first letter, and plainly not a name, an acronym, a clipping or a compound (a
"makerspace", "preorders", "meds" or "IMEI" stays as written).
A correction the idea itself uses elsewhere wins over the dictionary's most frequent guess.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from livebuild.english.dictionary import Dictionary, english
from livebuild.english.inflections import all_lemmas, inflection
from livebuild.english.lexicon import lexicon
from livebuild.english.names import closest

# Shorter words are clipped more often than misspelt ("meds", "freq", "tups", "mgmt").
_MIN_LENGTH = 5
# How often (in the dictionary's counts) a word is used before a slip is read as it.
_COMMON = 1000
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
    return bool(all_lemmas(word))


def _plural_of_known(word: str) -> bool:
    """Whether `word` is a plural of a word the dictionary has, though not the plural itself
    ("bizes", "bizzes" of "biz"): slang made plural, never a slip of another word ("bites")."""
    stems = [word[:-1]] if word.endswith("s") else []
    if word.endswith("es"):
        stems.append(word[:-2])
        if len(word) > 4 and word[-3] == word[-4]:
            stems.append(word[:-3])  # "bizzes" of "biz"
    # (Not a plural misspelt, "deliverys": the dictionary has the stem's own plural.)
    return any(
        len(stem) >= 3
        and known(stem)
        and not any(known(many) for many in inflection(stem, "NNS") if many != word)
        for stem in stems
    )


def _left_out(word: str, meant: str) -> bool:
    """Whether `word` is `meant` with a letter left out ("enginer" of "engineer")."""
    letters = iter(meant)
    return len(meant) == len(word) + 1 and all(c in letters for c in word)


def _clear_typo(word: str, meant: str) -> bool:
    """A slip inside a common word: the first letter kept ("ecom", "kegging", "ipads" are no
    slips of "com", "begging", "pads") and the word meant in common use ("haylage" is no slip
    of "haulage")."""
    return meant[:1] == word[:1] and (_checker().count(meant) or 0) >= _COMMON


def correction(word: str, own_words: Iterable[str] = ()) -> str:
    """`word` (lowercase) as the founder meant it: itself, or the common dictionary word it
    plainly misspells."""
    if len(word) < _MIN_LENGTH or not word.isascii() or not word.isalpha() or known(word):
        return word
    if word in lexicon().brands or word in lexicon().clipped or _inflected(word):
        return word
    if _compound(word) or _british(word):
        return word
    candidates = {c for c in _checker().candidates(word) or set() if c.isascii()}
    own_set = set(own_words) - {word}
    own = sorted(w for w in own_set if w in candidates)
    if own:
        return own[0]
    # A letter left out is the commonest slip: "enginer" is "engineer" before "engine".
    slips = sorted(
        (c for c in candidates if c != word and _clear_typo(word, c)),
        key=lambda c: (not _left_out(word, c), -(_checker().count(c) or 0)),
    )
    if slips and _plural_of_known(word) and not _left_out(word, slips[0]):
        return word  # "bizes" of "biz", no slip of "bites"; "monts" is still "months"
    if slips:
        return slips[0]
    # Two slips in one word ("memmbres"): the idea's own spelling of it elsewhere, if any.
    return closest(word, (w for w in own_set if known(w)), cutoff=80) or word
