"""The record kinds a plan keeps, checked against the English reading of the idea.

The shape reader (`brief.reading`) finds things by sentence patterns; the English reading knows
what each word is. A thing survives only if it is a common noun the idea names: not a verb or
participle ("Was used", "Leases start"), an analogy ("Airbnb for boat slips"), a detail of
another record ("availability", "year") or a number. Nouns the idea plainly keeps that the
patterns missed (items of a list, objects of a verb, subjects that act) are added, up to the
most a plan holds.
"""

from __future__ import annotations

from livebuild.brief.reading import FUNCTION, TRIGGERS, Thing
from livebuild.brief.text import wordset
from livebuild.english.forms import singular
from livebuild.english.grammar import is_person
from livebuild.english.lexicon import lexicon
from livebuild.english.names import closest
from livebuild.english.reading import Phrase, Reading

# Tags that make a word a verb, adverb or function word wherever it was read: never a record.
# (Not "VBZ": a plural noun is often misread as one, "which dogs each walker takes".)
_NOT_NOUN_TAGS = frozenset({"VB", "VBD", "VBP", "VBN", "MD", "RB", "RBR", "RBS", "IN", "PRP", "CD"})
# Tags of a modifier that is really a clause's verb ("quotes *become* jobs").
_VERB_TAGS = frozenset({"VB", "VBD", "VBP", "VBZ", "MD"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
# Prepositions after which a noun is an example, a time or a place, not a record to keep.
# ("with" lists are details, "with priority and assignee"; the shape reader reads the others.)
_ASIDE = frozenset(
    {"like", "as", "by", "at", "on", "in", "per", "during", "to", "from", "for", "with"}
)
# Verbs whose object is not a record ("be a hit", "see the timetable" is kept: "see" is here).
# Prepositions that bring examples or details, never the things themselves.
_EXAMPLES = frozenset({"like", "as", "with"})
# Verbs whose object is the app's user, doing the next verb ("help beekeepers log hives").
_HELPED = frozenset({"help", "let", "allow", "enable"})
# Verbs of keeping records: who does them in the app's description uses the app.
_KEEPING = wordset(
    """keep track manage log record organise organize store save plan list post share catalog
    catalogue collect"""
)
# Verbs by which the founder says what they run: "I run a makerspace" is no record.
_RUNS = frozenset({"run", "own"})
_EMPTY_VERBS = frozenset({"be", "need", "want", "love", "like", "do", "feel", "mean", "get"})


def _noun(reading: Reading, word: str) -> bool:
    tags = reading.tags_of(word)
    return not tags or bool(tags & _NOUN_TAGS) or not tags <= _NOT_NOUN_TAGS


def _junk_head(thing: Thing, reading: Reading) -> bool:
    words = lexicon()
    head, said = thing.head, thing.said or thing.head
    if head in words.brands or said in words.brands or head in words.attributes:
        return True
    if head.isdigit() or not _noun(reading, said):
        return True
    if reading.tags_of(said) == {"VBG"}:
        return True  # "the crews renting them": a verb form, not a thing
    opening = thing.weight <= 1
    if opening and (said.endswith("ing") or head in words.organisations):
        return True  # "an invoicing app", "Equipment leasing", "Restaurant: ...": no record
    phrase = reading.phrase_for(said)
    if phrase is None:
        return False
    if head in words.organisations and phrase.verb in _RUNS:
        return True  # "my sister runs a small yoga studio": who the founder is
    # A verb's object may be a general word ("lend tools"); an opening phrase may not.
    return phrase.proper or (opening and phrase.head in words.generic)


def _weighed(thing: Thing, reading: Reading) -> Thing:
    """`thing` at least as strong as the English reading finds it ("maintenance issues" is
    reported, not only the opening words)."""
    at = next((n for n, p in enumerate(reading.phrases) if p.said == thing.said), None)
    if at is None:
        return thing
    # (Only a verb strengthens it: "Restaurant menu and table reservations" stays an opening.)
    weight = _weight(reading.phrases[at], set(), at)
    if weight <= thing.weight:
        return thing
    return Thing(thing.words, weight, thing.position, thing.verb, thing.hints, thing.said)


def _normal(thing: Thing, reading: Reading) -> Thing:
    """`thing` with the dictionary's singular ("lenses" -> "lens", not "lense")."""
    phrase = reading.phrase_for(thing.said) if thing.said else None
    if phrase is None or phrase.head == thing.head or len(thing.words) > 2:
        return thing
    words = (*thing.words[:-1], phrase.head)
    return Thing(words, thing.weight, thing.position, thing.verb, thing.hints, thing.said)


def _without_verbs(thing: Thing, reading: Reading) -> Thing:
    """ "become jobs" -> "jobs": a modifier read as a verb (not "grooming") is dropped."""
    words = [
        w
        for w in thing.words[:-1]
        if not (w in reading.clause_verbs and reading.tags_of(w) <= _VERB_TAGS)
        and w not in lexicon().brands
    ]
    if len(words) == len(thing.words) - 1:
        return thing
    return Thing(
        (*words, thing.head), thing.weight, thing.position, thing.verb, thing.hints, thing.said
    )


def _weight(phrase: Phrase, listed: set[int], at: int, long: frozenset[int] = frozenset()) -> int:
    """How plainly the idea keeps `phrase`: 3 a list item or a verb's object, 2 a subject."""
    kept_anyway = phrase.preposition == "for" or (
        at in long and phrase.preposition not in _EXAMPLES
    )
    if phrase.preposition in _ASIDE and not (at in listed and kept_anyway):
        return 0
    if at in listed:
        return 3
    if phrase.role == "poss" and phrase.possesses in lexicon().attributes:
        return 3  # "each dog's details": the dog is kept, its details are fields
    if phrase.role == "pobj" and phrase.verb and not phrase.preposition:
        return 3  # "keep track of members"
    if not phrase.plural:
        return 0  # "taught pottery", "leaves the warehouse": a one-off, not records
    if phrase.role == "dobj" and (phrase.verb in TRIGGERS or phrase.over in TRIGGERS):
        return 3  # "track parts", "track which teachers cover which classes"
    if phrase.role == "dobj" and is_person(singular(phrase.subject)):
        return 3  # "tenants report maintenance issues", "the landlord assigns contractors"
    if phrase.role == "nsubj" and phrase.over in _HELPED:
        return 0  # "help beekeepers log hives": they use the app
    if phrase.role == "nsubj" and phrase.verb_role == "relcl" and phrase.after_noun:
        return 0  # "the grades members give them": the grades are kept
    if phrase.role == "nsubj" and phrase.verb_role == "relcl" and phrase.verb in _KEEPING:
        return 0  # "a planner where couples keep guests": the couples use it
    if phrase.role in ("nsubj", "attr"):
        return 2
    if phrase.role == "ROOT" and phrase.sentence > 0 and phrase.plural:
        return 2  # "Invoices at the end."
    return 0


def _candidate(phrase: Phrase) -> bool:
    words = lexicon()
    head = phrase.head
    return not (
        phrase.proper
        or phrase.number
        or len(head) < 3
        or head in words.generic
        or head in words.attributes
        or head in words.brands
        or head in FUNCTION
    )


def _listed(reading: Reading) -> set[int]:
    """Items of lists whose items are mostly things, not details ("vans, insurance, year")."""
    words = lexicon()
    found: set[int] = set()
    for items in reading.lists:
        things = [n for n in items if reading.phrases[n].head not in words.attributes]
        if len(things) * 2 >= len(items):
            found.update(things)
    return found


def _long_lists(reading: Reading) -> set[int]:
    """Items of lists of three or more: a list that long is what the idea keeps, even where
    the parser hung it on a place ("the tenants in my flats, their leases, rent payments")."""
    return {n for items in reading.lists if len(items) >= 3 for n in items}


def _owners_of_details(reading: Reading) -> list[Thing]:
    """ "their owners phone numbers": a plural word before a detail owns it (an apostrophe
    left out), so the owners are kept and the phone number is their detail."""
    words = lexicon()
    found: list[Thing] = []
    for phrase in reading.phrases:
        if phrase.head not in words.attributes or not phrase.modifiers:
            continue
        owner = phrase.modifiers[0]
        if "NNS" in reading.tags_of(owner) and owner not in words.generic:
            found.append(Thing((singular(owner),), 3, phrase.index, said=owner))
    return found


def added_things(reading: Reading) -> list[Thing]:
    """Things the English reading finds kept, strongest first."""
    listed = _listed(reading)
    long = frozenset(_long_lists(reading))
    found: list[Thing] = _owners_of_details(reading)
    for at, phrase in enumerate(reading.phrases):
        weight = _weight(phrase, listed, at, long)
        if weight < 2 or not _candidate(phrase):
            continue
        if any(reading.tags_of(w) & {"NNS"} for w in phrase.modifiers):
            continue  # "the grades members give": a clause misread as one phrase
        modifiers = [
            w
            for w in phrase.modifiers[-1:]
            if w not in lexicon().generic and not reading.tags_of(w) & {"NNS", "VBZ"}
        ]
        found.append(
            Thing((*modifiers, phrase.head), weight, phrase.index, phrase.verb, said=phrase.said)
        )
    return sorted(found, key=lambda t: (-t.weight, t.position))


def record_things(things: list[Thing], reading: Reading, limit: int) -> list[Thing]:
    """`things` without junk, then what the English reading adds, up to `limit`."""
    kept = [_normal(_without_verbs(t, reading), reading) for t in things]
    kept = [_weighed(t, reading) for t in kept if not _junk_head(t, reading)]
    heads = {t.head for t in kept}
    words = {w for t in kept for w in t.words}
    phrases = [t.phrase for t in kept]
    for thing in added_things(reading):
        if len(kept) >= limit:
            break
        if thing.head in heads or thing.head in words or closest(thing.phrase, phrases):
            continue  # the same thing again ("checkin" after "check-in")
        kept.append(thing)
        phrases.append(thing.phrase)
        heads.add(thing.head)
        words.update(thing.words)
    return kept[:limit]
