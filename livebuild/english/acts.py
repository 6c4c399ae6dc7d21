"""The record of an act, named from its verb: "refer" -> "referral", "book" -> "booking".

A founder often says what happens to the things they keep without naming the record of it
("families, *who referred them*"; "the courses and *who's booked on them*"). The record is the
verb's noun of the act. It comes from the shape reader's `implied` table where a verb's noun is
not its own ("book" -> "booking", a book being something else), else from the endings English
makes such nouns with, tried in turn on the verb's stem and kept only when lemminflect's
dictionary knows the noun ("referral", "payment", "delivery", "attendance"); else from the verb
itself when it is a noun too ("order", "swap", "visit"). A derived word that means something
else ("signal" of "sign") is listed in `shape_words.toml` under `not_acts`.
"""

from __future__ import annotations

from livebuild.english.inflections import all_lemmas
from livebuild.english.lexicon import lexicon
from livebuild.english.shape_words import shape_words

# Endings that make the noun of one act from its verb, most telling first ("delivery" before
# "deliverance"); those after the verb itself are tried only when it is no noun ("visit", not
# "visitation"; "order", not "ordering").
_ENDINGS = ("al", "y", "ment", "ance", "ence", "ion")
_LATER = ("ation", "ery", "ing")
_VOWELS = frozenset("aeiou")


def _stems(verb: str) -> list[str]:
    """The forms an ending joins: "refer" -> "referr" too, "attend", "deliver", "quote" ->
    "quot"."""
    stems = [verb]
    if verb.endswith("e") and len(verb) > 3:  # not "see" -> "seal"
        stems.append(verb[:-1])
    if len(verb) > 2 and verb[-1] not in _VOWELS | {"w", "x", "y"} and verb[-2] in _VOWELS:
        stems.append(verb + verb[-1])
    return stems


def _known(noun: str) -> bool:
    return bool(all_lemmas(noun, upos="NOUN").get("NOUN"))


def act_noun(word: str) -> str | None:
    """The noun of the act a verb form says ("referred" -> "referral", "booked" -> "booking"),
    or None when the word is no verb or English has no such noun."""
    words = shape_words()
    for verb in all_lemmas(word, upos="VERB").get("VERB", ()):
        if verb in words.table("implied"):
            return words.table("implied")[verb]
        stems = _stems(verb)
        derived = [stem + end for end in _ENDINGS for stem in stems]
        later = [stem + end for end in _LATER for stem in stems]
        for noun in [*derived, verb, *later]:
            if noun in words["not_acts"] or noun in lexicon().people:
                continue  # "signal"; "sponsor", "groom": the one who does it
            if _known(noun):
                return noun
    return None
