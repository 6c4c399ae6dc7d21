"""Words that name a place of many trades: "studio", "club", "school".

The catalogue marks them (`places` of a domain). Such a word speaks of its domain only when
it stands alone or its domain's own word qualifies it ("my studio", "a yoga studio", "a
boxing club", "a primary school"). Qualified by a noun of another trade it is that trade's
place ("a pottery studio", "a sailing club", "a driving school"), and no evidence that the
idea is a gym or a school: their members get no gym plans, their students no guardians.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from livebuild.brief.catalogue import shipped_catalogue
from livebuild.brief.text import singular
from livebuild.english.reading import Reading

# A noun or a gerund before a word qualifies it: the "pottery" of "a pottery studio".
_QUALIFIERS = frozenset({"NN", "NNS", "NNP", "NNPS", "VBG"})


@functools.cache
def _places() -> dict[str, frozenset[str]]:
    """Each place word, and the keywords of the domains it is a place of."""
    places: dict[str, set[str]] = {}
    for domain in shipped_catalogue().domains:
        for place in domain.places:
            places.setdefault(place, set()).update(domain.keywords)
    return {place: frozenset(own) for place, own in places.items()}


def others_places(words: Sequence[str], english: Reading) -> list[bool]:
    """For each of `words` (the idea's, in order), whether it is a place word qualified by
    another trade's noun: the "studio" of "a pottery studio"."""
    places = _places()
    marks = []
    for i, word in enumerate(words):
        own = places.get(word if word in places else singular(word))
        before = words[i - 1] if i else ""
        marks.append(
            own is not None
            and bool(before)
            and not {before, singular(before)} & own
            and bool(english.tags_of(before) & _QUALIFIERS)
        )
    return marks
