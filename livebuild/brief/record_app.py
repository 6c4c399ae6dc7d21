"""Whether an idea is a record-keeping app, and if not, what kind of app it is.

An idea is a record-keeping app when it names things it keeps many of (the candidates that
survive the "one of many" check) and nothing says plainly it is a timer, game, calculator...
The evidence, strongest first:

1. It says it keeps many of something ("a timer that *logs each session*"): records, whatever
   the product is called.
2. The product's own name or verbs say a kind ("a pomodoro *timer*", "an app to *calculate*"),
   or what the founder asks to have made does ("can you make a *hangman game*?").
3. It names a product that keeps records ("a to-do *list*", "a boat *log*") or is a known kind
   of record-keeping app whole: records; unless that kind is only what the app works on (it
   keeps nothing, says what it does, and the learned judge is sure: "take a picture of your
   *cat* and it adds a party hat").
4. It keeps at most two things (a sum's inputs) and says what a kind does ("total, tip % ->
   how much each person pays", "see what time it is for everyone"): that kind.
5. It keeps nothing many of (nothing counted one by one, no "40 bikes"): the kind it reads
   most like, as soon as it reads more like that than like a record-keeping app ("a
   colour-blindness simulator").
6. Otherwise only an idea that reads very like a kind that keeps nothing is one, unless it keeps
   three things or more many of and names no such thing ("Players, concerts, band instruments
   and the music library for a brass band" reads like music but keeps records).

Over 2-6, and over 1 where it is surer than of any record idea it was trained on (`overrule`:
"a round timer, 3 min rounds, 1 min rest" counts rounds, it keeps none), the learned judge
(`plain_judge`) has the last word where it is sure: an idea it
scores as not a record app is answered plainly though no word names its kind ("Could you
build Minesweeper?"), one it scores as a record app gets a plan whatever it reads like
("the players and their characters" of a role-play group), see `PlainJudge.verdict`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from livebuild.brief import plain_judge
from livebuild.brief.catalogue import Domain
from livebuild.brief.kinds import one_of_many
from livebuild.brief.plain_judge import Evidence
from livebuild.english import purpose
from livebuild.english.app_kind import (
    RECORDS,
    AppKind,
    asked_for,
    by_meaning,
    by_words,
    closest,
    keeps_many,
    meant,
    names_a_record_product,
    works_out,
)
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Phrase, Reading, words_of
from livebuild.english.shape_words import shape_words
from livebuild.english.shapes import Thing

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

# Parts a noun plays when it acts.
_ACTS = frozenset({"nsubj", "nsubjpass"})
# The most things a sum's idea names as its inputs or outputs ("friends, tips").
_INPUTS = 2
# How many things kept many of make an idea a record-keeping app whatever it reads like.
_LISTED = 3


def kept_many(reading: Reading, things: list[Thing]) -> list[Thing]:
    """The things the idea names plainly (a list, a verb's object) and speaks of many of: in
    the plural, one by one ("each", "every"), in a list, or kept by a verb ("log swims")."""
    return [
        t
        for t in things
        if t.weight >= 2 and one_of_many(t.head, reading) and _said_many(t.head, reading)
    ]


def _said_many(head: str, reading: Reading) -> bool:
    said = [p for p in reading.phrases if p.head == head]
    if said and all(p.proper or (reading.tags_of(p.said) == {"NNP"}) for p in said):
        return False  # "Manila, London and Austin": places by name, not a kind of record
    # (A thing the shape reader found that the parse did not: as it was found. One that acts
    # is one of many acting singly: "customer says what needs moving".)
    return not said or any(
        p.plural or p.each or p.listed or p.number or p.role in _ACTS for p in said
    )


def _numbered(reading: Reading) -> bool:
    """Whether the idea counts something it has many of ("40 bikes", "600 games"); not a
    speed ("300 words a minute", "60 beats per minute") nor a stretch of time ("30 seconds a
    round", "for 20 minutes"): a duration is how long, never a thing kept."""
    said = reading.phrases
    spans = shape_words()["spans"]
    return any(
        p.plural
        and p.number
        and not p.proper
        and p.head not in spans
        and not _rate(said[n + 1 : n + 2])
        for n, p in enumerate(said)
    )


def _rate(after: tuple[Phrase, ...]) -> bool:
    """Whether the phrase after a counted one makes the count a rate: "a minute", "per hour"."""
    if not after or after[0].head not in shape_words()["spans"]:
        return False
    return after[0].determiner in ("a", "an", "per") or after[0].preposition == "per"


def _counted(reading: Reading, things: list[Thing]) -> bool:
    """Whether the idea counts one by one a thing it keeps ("every post", "each dog")."""
    heads = {t.head for t in things if t.weight >= 2}
    return any(p.each and p.head in heads for p in reading.phrases)


def app_kind(reading: Reading, things: list[Thing], domain: Domain | None) -> str:
    """ "records", or the kind of app the idea is when it keeps none (a timer, a game...).

    `things` are the record kinds the plan would keep; `domain` a kind of record-keeping app
    the idea is whole (None when it is none)."""
    kind = _kind(reading, things, domain)
    return kind.name if kind is not None else RECORDS


def evidence(reading: Reading, things: list[Thing], domain: Domain | None) -> Evidence:
    """What the rules read of the idea's kind, for the learned judge."""
    named = sum(1 for t in things if t.weight >= 2)
    many = len(kept_many(reading, things))
    worded = by_words(reading, named) or asked_for(reading, many)
    return Evidence(
        keeps=keeps_many(reading, purpose.unkept(reading)) or _due(reading),
        worded=worded is not None,
        record_product=names_a_record_product(reading),
        domain=domain is not None,
        signed=works_out(reading) is not None,
        many=many,
        named=named,
        things=len(things),
        counted=_counted(reading, things) or _numbered(reading),
        business=_for_business(reading),
        does=purpose.says_what_it_does(reading),
        names_app=_names_app(reading, domain),
    )


def _due(reading: Reading) -> bool:
    """Whether the idea reminds of a date something of its own falls due on ("tells owners
    *when* their cat's jabs are *due*", "*when* my insurance *expires*"): the date belongs to
    each of many things, so the app keeps them. Only something said as someone's own (their,
    your, "you're"): "when the next bus is due" on a screen is a live board, not a record. A
    timer named as one ("a countdown to when our baby is due") stays one: the product's name is
    read before what it keeps."""
    due = shape_words()["due_words"]
    for sentence in reading.sentences:
        words = words_of(sentence.lower().replace("’", "'"))
        after = words[words.index("when") + 1 :] if "when" in words else []
        ends = next((n for n, w in enumerate(after) if w in due), None)
        if ends is not None and any(_owned(w) for w in after[:ends]):
            return True
    return False


def _owned(word: str) -> bool:
    """Whether `word` says whose something is: "their", "your", "cat's", "you're"."""
    return word in _OWNERS or word.endswith(("'s", "'re"))


# Words that say whose a thing is.
_OWNERS = frozenset({"my", "your", "their", "his", "her", "its", "our"})


def _names_app(reading: Reading, domain: Domain | None) -> bool:
    """Whether the first sentence names the app by a business or the domain ("a *gym* app",
    "a *pet shop* app", "my *dog grooming* app"): the domain is the product, not only what
    the app works on ("a photo of your cat")."""
    if domain is None:
        return False
    words = lexicon()
    named = words.organisations | {w for k in domain.keywords for w in k.lower().split()}
    return any(
        p.sentence == 0 and p.head in words.generic and any(m in named for m in p.modifiers)
        for p in reading.phrases
    )


# The kind of a list shown on a screen ("a menu board"): a business that counts what it lists
# keeps it as records. A page or other kind named for a business stands ("a coming soon page
# for our restaurant with our 3 opening offers").
_SHOWN = "display"

# Verbs by which an idea says the app runs a business ("an app to *run* my tattoo studio").
_RUNNING = frozenset({"run", "manage", "organise", "organize"})


def _for_business(reading: Reading) -> bool:
    """Whether the first sentence says the app is for a business or club ("an app for my
    bakery", "an app to run my tattoo studio", "app for a youth football club")."""
    places = lexicon().organisations
    return any(
        p.sentence == 0 and p.head in places and (p.preposition == "for" or p.verb in _RUNNING)
        for p in reading.phrases
    )


def _kind(reading: Reading, things: list[Thing], domain: Domain | None) -> AppKind | None:
    """The words' reading where it is sure (it keeps many of something; the product's name
    says a kind) unless the learned judge (`plain_judge`) is all but sure either way;
    elsewhere the judge's, where it is sure either way, else the rules' by meaning."""
    said = evidence(reading, things, domain)
    # The plain reading, not `said.keeps`: "we never record the scores" is the founder's
    # problem, not an app that keeps nothing, so the rules' likeness by meaning stays skipped.
    kind = None if keeps_many(reading) else _ruled(reading, things, domain)
    try:
        judge = plain_judge.shipped()
        row = plain_judge.features(reading, said)
        return decide(judge, said, row, kind, said_kind(reading, said, kind), reading.fixed)
    except plain_judge.PlainJudgeError as err:  # a broken install: the rules still answer
        log.warning("The learned judge of plain answers is off: %s", err)
        return kind


def said_kind(reading: Reading, said: Evidence, kind: AppKind | None) -> bool:
    """Whether the rules' kind is one the idea says, by its words ("a pomodoro *timer*") or by
    what it does ("how much each pays"), not one it only reads like."""
    return said.worded or (kind is not None and said.signed and kind == works_out(reading))


def decide(
    judge: plain_judge.PlainJudge,
    said: Evidence,
    row: np.ndarray,
    ruled: AppKind | None,
    sure: bool,
    text: str,
) -> AppKind | None:
    """The kind of app the idea is (None: a record-keeping app), given the judge, the rules'
    kind `ruled` and whether the idea says it (`sure`). A plain answer names the kind the
    idea says, else the one the judge's kind head reads it as ("a space shooter" is a game,
    "Tinder for tennis partners" a way to meet people), else the nearest kind's sentence."""
    shown = ruled is not None and ruled.name == _SHOWN
    verdict = judge.verdict(said, judge.score(row), judge.lifts(said, row), shown)
    if verdict is False or (verdict is None and ruled is None):
        return None
    if sure and ruled is not None:
        return ruled
    return judge.kind(row) or ruled or closest(meant(text))[0]


def _ruled(reading: Reading, things: list[Thing], domain: Domain | None) -> AppKind | None:
    # Things named plainly (a list, a verb's object), not a noun read in passing.
    named = sum(1 for t in things if t.weight >= 2)
    many = len(kept_many(reading, things))
    kind = by_words(reading, named) or asked_for(reading, many)
    if kind is not None:
        return kind
    if names_a_record_product(reading) or domain is not None:
        return None
    if _counted(reading, things) or _numbered(reading):
        many += 1
    signed = works_out(reading) if many <= _INPUTS else None
    if signed is not None:
        return signed
    if many == 0:
        nearest, ahead = closest(meant(reading.fixed))
        if ahead > 0:
            return nearest
    kind = by_meaning(meant(reading.fixed), sure=bool(things))
    if kind is not None and many >= _LISTED and not _names_one(reading, kind):
        return None  # "Players, concerts, band instruments and the music library": kept
    return kind


def _names_one(reading: Reading, kind: AppKind) -> bool:
    """Whether the idea names one of `kind` ("A chatbot diners reach ..."), not only reads
    like it."""
    return any(
        (p.head in kind.nouns and not p.plural) or kind.nouns & set(p.modifiers)
        for p in reading.phrases
    )
