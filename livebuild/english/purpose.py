"""What an idea asks its app to do, against what it asks it to keep, as numbers.

A founder whose app is not a record keeper says what it *does*: it counts down, works out and
tells ("you put the hole size and how many posts and it tells you"), draws and sends ("it draws
who buys for who and emails each one"), plays, shows something live, drives a device ("open the
vent motor when"), lets people talk. Things named on the way ("3 min rounds", "everyone's
names") are its inputs, not its records. A record keeper says what it keeps: "keep track of",
"a log of", "each dog with its owner". These features read both from the parse (the verbs'
dictionary forms, the product's own noun, "it" doing something) and the word lists of
`purpose.toml`, for the learned judge of plain answers (`livebuild/brief/plain_judge.py`),
which learns from written ideas how much each counts.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import tomllib
from dataclasses import dataclass, fields
from importlib import resources

from livebuild.english.lexicon import checked_words, lexicon
from livebuild.english.reading import Reading, words_of

# "40s on", "3 min rounds", "1:30": a number said as a stretch of time.
_CLOCK = re.compile(r"\b\d+:\d\d\b")
# A number and the word straight after it ("3 min", "40s", "12 rounds").
_COUNTED = re.compile(r"\b\d+\s*-?\s*([a-z]+)")
# Phrases by which an idea keeps something ("keep track of", "each dog with its owner").
_KEEPING = re.compile(
    r"\b(?:keep(?:s|ing)? track|track of|list of|log of|record of|records of|history of|"
    r"with (?:its|their|his|her)|each one's|every one's|who has|who's got)\b"
)
# A keeping verb said under a negation of the app's need: "we don't *need to keep* any results",
# "no need to record", "nothing is saved", "without saving": the founder says the app keeps
# nothing. Not "we never record the scores", "I can't keep track", "we don't log it and we
# should": that is the founder's problem today, which a record app mends.
_UNKEPT = re.compile(
    r"(?:n't|\bnot|\bno)\s+(?:need|needs|want|wants|have|has)\s+(?:to\s+)?"
    r"(?:(?!forget|lose|miss)[a-z]+\s+){0,2}?"
    r"(keep|keeping|save|saving|store|storing|record|recording|log|logging|track|tracking)\b"
    r"|\bwithout\s+(keeping|saving|storing|recording|logging|tracking)\b"
    r"|\bnothing\s+(?:is\s+|gets\s+|to\s+be\s+)?(kept|saved|stored|logged|recorded)\b"
    r"|\bno\s+(saving|storing|keeping)\b"
)
_KEEP_FORMS = re.compile(
    r"\b(keep|keeps|keeping|kept|save|saves|saving|saved|store|stores|storing|stored|"
    r"log|logs|logging|logged|track|tracks|tracking|tracked|record|recording|recorded)\b"
)
_MINE = frozenset({"i", "we", "our", "my", "us", "me"})
_YOU = frozenset({"you", "your", "anyone", "everyone", "people"})
# How a verb may end as written ("tells", "drawing", "beeped").
_ENDINGS = ("s", "es", "ed", "d", "ing")


class PurposeWordsError(ValueError):
    """purpose.toml is not as purpose.py expects."""


@dataclass(frozen=True)
class PurposeWords:
    doing_verbs: frozenset[str]
    input_verbs: frozenset[str]
    doing_nouns: frozenset[str]
    keeping_nouns: frozenset[str]
    device_nouns: frozenset[str]
    live_words: frozenset[str]
    time_units: frozenset[str]
    showing_verbs: frozenset[str]
    playing_verbs: frozenset[str]
    computing_verbs: frozenset[str]
    controlling_verbs: frozenset[str]


def parse(data: dict[str, object]) -> PurposeWords:
    names = [f.name for f in fields(PurposeWords)]
    if set(data) != set(names):
        raise PurposeWordsError(f"lists {sorted(data)} are not {sorted(names)}")
    lists = {n: frozenset(checked_words(n, data[n], PurposeWordsError)) for n in names}
    return PurposeWords(**lists)


@functools.cache
def purpose_words() -> PurposeWords:
    """The word lists, read and checked once a process."""
    text = resources.files("livebuild.english").joinpath("purpose.toml").read_text("utf-8")
    return parse(tomllib.loads(text))


def _stem(word: str, known: frozenset[str]) -> bool:
    """Whether `word` is one of `known` as written or with a verb's ending ("tells")."""
    if word in known:
        return True
    return any(word.endswith(e) and word[: -len(e)] in known for e in _ENDINGS) or (
        word.endswith("ing") and word[:-3] + "e" in known  # "sharing" -> "share"
    )


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _keeping_lemma(word: str) -> str:
    """The dictionary form of a keeping verb as written ("kept" -> "keep", "logged" -> "log")."""
    if word == "kept":
        return "keep"
    return next(b for b in ("keep", "save", "store", "log", "track", "record") if word[:3] == b[:3])


