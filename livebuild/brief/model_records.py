"""The records a model named for an idea, checked against the idea's own English.

The model names the records freely, in the founder's words. This layer only normalises its
names (singular, the idea's own spelling, no article) and drops what it can prove is junk:
a brand or analogy ("Airbnb"), the product itself or a general word ("app", "system"), the
founder's own business ("my bakery"), a verb, a number, a detail on its own ("availability"),
or a word that is neither in the idea nor implied by it. Records the idea plainly names
(listed, or kept: "track members, classes and payments") that the rules chose too but the
model left out are added back. The model's answer is untrusted throughout: every name is
bounded and matched against a pattern before anything here looks at it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from livebuild.brief.kinds import one_of_many
from livebuild.brief.model import MAX_ENTITIES
from livebuild.brief.text import wordset
from livebuild.brief.things import kind_of
from livebuild.english.detail_labels import only_as
from livebuild.english.forms import plural, singular
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Phrase, Reading
from livebuild.english.spelling import known

# A record's name as the model may give it: one to three lowercase words.
NAME = re.compile(r"[a-z]{2,18}(?: [a-z]{2,18}){0,2}")
# Words a name may open with that say nothing of the record ("the bookings", "each dog").
_OPENERS = frozenset({"the", "a", "an", "each", "every", "all", "my", "our", "their", "your"})
# Words for the product itself, or anyone at all: never one of its records.
_PRODUCT = wordset(
    """app apps application platform website site web system software saas tracker dashboard
    portal hub idea startup solution crm erp database tool list way thing stuff user button
    page grid widget tab generator maker translator converter calculator timer"""
)
# Words after which a noun says what the product is ("a *locksmith* app", "a *wedding* planner").
_PRODUCT_HEADS = wordset("planner manager organiser organizer scheduler")
_NUMBERS = wordset(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty forty
    fifty hundred thousand million dozen half first second third"""
)
# Counts said before a name ("nine reindeer", "two handlers"): how many, never what the
# record is called, so they are left out of it.
_COUNTS = wordset(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty forty
    fifty hundred thousand dozen several few many"""
)
# The heading an idea opens with, before a colon, comma or dash ("Wood burner installs:",
# "SENCO at a primary:", "mobile welding, gates n trailers").
_HEADING = re.compile(r"\s*([A-Za-z][\w'\u2019 -]{0,60}?)\s*[:,\u2013\u2014]")
# Words that join two names or make a clause of one ("burial or cremation", "words from the
# top"); not "of" ("next of kin").
_JOINING = wordset("and or from with for to in on at per by than")
_RUNS = frozenset({"run", "own", "manage", "be"})
_PLACES = frozenset({"for", "at", "in"})
_NOT_KEEPING = frozenset({"run", "own", "build", "make", "want", "need", "use", "be", "create"})
# At most this many records named by words the idea never says (a booking when people book).
MAX_UNSAID = 2


def normalised(raw: str, corrections: Iterable[tuple[str, str]] = ()) -> str:
    """The model's name as a record's: lowercase, no article, the idea's spelling, singular;
    "" when it is not a plain name of one to three words."""
    if len(raw) > 80:
        return ""
    words = raw.lower().replace("-", " ").split()
    while len(words) > 1 and (
        words[0] in _OPENERS or (words[0] in _COUNTS and words[1] not in _COUNTS)
    ):
        words = words[1:]
    fixes = dict(corrections)
    words = [fixes.get(w, w) for w in words]
    if not words or not NAME.fullmatch(" ".join(words)) or _JOINING & set(words):
        return ""
    return " ".join([*words[:-1], singular(words[-1])])


def _prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def related(word: str, said: str) -> bool:
    """ "booking" and "book", "rental" and "rent", "donation" and "donate": one stem."""
    common, shorter = _prefix(word, said), min(len(word), len(said))
    return word == said or common == shorter >= 3 or common >= max(4, shorter - 2)


def _founders_own(phrase: Phrase) -> bool:
    """ "for *my climbing gym*", "I run *a makerspace*": the business, not what it keeps."""
    runs = phrase.verb in _RUNS and (phrase.subject in ("i", "we") or phrase.mine)
    return runs or (phrase.mine and phrase.preposition in _PLACES and not phrase.listed)


def _kept(phrase: Phrase) -> bool:
    """Whether the idea keeps this noun: listed, counted ("each"), or the object of a verb
    that keeps things ("track members, classes and payments")."""
    keeping = phrase.role == "dobj" and phrase.verb in lexicon().keeping_verbs
    kept = phrase.role in ("dobj", "conj", "appos") and phrase.verb not in _NOT_KEEPING
    return phrase.listed or phrase.each or keeping or (kept and phrase.head in lexicon().generic)


@dataclass(frozen=True)
class IdeaNouns:
    """What the idea's English says about its nouns, for judging a model's names."""

    said: frozenset[str]  # every word of the idea, and its singular
    names: frozenset[str]  # words said as names or brands ("Airbnb for boats")
    own: frozenset[str]  # the founder's own business ("my bakery"), kept nowhere else
    kept: frozenset[str]  # heads the idea plainly keeps (listed, counted, tracked)
    typed: frozenset[str]  # the words as the founder typed them, before any correction
    # Words said only to qualify the product ("a *locksmith* app"), never as a noun alone.
    product: frozenset[str]
    reading: Reading


def idea_nouns(reading: Reading) -> IdeaNouns:
    words = re.findall(r"[a-z]+", reading.fixed.lower())
    said = frozenset(words) | {singular(w) for w in words}
    names = {singular(p.head) for p in reading.phrases if p.proper} | set(lexicon().brands)
    kept = {singular(p.head) for p in reading.phrases if not p.proper and _kept(p)}
    people = lexicon().people
    owned = {
        singular(p.head)
        for p in reading.phrases
        if _founders_own(p)
        and singular(p.head) not in people
        and kind_of(singular(p.head)) == "thing"
    }
    others = {singular(p.head) for p in reading.phrases if not _founders_own(p) and _kept(p)}
    typed = frozenset(re.findall(r"[a-z]+", reading.text.lower()))
    heads = {p.head for p in reading.phrases} | {singular(p.head) for p in reading.phrases}
    general = _PRODUCT | _PRODUCT_HEADS
    product = {w for w, then in itertools.pairwise(words) if then in general} - heads
    return IdeaNouns(
        said,
        frozenset(names),
        frozenset(owned - others),
        frozenset(kept),
        typed,
        frozenset(product),
        reading,
    )


# Fine tags of a word that never stands in a record's name: a verb that is no gerund, an
# adverb, a question word ("beer *tapped* whens", "pupil *actually* turned").
_NOT_IN_NAMES = ("VB", "VBD", "VBN", "VBP", "VBZ", "MD", "RB", "RBR", "RBS", "WRB", "WP", "WDT")


_NOUN = frozenset({"NOUN"})
_QUALIFY = frozenset({"NOUN", "ADJ"})


def _said_as(reading: Reading, word: str) -> set[str]:
    return reading.tags_of(word) | reading.tags_of(plural(word))


def _not_a_noun(reading: Reading, name: str) -> bool:
    """Whether the idea says the last word of `name` only as something other than a noun
    ("translates", "ready", "deposit paid"), when it is no kind of record the rules know (an
    order is one)."""
    last = name.split()[-1]
    if kind_of(last) != "thing" or _listed_as_said(name, reading):
        return False
    tags = _said_as(reading, last)
    # A word the dictionary knows only as a noun ("moisture") is one, whatever a parse says.
    misread = all(t.startswith("VB") for t in tags) and only_as(last, _NOUN)
    return bool(tags) and not any(t.startswith("NN") for t in tags) and not misread


# What opens an item of a list: a comma, "and", "&", a colon or a bracket, then a determiner.
_ITEM = r"(?:^|[,;:(&]|\band\b)\s*(?:(?:the|my|our|their|her|his|any|all)\s+)?"


def _listed_as_said(name: str, reading: Reading) -> bool:
    """Whether the idea says `name` whole, in the plural, as an item of a list ("..., trades
    I've done with other collectors, and grails", "the loot, and session recaps"): a noun
    phrase, whatever a parse that read it as a verb says."""
    words = name.split()
    said = " ".join([*words[:-1], plural(words[-1])])
    if said == name:
        return False
    found = re.search(_ITEM + re.escape(said) + r"\b", reading.fixed.lower())
    return found is not None


def noun_phrase(name: str, reading: Reading) -> str:
    """`name` from after its last word that the idea says only as a verb, an adverb or a
    question word ("used car" is "car", "tapped when" is ""): a record's name is a noun
    phrase, every word of it."""
    words = name.split()
    if words and _listed_as_said(name, reading):
        return name
    for n in range(len(words) - 1, -1, -1):
        tags = _said_as(reading, words[n])
        misread = all(t.startswith("VB") for t in tags) and only_as(words[n], _QUALIFY)
        if tags and all(t in _NOT_IN_NAMES for t in tags) and not misread:
            return " ".join(words[n + 1 :])
    return name


def _heading(name: str, reading: Reading) -> bool:
    """Whether `name` is the heading the idea opens with, said once in the singular: the
    founder's trade or role ("Wood burner installs: customers, site surveys...", "SENCO at a
    primary: the pupils...", "mobile welding, gates n trailers"), not a record it keeps. A
    heading in the plural ("Customers, jobs and invoices") or said again ("Kilt hire shop:
    ... each a kilt") is a record."""
    found = _HEADING.match(reading.fixed)
    if found is None or not reading.phrases:
        return False
    chunk = found.group(1).lower().replace("-", " ").split()
    words = name.split()
    head, first = words[-1], reading.phrases[0]
    if chunk[: len(words) - 1] != words[:-1] or len(chunk) < len(words):
        return False
    if singular(chunk[len(words) - 1]) != head or singular(first.head) != head:
        return False
    said = [p for p in reading.phrases if singular(p.head) == head]
    return len(said) == 1 and not said[0].plural


# A detail followed by its options in brackets: "flying status (pre-solo, solo, bronze)".
_OPTIONS = re.compile(r"([a-z]+)\s*\(([^()0-9\u00a3$\u20ac]{1,200})\)")


def _only_options(head: str, reading: Reading) -> bool:
    """Whether the idea says `head` only in brackets after a detail, as one of its options
    ("flying status (pre-solo, solo, bronze)"): a choice of that detail, not a record."""
    if head not in reading.bracketed:
        return False
    attributes = lexicon().attributes
    options = {
        singular(w)
        for detail, said in _OPTIONS.findall(reading.fixed.lower())
        if detail in attributes or singular(detail) in attributes
        for w in re.findall(r"[a-z]+", said)
    }
    outside = any(singular(p.head) == head and not p.bracketed for p in reading.phrases)
    return head in options and not outside


# An owner in a list of owners of one thing: "*men's*, *women's* and under-14s teams".
_OWNERS = re.compile(r"\b([a-z]+)(?:'s|s'|\u2019s)\s*(?:,|and\b|or\b|&)")


def _only_qualifies(head: str, reading: Reading) -> bool:
    """Whether the idea says `head` only as one of a list of owners of one thing ("men's,
    women's and under-14s teams"): sorts of that record, not records of their own."""
    text = reading.fixed.lower()
    owners = {singular(w) for w in _OWNERS.findall(text)} | set(_OWNERS.findall(text))
    if head not in owners:
        return False
    forms = {head, plural(head)}
    alone = [w for w in re.findall(r"[a-z]+(?:'s|s'|\u2019s)?", text) if w in forms]
    return not alone


def _counted(head: str, nouns: IdeaNouns) -> bool:
    """Whether the idea counts `head` as one of many the founder keeps or works on ("every
    *site* I walk", "I keep each *page* of the parish register"): a thing of the founder's
    work, not the product, though the word can name that too ("a booking site"). One counted
    as the doer of its own clause is the product's screen or user ("each *page* shows a
    cake", "every *user* logs their runs")."""
    return any(
        p.each and singular(p.head) == head and not p.role.startswith("nsubj")
        for p in nouns.reading.phrases
    )


def junk(name: str, nouns: IdeaNouns) -> str:
    """Why `name` can't be one of the idea's records ("" when nothing proves it junk)."""
    words = name.split()
    head = words[-1]
    lex = lexicon()
    if any(w in nouns.names or w in _NUMBERS for w in words):
        return "a name, a brand or a number"
    if (head in _PRODUCT and not _counted(head, nouns)) or (
        head in lex.generic and head not in nouns.kept
    ):
        return "the product or a general word"
    if head in nouns.own:
        return "the founder's own business"
    if head in lex.organisations and head not in nouns.kept:
        return "the business the app is for"
    if head in lex.times:
        return "a time"
    if _heading(name, nouns.reading):
        return "the founder's trade or role, the heading the idea opens with"
    if _only_options(head, nouns.reading):
        return "an option of a detail, said in brackets"
    if _only_qualifies(head, nouns.reading):
        return "a sort of another record (men's teams)"
    if not one_of_many(head, nouns.reading):
        return "one thing the founder has, or an option of a detail"
    if head in nouns.product and kind_of(head) in ("thing", "person"):
        return "what the product is, not what it keeps"
    if _not_a_noun(nouns.reading, name):
        return "a verb or a word that qualifies"
    if head in lex.attributes and kind_of(head) == "thing":
        return "a detail of a record"
    if not any(related(head, w) for w in nouns.said) and kind_of(head) == "thing":
        return "neither said nor implied"
    if head not in nouns.said and kind_of(head) == "thing" and _run_together(head, nouns):
        return "two of the idea's words run together"
    return ""


# Words that make a noun of a verb run together ("signups", "callouts", "fly-ins"): a word.
_PARTICLES = wordset("up in out off on down over back away")


def _run_together(word: str, nouns: IdeaNouns) -> bool:
    """Whether `word` is two words the idea says one after the other, run together and known
    to no dictionary ("ownbundle" of "cut-your-own bundle"): the model's slip, no record's
    name. A word the idea hyphenates ("fly-ins") is one, and so is
    a verb with its particle ("signups", "callouts", "turnups")."""
    if known(word) or known(plural(word)):
        return False
    text = nouns.reading.fixed.lower()
    hyphened = {w.replace("-", "") for w in re.findall(r"[a-z]+(?:-[a-z]+)+", text)}
    if word in hyphened or plural(word) in hyphened:
        return False  # one word the idea hyphenates ("fly-ins")
    for first, then in itertools.pairwise(re.findall(r"[a-z]+", text)):
        for end in (then, singular(then)):
            start = word[: len(word) - len(end)]
            if end in _PARTICLES or len(start) < 3 or first != start:
                continue
            if word.endswith(end):
                return True
    return False


def _unsaid(name: str, nouns: IdeaNouns) -> bool:
    return name.split()[-1] not in nouns.said


def chosen_names(raw: Sequence[str], nouns: IdeaNouns) -> list[str]:
    """The model's names that stand, normalised, one per head, in its order."""
    chosen: list[str] = []
    heads: set[str] = set()
    unsaid = 0
    for given in raw:
        name = noun_phrase(normalised(given, nouns.reading.corrections), nouns.reading)
        if not name or junk(name, nouns):
            continue
        head = name.split()[-1]
        if head in heads:
            continue  # "training session" and then "session": one record
        if _unsaid(name, nouns):
            if unsaid >= MAX_UNSAID:
                continue
            unsaid += 1
        heads.add(head)
        chosen.append(name)
        if len(chosen) >= MAX_ENTITIES:
            break
    return chosen


def plainly_named(head: str, nouns: IdeaNouns) -> bool:
    """Whether the founder typed `head` (no correction) and the idea keeps it, or names it in
    the plural ("the parts fitted")."""
    many = plural(head)
    if head not in nouns.typed and many not in nouns.typed:
        return False
    return head in nouns.kept


def added_back(chosen: Sequence[str], rules: Sequence[str], nouns: IdeaNouns) -> list[str]:
    """The rules' records the idea plainly names (listed, counted or tracked) that the model
    left out, in the rules' order, within the plan's limit."""
    heads = [n.split()[-1] for n in chosen]
    added: list[str] = []
    for record in rules:
        # Held to the checks the model's names are: "rent cots" (rent said as a verb) is cots.
        name = noun_phrase(normalised(record), nouns.reading)
        if len(chosen) + len(added) >= MAX_ENTITIES:
            break
        head = name.split()[-1] if name else ""
        if not head or not plainly_named(head, nouns) or junk(name, nouns):
            continue
        if any(related(head, h) for h in [*heads, *(a.split()[-1] for a in added)]):
            continue
        added.append(name)
    return added
