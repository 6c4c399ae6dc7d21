"""The words of an idea a known kind of app (a catalogue domain) may be recognised by.

A keyword that names a domain's record ("book", "member", "recipe") counts only where the
idea uses it as a noun of its own: a thing it names, a word qualifying one ("*book* club"),
the product it names, or its opening words. "People *book* someone nearby" uses "book" as a
verb, and "people can *book* a table" too: neither is a library, whatever the word's letters.
Other keywords ("sell", "online") count wherever they stand. A record's name the idea doesn't
use as a noun is kept as a gap, so a phrase keyword ("book club") still needs its words side
by side.
"""

from __future__ import annotations

import functools

from livebuild.brief.catalogue import shipped_catalogue
from livebuild.brief.venue_words import others_places
from livebuild.english.forms import as_singular
from livebuild.english.idea import IdeaReading

GAP = "\u00b7"


def domain_words(read: IdeaReading) -> tuple[str, ...]:
    """`read.words`, each record's name the idea doesn't use as a noun replaced by a gap."""
    english = read.english
    nouns = {english.product_head, *english.product, *english.opening}
    for phrase in english.phrases:
        nouns.update((phrase.head, phrase.said, *phrase.modifiers))
    nouns.discard("")
    words = read.words
    records = _record_names()
    kept = [_noun(w, nouns) or (w not in records and as_singular(w) not in records) for w in words]
    # A word written straight before one of them, and read as a noun, is part of its name
    # ("book" of "a book club app", where the reading keeps only "club").
    for i in range(len(words) - 2, -1, -1):
        if not kept[i] and _noun(words[i + 1], nouns) and english.tags_of(words[i]) & _NOUN_TAGS:
            kept[i] = True
    # Another trade's place ("a pottery studio") is no keyword of the gym's (`venue_words.py`).
    for i, other in enumerate(others_places(words, english)):
        kept[i] = kept[i] and not other
    return tuple(w if keep else GAP for w, keep in zip(words, kept, strict=True))


_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})


def _noun(word: str, nouns: set[str]) -> bool:
    return word in nouns or as_singular(word) in nouns


@functools.cache
def _record_names() -> frozenset[str]:
    """Every catalogue record's name, one word each (its last), singular and plural."""
    names: set[str] = set()
    for domain in shipped_catalogue().domains:
        for spec in domain.entities:
            names.update(n.lower().split()[-1] for n in (spec.singular, spec.plural))
    return frozenset(names)
