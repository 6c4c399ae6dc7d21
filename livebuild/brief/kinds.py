"""The record kinds a plan keeps, checked against the English reading of the idea.

The shape reader (`english.shapes`) finds things by sentence patterns; the English reading knows
what each word is. A thing survives only if it is a common noun the idea names: not a verb or
participle ("Was used", "Leases start"), an analogy ("Airbnb for boat slips"), a detail of
another record ("availability", "year") or a number; and only if the idea speaks of many of
it (`one_of_many`: not "I've got a chipper", "burial or cremation", "around town"), the same
check a model's names get (`model_records.junk`). Nouns the idea plainly keeps that the
patterns missed (items of a list, objects of a verb, subjects that act) are added, up to the
most a plan holds.
"""

from __future__ import annotations

import re

from livebuild.brief.things import UNCOUNTABLE, kind_of
from livebuild.english.clauses import done_items
from livebuild.english.either import counted_either, the_other_either
from livebuild.english.forms import as_singular
from livebuild.english.lexicon import lexicon
from livebuild.english.names import closest
from livebuild.english.reading import Phrase, Reading
from livebuild.english.records import (
    Kept,
    a_person,
    an_occasion,
    an_option,
    candidate,
    for_whom,
    kept_detail,
    kept_nouns,
    listed_phrases,
    only_a_verb,
    weight,
    what_each_has,
)
from livebuild.english.shape_lists import tokens_of
from livebuild.english.shapes import Thing