def unkept(reading: Reading) -> frozenset[str]:
    """The keeping verbs the idea says only under a negation ("we don't need to keep any
    results, just show them"): what they take is not kept."""
    text = reading.fixed.lower().replace("’", "'")
    negated = [_keeping_lemma(next(g for g in m.groups() if g)) for m in _UNKEPT.finditer(text)]
    said = [_keeping_lemma(m.group(1)) for m in _KEEP_FORMS.finditer(text)]
    return frozenset(v for v in set(negated) if said.count(v) <= negated.count(v))


def _taken_by(reading: Reading, verbs: frozenset[str]) -> int:
    """How many things said many of (plural, one by one, counted) a verb of `verbs` takes:
    "it *shows* the scores", "*plays* the songs", "*keep* the results"."""
    return sum(
        1
        for p in reading.phrases
        if p.verb and (p.plural or p.each or p.number) and _stem(p.verb, verbs)
    )


def acts(reading: Reading) -> list[float]:
    """What the app is asked to do with what the idea names: shown, played, worked out,
    driven, against kept (by the verbs that take the things said many of), and whether the
    founder says it keeps nothing."""
    said = purpose_words()
    verbs = reading.verbs
    classes = [said.showing_verbs, said.playing_verbs, said.computing_verbs]
    classes.append(said.controlling_verbs)
    keeping = lexicon().keeping_verbs - unkept(reading)
    doing = said.doing_verbs | frozenset().union(*classes)
    return [
        float(bool(unkept(reading))),
        *(math.log1p(sum(v in c for v in verbs)) for c in classes),
        math.log1p(_taken_by(reading, doing)),
        math.log1p(_taken_by(reading, keeping)),
        math.log1p(_taken_by(reading, said.input_verbs)),
    ]


# How many features `features` gives.
WIDTH = 22


def says_what_it_does(reading: Reading) -> bool:
    """Whether the idea says what its app does: a verb that does something ("it *tells* you",
    "*open* the vent") or a product named for what it does ("a round *timer*")."""
    said = purpose_words()
    product = {reading.product_head, *reading.product, *reading.opening} - {""}
    return any(v in said.doing_verbs for v in reading.verbs) or bool(product & said.doing_nouns)


def features(reading: Reading) -> list[float]:
    """What the idea asks the app to do and to keep, each a number (`WIDTH` of them)."""
    said = purpose_words()
    words = words_of(reading.fixed.lower())
    total = max(len(words), 1)
    verbs = reading.verbs
    doing = [n for n, v in enumerate(verbs) if v in said.doing_verbs]
    given = [n for n, v in enumerate(verbs) if v in said.input_verbs]
    nouns = [_singular(w) for w in words]
    product = {reading.product_head, *reading.product, *reading.opening} - {""}
    it_does = sum(
        1
        for w, after in itertools.pairwise(words)
        if w in ("it", "that", "which") and _stem(after, said.doing_verbs)
    )
    timed = len(_CLOCK.findall(reading.fixed)) + sum(
        after in said.time_units or after == "s"
        for after in _COUNTED.findall(reading.fixed.lower())
    )
    return [
        math.log1p(len(doing)),
        math.log1p(sum(v in lexicon().keeping_verbs for v in verbs)),
        float(bool(given) and bool(doing) and max(doing) > min(given)),
        math.log1p(it_does),
        float(bool(product & said.doing_nouns)),
        float(bool(product & said.keeping_nouns)),
        math.log1p(sum(n in said.doing_nouns for n in nouns)),
        math.log1p(sum(n in said.keeping_nouns for n in nouns)),
        math.log1p(sum(n in said.device_nouns for n in nouns)),
        math.log1p(sum(w in said.live_words for w in words)),
        math.log1p(timed),
        sum(w in _YOU for w in words) / total,
        sum(w in _MINE for w in words) / total,
        math.log1p(len(_KEEPING.findall(reading.fixed.lower()))),
        *acts(reading),
    ]
