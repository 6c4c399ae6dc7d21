"""The candidate record kinds of an idea and what the parse says of each, as numbers.

A candidate is every head noun the English reading finds (each head once, however often it is
said), plus the things the rules chose (which may be phrases the sentence patterns made). For
each, the features are what the rules themselves weigh (listed, a keeping verb's object, a
plural that acts, a detail's word, a person, a name...), as 0/1 or small numbers, and the
WordLlama vectors of its head and of its whole phrase. The learned judge (`kind_judge`) weighs
them; nothing here decides.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from livebuild.brief.kinds import one_of_many
from livebuild.english import spelling
from livebuild.english.asked import asked_heads, outside_request
from livebuild.english.described import described
from livebuild.english.embeddings import embed
from livebuild.english.lexicon import NOUN_LISTS, lexicon
from livebuild.english.reading import Phrase, Reading
from livebuild.english.records import (
    _qualifier,
    a_person,
    an_occasion,
    an_option,
    candidate,
    for_whom,
    kept_nouns,
    listed_phrases,
    only_a_verb,
    said_varieties,
    weight,
    what_each_has,
)
from livebuild.english.shape_lists import Thing

if TYPE_CHECKING:
    import numpy as np

# Parts a mention may play, prepositions it may follow, determiners it may have.
_ROLES = ("dobj", "pobj", "nsubj", "nsubjpass", "conj", "ROOT", "poss", "appos", "attr")
_PREPOSITIONS = ("of", "for", "with", "from", "to", "in", "on", "at", "by", "like", "as")
_DETERMINERS = ("a", "an", "the", "my", "our", "their", "each", "every", "any")
_ENDINGS = ("ing", "ment", "tion", "sion", "ance", "ence", "er", "or", "ist")
_MOST_RULES = 8


@dataclass(frozen=True)
class Candidate:
    """A noun that may be a record kind: the thing a plan would keep for it (the rules' own
    when `ruled`: they chose it), with its words (qualifier, head) as first said."""

    thing: Thing
    ruled: bool = False

    @property
    def head(self) -> str:
        return self.thing.head

    @property
    def names(self) -> tuple[str, ...]:
        """The names a plan would give it: as the dictionary says it, and as written."""
        words = self.thing.words
        return (self.thing.phrase, " ".join((*words[:-1], self.thing.said or self.head)))


def candidates(reading: Reading, rules: Sequence[Thing]) -> list[Candidate]:
    """Every head the reading names, once (the rules' words for it where they chose it)."""
    found: dict[str, Candidate] = {}
    for thing in rules:
        found.setdefault(thing.head, Candidate(thing, ruled=True))
    for kept in kept_nouns(reading):
        if kept.head not in found:
            found[kept.head] = _unruled(kept.words, kept.said, kept.index, kept.verb)
    for phrase in reading.phrases:
        if phrase.head in found or not phrase.head.isalpha() or len(phrase.head) < 3:
            continue
        words = (*_qualifier(reading, phrase), phrase.head)
        found[phrase.head] = _unruled(words, phrase.said, phrase.index, phrase.verb)
    return list(found.values())


def _unruled(words: tuple[str, ...], said: str, index: int, verb: str) -> Candidate:
    # (weight 3: a noun the judge chooses is as sure as one a keeping verb takes)
    return Candidate(Thing(words, 3, index, verb, said=said))


def _mentions(reading: Reading, head: str) -> list[tuple[int, Phrase]]:
    return [(n, p) for n, p in enumerate(reading.phrases) if p.head == head]


def _any(phrases: Sequence[Phrase], test: Any) -> float:
    return float(any(test(p) for p in phrases))


def _all(phrases: Sequence[Phrase], test: Any) -> float:
    return float(bool(phrases) and all(test(p) for p in phrases))


def _parse_features(
    reading: Reading, cand: Candidate, rules: Sequence[Thing], listed: set[int]
) -> list[float]:
    """What the rules' own tests say of it, then how the idea says it."""
    said = _mentions(reading, cand.head)
    phrases = [p for _, p in said]
    weights = [weight(reading, n, listed) for n, _ in said] or [0]
    rules_heads = [t.head for t in rules]
    rank = rules_heads.index(cand.head) if cand.head in rules_heads else _MOST_RULES
    return [
        float(not phrases),  # a phrase the sentence patterns made
        float(cand.ruled),
        1.0 - rank / _MOST_RULES,
        float(cand.ruled and cand.thing.weight >= 2),
        float(max(weights) >= 3),
        float(max(weights) == 2),
        float(any(a.head == cand.head for a in kept_nouns(reading))),
        _any(phrases, lambda p: candidate(reading, p)),
        float(one_of_many(cand.head, reading)),
        float(bool(said) and all(for_whom(reading, n) for n, _ in said)),
        _all(phrases, lambda p: what_each_has(reading, p)),
        _any(phrases, lambda p: an_option(reading, p)),
        *_said_features(reading, cand, said),
        *_context_features(reading, cand, said),
    ]


def _siblings(reading: Reading, said: Sequence[tuple[int, Phrase]]) -> list[Phrase]:
    """The other items of the lists it is said in ("plates", "bowls" beside "mugs")."""
    at = {n for n, _ in said}
    return [
        reading.phrases[m]
        for items in reading.lists
        if at & set(items)
        for m in items
        if m not in at
    ]


def _context_features(
    reading: Reading, cand: Candidate, said: Sequence[tuple[int, Phrase]]
) -> list[float]:
    """What a careful reader sees around it: an example or a variety of another noun ("cats"
    of "animals (cats and dogs)"), the noun a list of examples hangs from, an item of a price
    list ("a wash is $20") or beside priced ones, the subject of a verb the app's users do
    ("members book classes"), beside people ("for women and beginners")."""
    kinds = said_varieties(reading)
    heads = {p.head for p in reading.phrases}
    phrases = [p for _, p in said]
    siblings = _siblings(reading, said)
    using = lexicon().using_verbs

    def share(test: Any) -> float:
        return sum(1 for p in siblings if test(p)) / len(siblings) if siblings else 0.0

    return [
        float(any(n in kinds for n, _ in said)),
        float(any(kinds.get(n) in heads for n, _ in said)),
        float(bool(said) and all(n in kinds for n, _ in said)),
        float(cand.head in kinds.values()),
        _any(phrases, lambda p: p.priced),
        share(lambda p: p.priced),
        _any(phrases, lambda p: p.role in ("nsubj", "nsubjpass") and p.verb in using),
        _all(phrases, lambda p: p.role in ("nsubj", "nsubjpass") and p.verb in using),
        share(lambda p: a_person(p.head)),
        float(len(siblings) > 0 and all(kinds.get(n) for n, _ in said)),
    ]


def _said_features(
    reading: Reading, cand: Candidate, said: Sequence[tuple[int, Phrase]]
) -> list[float]:
    words = lexicon()
    phrases = [p for _, p in said]
    lists = [len(items) for items in reading.lists for n, _ in said if n in items] or [0]
    last = max((p.index for p in reading.phrases), default=0) or 1

    def anyof(test: Any) -> float:
        return _any(phrases, test)

    return [
        *(anyof(lambda p, r=role: p.role == r) for role in _ROLES),
        *(anyof(lambda p, w=prep: p.preposition == w) for prep in _PREPOSITIONS),
        anyof(lambda p: not p.preposition),
        *(anyof(lambda p, d=det: p.determiner == d) for det in _DETERMINERS),
        anyof(lambda p: p.each),
        anyof(lambda p: p.plural),
        anyof(lambda p: p.number),
        anyof(lambda p: p.proper),
        anyof(lambda p: p.listed),
        _all(phrases, lambda p: p.bracketed),
        _all(phrases, lambda p: p.alternative),
        anyof(lambda p: p.mine),
        anyof(lambda p: p.after_dash),
        anyof(lambda p: p.index == reading.product_index),
        anyof(lambda p: p.verb in words.keeping_verbs),
        anyof(lambda p: p.verb in words.wanting_verbs),
        anyof(lambda p: p.verb in words.empty_verbs),
        anyof(lambda p: p.verb == "have"),
        anyof(lambda p: p.verb == "be"),
        anyof(lambda p: p.clause_subject in ("i", "we")),
        anyof(lambda p: p.verb_role == "relcl"),
        float(max(lists) >= 2),
        float(max(lists) >= 3),
        math.log1p(len(phrases)),
        1.0 - min((p.index for p in phrases), default=last) / last,
        float(any(p.sentence == 0 for p in phrases)),
        float(len(cand.thing.words) > 1),
        float(a_person(cand.head)),
        float(only_a_verb(cand.thing.said or cand.head)),
        float(cand.thing.said in reading.acronyms or cand.thing.said in reading.names),
        *(float(cand.head.endswith(e)) for e in _ENDINGS),
        *(float(cand.head in getattr(words, s)) for s in NOUN_LISTS),
        *_word_features(reading, cand, phrases),
    ]


# Tags of a verb form: a word the parse read as one somewhere ("the council *holds* ...").
_VERB_FORMS = frozenset({"VB", "VBD", "VBP", "VBZ", "VBN", "MD"})


def _word_features(reading: Reading, cand: Candidate, phrases: Sequence[Phrase]) -> list[float]:
    """What the word itself is: a word the dictionary knows (not a typo, "tournamnets"); a
    word the parse also read as a verb ("pays", "holds"); said as many, in what share of its
    mentions; a day named by what happens on it ("market days"); a word that qualifies
    another noun ("staff" of "staff hours"); one said in a single mention only."""
    said = cand.thing.said or cand.head
    qualifies = any(cand.head in p.modifiers and p.head != cand.head for p in reading.phrases)
    many = [p.plural or p.each or p.number for p in phrases]
    return [
        float(spelling.known(said) or spelling.known(cand.head)),
        float(bool(reading.tags_of(said) & _VERB_FORMS)),
        sum(many) / len(many) if many else 0.0,
        _any(phrases, lambda p: an_occasion(reading, p)),
        float(qualifies),
        float(len(phrases) == 1),
    ]


def features(reading: Reading, rules: Sequence[Thing], found: Sequence[Candidate]) -> np.ndarray:
    """One row of numbers for each candidate: the parse's features, then the head's and the
    phrase's WordLlama vectors."""
    import numpy as np

    if not found:
        return np.zeros((0, 0), dtype=np.float32)
    listed = listed_phrases(reading)
    parsed = np.array([_parse_features(reading, c, rules, listed) for c in found], np.float32)
    vectors = embed([c.head for c in found] + [c.thing.phrase for c in found])
    heads, phrases = _unit(vectors[: len(found)]), _unit(vectors[len(found) :])
    near = _sibling_likeness(reading, found, heads)
    request = np.array(_request_features(reading, found), np.float32).reshape(len(found), -1)
    return np.concatenate([parsed, request, near, heads, phrases], axis=1).astype(np.float32)


def _request_features(reading: Reading, found: Sequence[Candidate]) -> list[list[float]]:
    """For each candidate, how the idea asks for it, beside the others:
    - its request names it ("I need the customers, the commissions ..."); it is said only
      outside a request that names two or more candidates ("I make *rings* ... I need the
      customers"), and the same of a noun the rules chose;
    - the founder describes it ("Jobs (client, size)", "the dogs with their coat notes"); the
      idea describes others (one; two or more) but not it, and the same of a rules' noun ("I
      paint *shop fronts* and *pub signs*. Jobs (client, what, size), the clients");
    - it is said only in the first sentence, the one saying what the business is, when more
      follow; and the same of a rules' noun where the idea describes or asks for others
      ("Florist - *bouquets*, *wreaths*. Orders (customer, date), the customers").
    """
    asked = asked_heads(reading)
    outside = outside_request(reading, [c.head for c in found])
    detailed = described(reading)
    heads = {c.head for c in found}
    later = len(reading.sentences) > 1
    first = {p.head for p in reading.phrases if p.sentence == 0}
    beyond = {p.head for p in reading.phrases if p.sentence > 0}
    rows = []
    for c in found:
        others = len((detailed & heads) - {c.head})
        bare = others >= 1 and c.head not in detailed
        opening = later and c.head in first and c.head not in beyond
        listing = others >= 1 or len((asked & heads) - {c.head}) >= 2
        rows.append(
            [
                float(c.head in asked),
                float(c.head in outside),
                float(c.ruled and c.head in outside),
                float(c.head in detailed),
                float(bare),
                float(c.ruled and bare),
                float(bare and others >= 2),
                float(opening),
                float(c.ruled and opening and listing),
            ]
        )
    return rows


def _sibling_likeness(
    reading: Reading, found: Sequence[Candidate], heads: np.ndarray
) -> np.ndarray:
    """For each candidate, how like its list's other items it is (the mean and the most
    cosine of their heads' vectors): varieties of one kind are alike ("mugs, plates and
    bowls"), the kinds an app keeps less so ("customers, orders and products")."""
    import numpy as np

    row = {c.head: n for n, c in enumerate(found)}
    likeness = np.zeros((len(found), 2), dtype=np.float32)
    for n, cand in enumerate(found):
        said = _mentions(reading, cand.head)
        others = {row[p.head] for p in _siblings(reading, said) if p.head in row} - {n}
        if others:
            cosines = heads[sorted(others)] @ heads[n]
            likeness[n] = (float(cosines.mean()), float(cosines.max()))
    return likeness


def _unit(rows: np.ndarray) -> np.ndarray:
    import numpy as np

    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    unit: np.ndarray = rows / np.maximum(norms, 1e-6)
    return unit
