"""Words that name a place of many trades: "studio", "club", "school".

The catalogue marks them (`places` of a domain). Such a word speaks of its domain when it
stands alone, when its domain's own words qualify it ("my studio", "a yoga studio", "a spin
studio", "a martial arts club", "a boarding school": the domain's keywords and its
`place_kinds`), when it serves whom the domain serves ("a music school for kids": its
`place_for`), or when it is part of a name ("Oakwood School", "Members of Hillside Club", "a
Brooklyn studio"). Qualified by a noun of another trade it is that trade's place ("a pottery
studio", "a sailing club", "a driving school"), and no evidence that the idea is a gym or a
school: their members get no gym plans, their students no guardians.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from livebuild.brief.catalogue import shipped_catalogue
from livebuild.brief.text import singular
from livebuild.english.reading import Reading

# A common noun or a gerund before a word qualifies it: the "pottery" of "a pottery studio".
# A proper noun names the place instead ("Oakwood School"): never another trade.
_QUALIFIERS = frozenset({"NN", "NNS", "VBG"})


@dataclass(frozen=True)
class _Place:
    # The words that make the place its domain's own when they qualify it, and the people
    # it serves when said after "for".
    own: frozenset[str]
    serves: frozenset[str]


@functools.cache
def _places() -> dict[str, _Place]:
    """Each place word, and what makes it one of the domains it is a place of."""
    own: dict[str, set[str]] = {}
    serves: dict[str, set[str]] = {}
    for domain in shipped_catalogue().domains:
        for place in domain.places:
            own.setdefault(place, set()).update(domain.keywords, domain.place_kinds)
            serves.setdefault(place, set()).update(domain.place_for)
    return {place: _Place(frozenset(own[place]), frozenset(serves[place])) for place in own}


def others_places(words: Sequence[str], english: Reading) -> list[bool]:
    """For each of `words` (the idea's, in order), whether it is a place word qualified by
    another trade's noun: the "studio" of "a pottery studio"."""
    places = _places()
    marks = []
    for i, word in enumerate(words):
        place = places.get(word if word in places else singular(word))
        marks.append(place is not None and i > 0 and _anothers(words, i, place, english))
    return marks


def _anothers(words: Sequence[str], i: int, place: _Place, english: Reading) -> bool:
    before, word = words[i - 1], words[i]
    qualifier = {before, singular(before), f"{before} {word}", f"{singular(before)} {word}"}
    if i > 1:
        qualifier.add(f"{words[i - 2]} {before}")
    if qualifier & place.own:
        return False
    after = list(words[i + 1 : i + 4])
    if after[:1] == ["for"] and place.serves & ({*after} | {singular(w) for w in after}):
        return False
    if _titled(english.fixed):
        # "Pottery Studio Member Tracker": every word capitalised, and tagged as a name.
        return bool(english.tags_of(before) & (_QUALIFIERS | {"NNP", "NNPS"}))
    if _named(english.fixed, before, word):
        return False
    return bool(english.tags_of(before) & _QUALIFIERS)


def _titled(text: str) -> bool:
    """Whether the idea is written like a title, most of its words capitalised."""
    capitals = re.findall(r"\b[A-Z][a-z]", text)
    return len(capitals) * 2 > len(re.findall(r"\b[A-Za-z]{2,}", text))


def _named(text: str, before: str, word: str) -> bool:
    """Whether `before word` is written as (part of) a name: the place word capitalised
    ("Iron Studio"), or its qualifier inside a sentence ("a Brooklyn studio")."""
    pattern = rf"\b({re.escape(before)})\W+({re.escape(word)})\b"
    for match in re.finditer(pattern, text, re.IGNORECASE):
        opening = text[: match.start()].rstrip()
        first_word = not opening or opening[-1] in ".!?:;\n"
        if match.group(2)[:1].isupper() or (match.group(1)[:1].isupper() and not first_word):
            return True
    return False
