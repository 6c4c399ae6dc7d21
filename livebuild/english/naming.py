"""The name a founder gives their product in the idea: "called Tallyho", "named 'Pup Pals'",
"Name: Tallyho", "Barkly is an app for ...", "Pawfect Walks: an app for ...". A name is kept
as written: a word of it is corrected only when it is plainly a misspelt dictionary word, not
a coinage ("Pawfect" and "Walkr" stay, "Choir Memebers" is "Choir Members")."""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from livebuild.english import spelling
from livebuild.english.lexicon import lexicon
from livebuild.english.words import STOPWORDS

# A name's words: each capitalised ("Pawfect Walks", "iCal Sync" too), one to four of them.
_NAME_WORD = r"(?-i:[A-Z][\w'’&-]*|[a-z]+[A-Z][\w'’&-]*)"
_NAME_WORDS = rf"{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|&)){{0,3}}"
# What follows a product's name that introduces it: "an app", "a booking tool", "the ...".
_INTRODUCED = r"(?:a|an|the|your|our)\s"

_NAME_PATTERNS = (
    re.compile(
        r"\b(?i:called|named|name it|brand(?:ed)? as)\s+[\"'“‘«]([^\"'”’»\n]{1,60})[\"'”’»]"
    ),
    re.compile(
        r"\b(?i:called|named|name it|brand(?:ed)? as)\s+"
        r"([^\s,.;:!?()\"]{1,40}(?:[ \t]+[^\s,.;:!?()\"]{1,30}){0,2})"
    ),
    re.compile(r"[\"“«]([^\"”»\n]{2,40})[\"”»]"),
    # "Name: Tallyho", "Product name - Tallyho", on a line of its own or opening the idea.
    re.compile(
        r"(?im)^[ \t]*(?:product[ \t]+|app[ \t]+)?name[ \t]*[:–—-][ \t]*([^\n,.;:!?()]{1,40})"
    ),
    # "Pawfect Walks: an app for dog walkers", "Pup Pals — a booking app".
    re.compile(rf"^[ \t]*({_NAME_WORDS})[ \t]*(?::|—|–|[ \t]-)[ \t]*(?i:{_INTRODUCED})"),
    # "Barkly is an app for dog groomers".
    re.compile(rf"^[ \t]*({_NAME_WORDS})[ \t]+(?i:is|will be)[ \t]+(?i:{_INTRODUCED})"),
)
# The patterns that name the product at the idea's start, which the description leaves out.
_NAME_LINE = _NAME_PATTERNS[3]
_LEADING = _NAME_PATTERNS[4:]


def without_naming(text: str) -> str:
    """The idea without its "called X" clause, which describes neither users nor features."""
    for pattern in _NAME_PATTERNS[:2]:
        text = pattern.sub(" ", text)
    return without_name_heading(text)


def without_name_heading(text: str) -> str:
    """The idea without the name it opens with ("Name: Tallyho", "Pup Pals — a booking app",
    "Barkly is an app ..."), so the name is read as no record of it ("Pals")."""
    text = _NAME_LINE.sub(" ", text)
    for pattern in _LEADING:
        match = pattern.search(text)
        if match and not _not_a_name(match.group(1)):
            return text[: match.start(1)] + text[match.end(1) :].lstrip(" \t:—–-")
    return text


def names_said(text: str) -> tuple[str, ...]:
    """The names `text` gives its product, best first, as written ("called Pup Pals for ..."
    gives "Pup Pals"): the caller cleans them and takes the first that survives."""
    found: list[str] = []
    for pattern in _NAME_PATTERNS:
        match = pattern.search(text)
        if match:
            words = match.group(1).split()
            if pattern is _NAME_PATTERNS[1]:
                kept = words[:1]
                for word in words[1:]:
                    if word.lower() in STOPWORDS:
                        break
                    kept.append(word)
                words = kept
            name = " ".join(words)
            if pattern in _LEADING and _not_a_name(name):
                continue
            if words and all(w.lower() in lexicon().brands for w in words):
                continue  # "Plotly is a ...": a known product or library, not the founder's
            found.append(name)
    return tuple(found)


def _not_a_name(said: str) -> bool:
    """ "This is a ...", "Restaurant: a ...", "BOAT LOG: A ...": words any sentence may open
    with, one dictionary word or a shouted heading, not a name ("Pup Pals: a ..." is one)."""
    words = said.lower().split()
    if all(w in STOPWORDS for w in words) or words[0] in _OPENERS:
        return True
    shouted = len(said) > 3 and said.isupper()  # "ROWING CLUB BOAT LOG: A LIST OF ..."
    return shouted or (len(words) == 1 and spelling.known(words[0]))  # "Restaurant: a ..."


# Words that open a sentence about the product, never its name.
_OPENERS = frozenset({"this", "it", "mine", "ours", "here", "so", "basically", "idea"})


def as_meant(name: str) -> str:
    """`name` as written, with a word corrected only where it plainly misspells a dictionary
    word: one slip that adds a letter or swaps two ("Choir Memebers", "Reciept Box"). A word
    with a letter left out or changed is how brands are coined ("Flickr", "Barkly",
    "Pawfect"): those stay."""
    return re.sub(r"[A-Za-z]+", lambda m: _word_as_meant(m.group(0)), name)


def _word_as_meant(word: str) -> str:
    lower = word.lower()
    meant = spelling.correction(lower)
    if meant == lower or (len(word) > 1 and word.isupper()):
        return word
    swapped = len(lower) == len(meant) and sorted(lower) == sorted(meant)
    # (A letter added at the end makes a brand of a word: "Walkr", "Bookly".)
    added = len(lower) > len(meant) and not lower.startswith(meant)
    if OSA.distance(lower, meant) > 1 or not (added or swapped):
        return word
    return meant[:1].upper() + meant[1:] if word[:1].isupper() else meant
