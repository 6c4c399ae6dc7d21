"""Small English rules for text we write about the founder's own nouns.

The nouns come from the idea ("order", "umbrella", "user", "walker"), so the article, the
count and the pronoun have to be worked out, not written in.
"""

from __future__ import annotations

import re

from livebuild.english.lexicon import lexicon

# Vowel letters that sound like a consonant, and silent h that sounds like a vowel.
_YOU_SOUND = re.compile(r"^(?:u[bcdfgklmnprstvz][aeiou]|use|usu|ut[ei]|eu|ewe|one\b|once\b|uni)")
_SILENT_H = re.compile(r"^(?:hour|honest|honou?r|heir)")
# An all-capitals word is read letter by letter: "an SMS", "an HR request", "a URL".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")

# Nouns for people, from the lexicon's data.
PEOPLE = lexicon().people


def article(phrase: str) -> str:
    """ "a" or "an" for the phrase's first word, by its sound as far as the spelling shows."""
    word = phrase.strip().split(" ", 1)[0] if phrase.strip() else ""
    if not word:
        return "a"
    if len(word) > 1 and word.isupper():
        return "an" if word[0] in _VOWEL_LETTERS else "a"
    lower = word.lower()
    if _SILENT_H.match(lower):
        return "an"
    if lower[0] in "aeiou" and not _YOU_SOUND.match(lower):
        return "an"
    return "a"


def with_article(phrase: str) -> str:
    return f"{article(phrase)} {phrase}"


def counted(number: int, singular: str, plural: str) -> str:
    """ "1 record", "2 records", "0 records"."""
    return f"{number:,} {singular if number == 1 else plural}"


def is_person(noun: str) -> bool:
    """Whether the noun (singular or plural, any case) names people rather than things."""
    words = noun.lower().replace("-", " ").split()
    if not words:
        return False
    last = words[-1]
    candidates = {last, last[:-1] if last.endswith("s") else last}
    if last.endswith("ies"):
        candidates.add(last[:-3] + "y")
    if last == "children":
        candidates.add("child")
    return bool(candidates & PEOPLE)


def pronoun(noun: str) -> str:
    """ "who" for people, "what" for things."""
    return "who" if is_person(noun) else "what"


def possessive(noun: str) -> str:
    """ "their" for people, "its" for things."""
    return "their" if is_person(noun) else "its"


# What a change did, said while it is being done ("Added a page" -> "adding a page").
_DOING = {
    "Added": "adding",
    "Renamed": "renaming",
    "Removed": "removing",
    "Turned": "turning",
    "Made": "making",
    "Switched": "switching",
    "Moved": "moving",
    "Changed": "changing",
    "Brought": "bringing",
}


def in_progress(done: str) -> str:
    """A line saying what a change did ("Added weight to Harvests."), as it is being done.

    Lines that don't open with a known past verb come back as they are.
    """
    verb, _, rest = done.partition(" ")
    doing = _DOING.get(verb)
    return f"{doing} {rest}" if doing and rest else done
