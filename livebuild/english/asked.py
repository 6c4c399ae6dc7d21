"""What an idea asks to keep: the objects of its request and the lists they head.

A founder says what they do ("I make rings, cufflinks and christening cups", "Balloon decorator -
arches, garlands, columns") and then asks for what to keep ("I need the customers, the
commissions and my metal stock"). The nouns of the request are the records; nouns said only
elsewhere, in an idea that asks for two or more things, are examples of the trade, the people
around it, places: seldom records. The request is what follows a keeping verb ("keep track of",
"log") or an asking verb ("need", "want", "see") in its sentence, with the other items of its
lists, but not a detail in brackets.

The learned judge of record kinds reads this (`brief.kind_features`); nothing here decides.
"""

from __future__ import annotations

from collections.abc import Iterable

from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Phrase, Reading
from livebuild.english.records import a_person

# The parts a noun plays when a verb takes it: its object, an object through a preposition
# ("keep track of the lots"), or an item of a list or an apposition beside one.
_TAKEN = frozenset({"dobj", "pobj", "conj", "appos"})
# Who asks: the founder ("I", "we"), a request said to the app ("you": "Keep track of ..."),
# the app itself ("it should keep ..."), or a clause with no verb ("Need: the groups").
_FOUNDER = frozenset({"", "-", "i", "we", "you", "it", "app"})
# The parts of a clause's subject: "the *parents* want to see ..." names who asks, not what.
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Who says what the founder does ("*I* make rings", "*we* hire out bouncy castles").
_DOERS = frozenset({"i", "we"})


def asked(reading: Reading) -> set[int]:
    """The phrases (by their place in `reading.phrases`) the idea's request names: in each
    sentence, every phrase from the first one a keeping or asking verb takes, or whose verb
    hangs from one ("We need the ploughmen entering, which class they're in, the plots ..."),
    to the sentence's end; and the other items of a list the request names."""
    words = lexicon()
    verbs = words.keeping_verbs | words.asking_verbs
    phrases = reading.phrases

    def plain(n: int) -> bool:
        return not phrases[n].bracketed

    others = _others_verbs(reading)
    app = words.generic | words.organisations
    opens: dict[int, int] = {}
    for n, p in enumerate(phrases):
        if p.clause_subject not in _FOUNDER or (p.role in _SUBJECTS and p.verb in verbs):
            continue  # "the lad logs the photos", "the parents want ...": not the founder's
        if p.head in app or p.preposition == "for":
            continue  # "I need an app for my cleaning company": the idea's opening
        taken = p.verb in verbs and p.role in _TAKEN and (p.sentence, p.verb) not in others
        if taken or (p.over in verbs and (p.sentence, p.over) not in others):
            opens.setdefault(p.sentence, n)
    found = {n for n, p in enumerate(phrases) if n >= opens.get(p.sentence, len(phrases))}
    for items in reading.lists:
        if found & set(items):
            found |= set(items)
    return {n for n in found if plain(n)}


def _others_verbs(reading: Reading) -> set[tuple[int, str]]:
    """The verbs (by sentence) whose subject is someone other than the founder: "the
    *parents* want to see the fees", "*customers* need to see their hires"."""
    return {(p.sentence, p.verb) for p in reading.phrases if p.role in _SUBJECTS and p.verb}


def aside(phrase: Phrase, verbs: frozenset[str]) -> bool:
    """Whether `phrase` is said where the founder tells what they do, not what they keep: taken
    by their own verb ("*I make* rings", "*we hire out* castles"), or whom the trade is for
    ("Florist *for* weddings"); not a bare list ("Dance school with pupils, classes"), someone
    else's clause ("passengers book trips") or what the business has ("a gym *with* members")."""
    if phrase.preposition == "with" or phrase.bracketed:
        return False
    if phrase.preposition == "for":
        return True
    return phrase.clause_subject in _DOERS and bool(phrase.verb) and phrase.verb not in verbs


def asked_heads(reading: Reading) -> set[str]:
    """The heads of the nouns the request names."""
    return {reading.phrases[n].head for n in asked(reading)}


def outside_request(reading: Reading, heads: Iterable[str]) -> set[str]:
    """Of `heads` (the idea's candidate records), those the idea says only outside its request,
    when the request names two or more of them ("I make *rings* ... I need the customers, the
    commissions"), and every time where the founder tells what they do (`aside`): never a noun
    of a bare list ("Martial arts club - students, belts, gradings"), of another's clause or of
    what the business has. None when the request names fewer; never a head the idea doesn't say
    as a noun (a record the patterns made of a clause: "who borrowed them", a loan), nor people
    when the request names none."""
    candidates = set(heads)
    asked = asked_heads(reading)
    if len(asked & candidates) < 2:
        return set()
    words = lexicon()
    verbs = words.keeping_verbs | words.asking_verbs
    said = {p.head for p in reading.phrases}
    plain = {p.head for p in reading.phrases if not aside(p, verbs)}
    outside = {h for h in candidates if h in said and h not in asked and h not in plain}
    if not any(a_person(h) for h in asked & candidates):
        # "I let the flats to tenants, students and families. Need leases, rent payments":
        # a request that names no people leaves the founder's people where they were said.
        outside = {h for h in outside if not a_person(h)}
    return outside
