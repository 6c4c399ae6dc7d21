"""A detail's name as a reader proposes it, held to a noun phrase the idea could say.

A small model names details freely and now and then gives words of a sentence ("pupil actually
turnedup"), a verb or a question word ("when ready"), or respells a word the founder wrote in
capitals ("DIN settings" as "dining setting"). A detail's name must be a noun phrase: a noun at
its head, nouns and adjectives before it, and "of", "in" or "per" only between two of those
("size in litres", "number of guests"). Each word is judged by the part it plays in the idea's
own parse where the idea says it, else by the inflection dictionary. A name that is not one is
reduced to the longest noun phrase in it, or dropped.
"""

from __future__ import annotations

import re
from collections.abc import Set

from livebuild.english import spelling
from livebuild.english.forms import plural, singular
from livebuild.english.inflections import all_lemmas, inflection
from livebuild.english.names import same_name
from livebuild.english.reading import Reading
from livebuild.english.shape_words import shape_words

# Words that join two noun phrases inside one detail's name.
_JOINERS = frozenset({"of", "in", "per"})
# Fine tags of words that belong in a noun phrase (a gerund may qualify: "walking boots").
_NOUN_TAGS = ("NN",)
_PHRASE_TAGS = ("NN", "JJ", "CD", "VBG")


def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    return dict(all_lemmas(word))


def _tags(word: str, reading: Reading) -> set[str]:
    return reading.tags_of(word) | reading.tags_of(plural(word)) | reading.tags_of(singular(word))


def only_as(word: str, parts: Set[str]) -> bool:
    """Whether the dictionary knows `word` only as these parts of speech ("moisture": a noun,
    whatever a parse of one sentence made of it)."""
    lemmas = set(_lemmas(word))
    return bool(lemmas & parts) and not lemmas - parts - {"PROPN"}


def _misread(word: str, tags: set[str], parts: Set[str]) -> bool:
    """A noun the parse read as a verb ("moisture readings" parsed as an order)."""
    return all(t.startswith("VB") for t in tags) and only_as(word, parts)


def _is_noun(word: str, reading: Reading) -> bool:
    tags = _tags(word, reading)
    if tags:
        return any(t.startswith(_NOUN_TAGS) for t in tags) or _misread(word, tags, {"NOUN"})
    lemmas = _lemmas(word)
    # A dictionary word the inflection tables lack ("id", "rsvp") is taken as a noun.
    return "NOUN" in lemmas or (not lemmas and spelling.known(word))


def _fits(word: str, reading: Reading) -> bool:
    """Whether `word` can stand in a noun phrase, as the idea says it (or, unsaid, as the
    dictionary knows it): never a question word or a determiner ("who", "each")."""
    listed = shape_words()
    if word in listed["question_words"] or word in listed["determiners"]:
        return False
    tags = _tags(word, reading)
    if tags:
        return any(t.startswith(_PHRASE_TAGS) for t in tags) or _misread(
            word, tags, {"NOUN", "ADJ"}
        )
    lemmas = _lemmas(word)
    return bool({"NOUN", "ADJ"} & set(lemmas)) or (not lemmas and spelling.known(word))


def _whole(words: list[str], reading: Reading) -> bool:
    for n, word in enumerate(words):
        if word in _JOINERS:
            inside = 0 < n < len(words) - 1
            if not inside or not _fits(words[n - 1], reading):
                return False
        elif not _fits(word, reading):
            return False
    return _is_noun(words[-1], reading)


def _longest_phrase(words: list[str], reading: Reading) -> list[str]:
    """The longest run of words that fit a noun phrase and end in a noun."""
    best: list[str] = []
    run: list[str] = []
    for word in words:
        run = [*run, word] if word not in _JOINERS and _fits(word, reading) else []
        end = len(run)
        while end and not _is_noun(run[end - 1], reading):
            end -= 1
        if end > len(best):
            best = run[:end]
    return best


def _respelt(word: str, said: str) -> bool:
    """Whether `word` is the idea's `said` changed by a reader: lengthened ("din" as
    "dining") or misspelt."""
    return word.startswith(said) or said.startswith(word) or same_name(word, said)


def _as_said(words: list[str], reading: Reading) -> list[str]:
    """The idea's own words for a phrase whose head it says with a qualifier the reader
    respelt ("dining setting" where the idea says "DIN settings")."""
    head = singular(words[-1])
    said = set(re.findall(r"[a-z]+", reading.text.lower()))
    unsaid = [w for w in words[:-1] if w not in said and singular(w) not in said]
    for phrase in reading.phrases:
        if singular(phrase.head) != head or phrase.proper:
            continue
        own = [m.lower() for m in phrase.modifiers]
        if unsaid and own and all(any(_respelt(w, m) for m in own) for w in unsaid):
            return [*own, words[-1]]
    return words


def _cased(word: str, reading: Reading) -> str:
    """`word` in capitals when the idea writes it only so ("DIN", "MOT")."""
    letters = [c for c in reading.text if c.isalpha()]
    if sum(c.isupper() for c in letters) * 2 >= len(letters):
        return word  # an idea written in capitals throughout says nothing by them
    written = re.findall(rf"\b{re.escape(word)}\b", reading.text, re.IGNORECASE)
    return word.upper() if written and all(w.isupper() and len(w) > 1 for w in written) else word


def _past_participle(word: str) -> bool:
    verbs = _lemmas(word).get("VERB", ())
    return any(word in inflection(v, tag="VBN") for v in verbs)


def _timed(words: list[str]) -> bool:
    """ "sow date", "next due": a date's name says when, whatever the parse made of it."""
    listed = shape_words()
    if any(w in listed["question_words"] or w in listed["determiners"] for w in words):
        return False
    return any(w in listed["time_words"] for w in words)


def _done(words: list[str], reading: Reading) -> bool:
    """ "fitted", "deposit paid": what was done (and when), a date's or a yes/no's name."""
    last = words[-1]
    tags = _tags(last, reading)
    participle = bool(tags & {"VBN", "VBD"}) or _past_participle(last)
    return participle and all(_fits(w, reading) for w in words[:-1])


def detail_label(name: str, reading: Reading, kind: str = "") -> str:
    """`name` (lowercase words) as a detail's label, "Size in litres", "DIN setting" (or for
    a date or a yes/no of `kind`, what was done: "Fitted", "Deposit paid"); its longest noun
    phrase when it is not one ("Pupil" of "pupil actually turnedup"); "" when it has none."""
    given = {w.lower(): w for w in name.split()}
    words = name.lower().split()
    if not words:
        return ""
    words = _as_said(words, reading)
    if (kind in ("date", "choice") and _done(words, reading)) or (kind == "date" and _timed(words)):
        pass
    elif not _whole(words, reading):
        words = _longest_phrase(words, reading)
        if not words:
            return ""
    words = [w.upper() if given.get(w, "").isupper() else _cased(w, reading) for w in words]
    label = " ".join(words)
    return label[:1].upper() + label[1:]