# Tags that make a word a verb, adverb or function word wherever it was read: never a record.
# (Not "VBZ": a plural noun is often misread as one, "which dogs each walker takes".)
# Nor an adjective, interjection or determiner read nowhere as a noun ("free", "next", "please").
# (Not the comparative tags: "which *cleaner* goes where" is a person the parser took for "more
# clean".)
_NOT_NOUN_TAGS = frozenset(
    {"VB", "VBD", "VBP", "VBN", "MD", "RB", "RBR", "RBS", "IN", "PRP", "CD"}
    | {"JJ", "UH", "DT", "PDT", "WDT", "WP", "RP"}
)
# Tags of a modifier that is really a clause's verb ("quotes *become* jobs").
_VERB_TAGS = frozenset({"VB", "VBD", "VBP", "VBZ", "MD"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
# Tags of a word that opens a verb's object or particle ("brings *in* a print").
_OBJECT_TAGS = frozenset({"DT", "PRP", "PRP$", "RP", "IN"})
# Verbs by which the founder says what they run: "I run a makerspace" is no record.
_RUNS = frozenset({"run", "own"})


def _noun(reading: Reading, word: str) -> bool:
    tags = reading.tags_of(word)
    return not tags or bool(tags & _NOUN_TAGS) or not tags <= _NOT_NOUN_TAGS


def _junk_head(thing: Thing, reading: Reading) -> bool:
    words = lexicon()
    head, said = thing.head, thing.said or thing.head
    if head in words.times:
        return True  # "Lambing season tracker": when, never a record of its own
    if said in reading.names or said in reading.acronyms:
        return True  # "Packages: Bronze £12, Silver £15", "mostly IBS": a name, not many
    if head in words.brands or said in words.brands:
        return True
    if head in words.attributes and not _detail_kept(reading, said):
        phrase = reading.phrase_for(said)
        return phrase is None or not an_occasion(
            reading, phrase
        )  # "availability", "year"; not "each week's fixtures and the scores"
    if head.isdigit() or not _noun(reading, said):
        return True
    if "'" in said or head in words.fillers or {head, said} & words.not_records:
        return True  # "we've got 40 members", "Please I have a phone repair shop"
    if reading.tags_of(said) == {"VBG"}:
        return True  # "the crews renting them": a verb form, not a thing
    if _with_its_own(reading, head, said):
        return True  # "every cat we trap with its ear-tip and vet": the cat's details
    if _paid_by_them(reading, head):
        return True  # "who has paid their subs", "subs paid": whether each one has paid
    if _one_each_has(reading, head):
        return True  # "each dog's breed", "each pupil's phonics": a detail of the dog, the pupil
    # "a customer brings in a print", "the fitter drives there and fits on the drive": read
    # only as a verb, with its object, and never as a noun phrase
    as_verb = only_a_verb(said) or reading.phrase_for(said) is None
    if reading.tags_of(said) == {"VBZ"} and _takes_object(said, reading) and as_verb:
        return True
    opening = thing.weight <= 1
    if opening and (said.endswith("ing") or head in words.organisations):
        return True  # "an invoicing app", "Equipment leasing", "Restaurant: ...": no record
    if opening and _names_the_business(reading, said):
        return True
    phrase = reading.phrase_for(said)
    if phrase is None:
        return False
    if an_option(reading, phrase):
        return True  # "stock of cones, flakes and lollies": kinds of stock
    if head in words.organisations and phrase.verb in _RUNS and not phrase.plural:
        return True  # "my sister runs a small yoga studio": who the founder is
    # A verb's object may be a general word ("lend tools"); an opening phrase may not.
    return phrase.proper or (opening and phrase.head in words.generic)


# Determiners of what a record has of its own ("with *its* ear-tip", "with *their* training").
_ITS = frozenset({"its", "their", "his", "her"})


def _with_its_own(reading: Reading, head: str, said: str) -> bool:
    """Whether the idea says `head` only as one thing a record comes with, its own ("every cat
    we trap with its ear-tip and vet", "the sitters with their training and dbs"): details of
    that record, not kinds (not someone: "each job with its customer"; nor "with their dogs",
    many each)."""
    last = said.split("-")[-1]  # "ear-tip", which the parser reads as "tip"
    mentions = [p for p in reading.phrases if p.head in (head, last) or p.said in (said, last)]
    if not mentions or a_person(head) or kind_of(head) == "person":
        return False
    withs = [p for p in reading.phrases if p.preposition == "with"]
    owned = {p.sentence for p in withs if p.determiner in _ITS}
    # (two or more things it comes with: "with their dog" alone may be a record of its own)
    listed = {n for n in owned if sum(p.sentence == n for p in withs) >= 2}
    return all(
        p.preposition == "with" and not p.plural and not p.each and p.sentence in listed
        for p in mentions
    )


def _paid_by_them(reading: Reading, head: str) -> bool:
    """Whether the idea says `head` only as paid or not ("singers ... and subs paid"): a yes/no
    on the payer, not a record of its own (not "invoices", "bills"; and "who's paid their
    subs" founders keep as payments)."""
    said = [p for p in reading.phrases if p.head == head]
    if not said or kind_of(head) != "thing" or a_person(head):
        return False
    text = reading.fixed.lower()
    return all(
        p.verb == "pay"
        and p.role not in ("nsubj", "nsubjpass")
        and re.search(rf"\b{re.escape(p.said)}\s+(?:paid|owed)\b", text) is not None
        for p in said
    )


def _one_each_has(reading: Reading, head: str) -> bool:
    """Whether the idea says `head` only as one of another record's, in its possessive ("each
    dog's breed", "each pupil's phonics"), where that record is many: its detail, not a kind
    (not "each owner's dogs": many of them each)."""
    said = [p for p in reading.phrases if p.head == head]
    if not said or any(p.said != p.head or not p.determiner.rstrip("'").isalpha() for p in said):
        return False
    if any(p.modifiers for p in said):
        return False  # "each client's care plan": a document of its own, named by two words
    text = reading.fixed.lower()
    if re.search(rf"\b{re.escape(head)}\s*\(", text):
        return False  # "each student's placement (dates, supervisor)": details of its own
    owners = {as_singular(p.determiner.rstrip("'")) for p in said}
    many = {p.head for p in reading.phrases if p.head in owners and (p.plural or p.each)}
    return owners <= many


def _detail_kept(reading: Reading, said: str) -> bool:
    return any(p.said == said and kept_detail(reading, p) for p in reading.phrases)


def _takes_object(said: str, reading: Reading) -> bool:
    """Whether `said` is followed by what opens an object or a particle ("brings *in*",
    "picks *a*"), as a verb is and a plural noun ending a list ("gigs and acts") is not."""
    after = re.findall(rf"\b{re.escape(said)}\s+([a-z]+)", reading.fixed.lower())
    return any(reading.tags_of(word) & _OBJECT_TAGS for word in after)


def _names_the_business(reading: Reading, said: str) -> bool:
    """ "Village *cricket* club", "*Funeral* directors' office": a word the idea opens with
    that only says what kind of business (or product) the founder runs."""
    words = lexicon()
    around = words.organisations | words.generic
    return any(
        said in p.modifiers and p.head in around and p.role == "ROOT" for p in reading.phrases
    )


def _weighed(thing: Thing, reading: Reading) -> Thing:
    """`thing` at least as strong as the English reading finds it ("maintenance issues" is
    reported, not only the opening words)."""
    at = next((n for n, p in enumerate(reading.phrases) if p.said == thing.said), None)
    if at is None:
        return thing
    # (Only a verb strengthens it: "Restaurant menu and table reservations" stays an opening.)
    strength = weight(reading, at, set())
    if strength <= thing.weight:
        return thing
    return Thing(thing.words, strength, thing.position, thing.verb, thing.hints, thing.said)


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


def _confirmed(thing: Thing, reading: Reading, listed: set[int]) -> bool:
    """Whether the English reading agrees `thing` is kept: it is a noun that may be a record,
    and not an aside ("from home", "for privacy") unless the patterns saw it listed or acted on."""
    if only_in_brackets(thing, reading):
        return False  # "the package (bronze/silver/gold)": options of a detail
    at = next((n for n, p in enumerate(reading.phrases) if p.said == thing.said), None)
    if at is None:
        return True  # a phrase the patterns made ("waitlist entry"): nothing to check against
    phrase = reading.phrases[at]
    if not candidate(reading, phrase) or not one_of_many(phrase.head, reading):
        return False
    if all(for_whom(reading, n) for n, p in enumerate(reading.phrases) if p.head == phrase.head):
        return False  # "to gyms, offices and events ... Customers, orders": whom it is for
    if all(what_each_has(reading, p) for p in reading.phrases if p.head == phrase.head):
        return False  # "each borehole has a depth, yield and water level": its details
    return thing.weight >= 2 or weight(reading, at, listed) >= 2


# Words that introduce one thing, not one of many: "a chipper", "my home kitchen".
_ONE = frozenset({"a", "an"})
_MINE = frozenset({"my", "our"})
# Whose clause makes "a ..." the founder's one thing: "I've got a chipper", "Currently a
# whiteboard" (no verb); not "customers request a pickup" (one each: many).
_FOUNDER = frozenset({"i", "we", "me", "you", "-"})


def one_of_many(head: str, reading: Reading) -> bool:
    """Whether the idea speaks of `head` as a kind of record (many of it), not as one thing.

    A record kind is said in the plural ("tickets"), counted ("each visit"), listed bare
    ("pilot, drone, client") or kept by a verb ("track attendance"). A noun said only in the
    singular after "a" or "my" is one thing ("I've got a chipper and a stump grinder", "from
    my home kitchen", "I'm a speech and language therapist"), and a noun said only as one of
    alternatives is an option of a detail ("burial or cremation", "veg or non-veg")."""
    said = [p for p in reading.phrases if p.head == head]
    if not said:
        return True
    if all(p.alternative for p in said):
        # (Not "any accidents or incidents": either, logged many times, is a record kind.)
        return any(counted_either(reading, p) for p in said)
    if all(the_other_either(reading, p) or _one_thing(p, reading) for p in said):
        return False  # "accidents or *incidents*": the accidents' kind again
    return not all(_one_thing(p, reading) for p in said)


def _one_thing(phrase: Phrase, reading: Reading) -> bool:
    if phrase.plural or phrase.each:
        return False
    if phrase.determiner in _MINE:
        return phrase.head not in UNCOUNTABLE  # "my home kitchen"; "our stock" is many
    if not phrase.determiner and phrase.preposition not in ("", "of") and not phrase.modifiers:
        # "around town", "from home", "by phone": a place or a way, said bare
        return not phrase.listed
    if phrase.determiner not in _ONE:
        return False
    return phrase.clause_subject in _FOUNDER


def _as_thing(kept: Kept) -> Thing:
    return Thing(kept.words, kept.weight, kept.index, kept.verb, said=kept.said)


def record_things(things: list[Thing], reading: Reading, limit: int) -> list[Thing]:
    """`things` without junk, then what the English reading adds, up to `limit`."""
    listed = listed_phrases(reading)
    kept = [_normal(_without_verbs(t, reading), reading) for t in things]
    kept = [
        _weighed(t, reading)
        for t in kept
        if not _junk_head(t, reading) and _confirmed(t, reading, listed)
    ]
    heads = {t.head for t in kept}
    words = {w for t in kept for w in t.words}
    phrases = [t.phrase for t in kept]
    done = _done(reading)
    for thing in [*done, *map(_as_thing, kept_nouns(reading))]:
        if len(kept) >= limit + len(_singly_said(kept, reading)):
            break
        # "dog groomers ... their dogs": what people are named for may be a record too.
        tended = {w for t in kept if a_person(t.head) for w in t.words[:-1]}
        said = thing.head in words and thing.head not in tended
        if thing.head in heads or said or closest(thing.phrase, phrases):
            continue  # the same thing again ("checkin" after "check-in")
        # (An act's record is said as its verb: the verb's tags are no test of it.)
        acted = any(thing is t for t in done)
        if not acted and (not one_of_many(thing.head, reading) or _junk_head(thing, reading)):
            continue
        kept.append(thing)
        phrases.append(thing.phrase)
        heads.add(thing.head)
        words.update(thing.words)
    return _within(kept, reading, limit)


def _done(reading: Reading) -> list[Thing]:
    """The records of acts the idea lists as "what" clauses ("what we've planted", "what they
    order each week"), as kept as a keeping verb's object."""
    said = [
        noun
        for n, sentence in enumerate(reading.sentences)
        for noun in done_items(tokens_of(sentence))
    ]
    return [Thing((noun,), 2, n) for n, noun in enumerate(dict.fromkeys(said))]


def _singly_said(things: list[Thing], reading: Reading) -> list[Thing]:
    """Those of `things` the idea never says in the plural nor counts ("soup, tea, wifi")."""
    said = [t for t in things if t.said]
    return [
        t
        for t in said
        if not any(p.plural or p.each for p in reading.phrases if p.head == t.head)
        and t.head not in UNCOUNTABLE
    ]


def _within(things: list[Thing], reading: Reading, limit: int) -> list[Thing]:
    """`things`, at most `limit`: past it, those said only singly go first, latest first, so
    a kind said in the plural ("the food donations") is not left out for "soup, tea, wifi"."""
    weak = _singly_said(things, reading)
    while len(things) > limit and weak:
        things = [t for t in things if t is not weak[-1]]
        weak.pop()
    return things[:limit]


def refused_outright(thing: Thing, reading: Reading) -> bool:
    """The vetoes no weight passes: junk by its head (a name, a time, a detail, a verb) or an
    aside in brackets ("the package (bronze/silver/gold)")."""
    return _junk_head(thing, reading) or only_in_brackets(thing, reading)


def only_in_brackets(thing: Thing, reading: Reading) -> bool:
    """Whether `thing` is said only as an aside in brackets ("the package (bronze/gold)"); not
    when it is said plainly too ("the commissions (client, size) and the clients": Clients is a
    record the commission names). A phrase the patterns made is read by its words; a compound
    they built round a bracketed detail ("jobs client" from "the jobs (client, …)") stays an
    aside though the detail is said plainly too, unless the compound is said plainly ("a rain
    gauge in their garden ... the stations (the gauge, where)")."""
    said = [p for p in reading.phrases if p.head == thing.head]
    if thing.said in reading.bracketed and len(thing.words) > 1:
        return not any(not p.bracketed and _ends(p.written, thing.words) for p in said)
    if not said:
        return thing.said in reading.bracketed
    return all(p.bracketed for p in said)


def _ends(written: str, words: tuple[str, ...]) -> bool:
    """Whether the phrase `written` has `words`' modifiers right before its head ("the rain
    gauge" has "rain" before "gauge")."""
    said = written.split()
    return len(said) >= len(words) and tuple(said[-len(words) : -1]) == words[:-1]


def vetoed(thing: Thing, reading: Reading, listed: set[int]) -> bool:
    """Whether the rules refuse `thing` whatever its weight: junk by its head (a name, a time, a
    detail, a verb), not one of many, or no record where it is said (an aside, whom the work
    is for, what each record has)."""
    if not one_of_many(thing.head, reading) or _junk_head(thing, reading):
        return True
    strong = Thing(thing.words, max(thing.weight, 2), thing.position, thing.verb, said=thing.said)
    return not _confirmed(strong, reading, listed)
