"""A learned judge of which of an idea's nouns are record kinds, for the plan without a model.

A logistic regression over each candidate noun's features (`kind_features`: what the parse
says of it, and its WordLlama vectors), trained by `bench/train_kinds.py` on the labelled
spent held-out rounds and shipped as `kind_judge.json` beside this file. The plan keeps the
rules' own choices it scores at least `kept`, and adds the other nouns it scores at least
`threshold` that the rules' vetoes let through, most likely first, up to the most a plan holds
(the "gate": the one way it ships; the bench measures others through `judging`).
Deterministic: the same idea gets the same kinds.

What a founder wants as a record, where the bench's labels and the pinned tests disagreed
(session s15, each case in docs/benchmarks.md):
- People the founder has are records ("my clients", "our drivers", "for my patients"); the
  person the founder is never is ("I'm a driving instructor", "Mobile bike mechanic.").
- Someone a record has is a record of its own ("each job has a customer"); a detail it has is
  not ("each dog has its feeding times").
- Who uses the app, said only after "for" or "help" ("Etsy for local makers"), is its
  audience, not a record, unless the idea keeps them too.
- A time is never a record (a date, a day, a week, a month, a night), nor a word the rules
  call a detail (a score, a note), however a label reads; a name or an option of another
  record neither.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from livebuild.brief import judge_file
from livebuild.brief.kind_features import Candidate, candidates, features
from livebuild.brief.kinds import refused_outright, vetoed
from livebuild.english.lexicon import lexicon
from livebuild.english.names import closest
from livebuild.english.reading import Phrase, Reading
from livebuild.english.records import (
    a_person,
    listed_phrases,
    said_varieties,
    umbrella,
    varieties,
)
from livebuild.english.shape_lists import Thing

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

WEIGHTS = Path(__file__).with_name("kind_judge.json")
FORMAT = judge_file.FORMAT
# How the judge's scores make the plan's kinds: "gate" keeps the rules' kinds it scores `kept`
# or more and adds others the rules' vetoes let through. (The bench's trainer measures other
# ways, `bench/kind_modes.py`; a weights file for one of them is refused here.)
MODES = ("gate",)


class JudgeError(RuntimeError):
    """The judge's weights file is missing or not what this code reads."""


@dataclass(frozen=True)
class Judge:
    """A trained logistic regression: features are centred by `mean`, scaled by `scale`. A
    noun the rules chose is kept from `kept` up, any other from `threshold` up; one it scores
    `sure` or more is refused only by the hardest vetoes (`kinds.refused_outright`)."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    kept: float
    sure: float = 1.0  # 1.0: off (a score never reaches it)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        import numpy as np

        if rows.shape[0] == 0:
            return np.zeros(0, dtype=np.float64)
        if rows.shape[1] != self.weights.shape[0]:
            raise JudgeError(f"{rows.shape[1]} features, weights for {self.weights.shape[0]}")
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def to_json(self, about: dict[str, Any]) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "about": about,
            "threshold": self.threshold,
            "kept": self.kept,
            "sure": self.sure,
            "mode": "gate",
            "bias": self.bias,
            **judge_file.rows_json(self.mean, self.scale, self.weights),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Judge:
        import numpy as np

        arrays = judge_file.rows(data, JudgeError, None)
        threshold, kept, bias = (float(data[k]) for k in ("threshold", "kept", "bias"))
        sure = float(data.get("sure", 1.0))  # weights files before session 20: off
        if not (0.0 < threshold < 1.0 and 0.0 < kept < 1.0 and threshold <= sure <= 1.0):
            raise JudgeError(f"a threshold ({threshold}, {kept}, {sure}) is not between 0 and 1")
        if not np.isfinite(bias):
            raise JudgeError("the bias is not finite")
        mode = str(data.get("mode", "gate"))
        if mode not in MODES:
            raise JudgeError(f"mode {mode!r} is not one of {', '.join(MODES)}")
        return cls(arrays[0], arrays[1], arrays[2], bias, threshold, kept, sure)


@functools.cache
def shipped() -> Judge:
    """The judge shipped with livebuild (read and checked once a process)."""
    return Judge.from_json(judge_file.read(WEIGHTS, JudgeError))


# A way of choosing the plan's kinds from the scored candidates other than the gate (the
# bench's measured alternatives): (reading, the rules' things, scored, judge, limit) -> things.
Choose = Callable[
    [Reading, Sequence[Thing], list[tuple[Candidate, float]], Judge, int], list[Thing]
]
_judge: contextvars.ContextVar[Judge | None] = contextvars.ContextVar("kind_judge", default=None)
_choose: contextvars.ContextVar[Choose | None] = contextvars.ContextVar("kind_choose", default=None)


@contextlib.contextmanager
def judging(judge: Judge, choose: Choose | None = None) -> Iterator[None]:
    """Plans made inside use `judge` rather than the shipped one (the bench's folds), and
    `choose` rather than the gate where given."""
    tokens = _judge.set(judge), _choose.set(choose)
    try:
        yield
    finally:
        _judge.reset(tokens[0])
        _choose.reset(tokens[1])


def current() -> Judge:
    return _judge.get() or shipped()


def scored(reading: Reading, rules: Sequence[Thing]) -> list[tuple[Candidate, float]]:
    """Each candidate noun with the judge's confidence that it is a record kind."""
    found = candidates(reading, rules)
    if not found:
        return []
    scores = current().scores(features(reading, rules, found))
    return [(c, float(s)) for c, s in zip(found, scores, strict=True)]


def judged_things(reading: Reading, rules: Sequence[Thing], limit: int) -> list[Thing]:
    """The rules' things the judge keeps (scored `kept` or more), in the rules' order, then the
    other nouns it scores `threshold` or more that pass the rules' own vetoes (a name, a time,
    a detail of another record, whom the work is for, one thing...), most likely first, up to
    `limit`. The rules' own choice when it keeps none (a plan always has a record)."""
    try:
        judge = current()
        found = scored(reading, rules)
    except JudgeError as err:  # a broken install: the rules' plan is still a plan
        log.warning("The learned judge of record kinds is off: %s", err)
        return list(rules)
    choose = _choose.get()
    if choose is not None:
        return choose(reading, rules, found, judge, limit)
    score = {c.head: s for c, s in found}
    kept = [t for t in rules if score.get(t.head, 1.0) >= judge.kept]
    listed = listed_phrases(reading)
    added = most_likely(cs for cs in found if not cs[0].ruled and cs[1] >= judge.threshold)
    for cand, likely in added:
        if len(kept) >= limit:
            break
        thing = cand.thing
        if again(thing, kept):
            continue
        if refused(reading, cand, likely >= judge.sure, listed):
            continue
        kept.append(thing)
    kept = listed_under_a_broad_word(reading, kept, found, judge.kept, listed)
    kept = one_kind_of_varieties(reading, kept, score, judge.kept)
    return kept[:limit] or list(rules)


def refused(reading: Reading, cand: Candidate, sure: bool, listed: set[int]) -> bool:
    """Whether the rules' vetoes refuse a noun the judge would add. One the judge is `sure` of
    is refused only by the hardest: junk by its head (a time, a name, a detail), an aside in
    brackets, or the app's users; not by how it is said ("not one of many", "only after a
    preposition", "said once"): those read the sentence's shape, which the judge weighs too
    ("keep the site, the date of each visit" keeps Sites; "our rota" keeps a Rota)."""
    if users(reading, cand):
        return True
    if sure:
        return refused_outright(cand.thing, reading)
    return vetoed(cand.thing, reading, listed) or not _many(reading, cand)


def listed_under_a_broad_word(
    reading: Reading,
    kept: Sequence[Thing],
    found: Sequence[tuple[Candidate, float]],
    least: float,
    listed: Any,
) -> list[Thing]:
    """`kept` with a word too broad to be a kind that lists two or more nouns ("things like
    families, donors, donations and parcels", "records like jobs, quotes and invoices")
    replaced by what it lists: each listed noun the judge scores `least` or more (the bar the
    rules' own kinds are kept by) that the rules' vetoes let through."""
    under: dict[str, list[str]] = {}
    for n, kind in said_varieties(reading).items():
        under.setdefault(kind, []).append(reading.phrases[n].head)
    broad = {t.head for t in kept if umbrella(t.head) and len(under.get(t.head, ())) >= 2}
    if not broad:
        return list(kept)
    out = [t for t in kept if t.head not in broad]
    wanted = {head for kind in broad for head in under[kind]}
    for cand, likely in found:
        thing = cand.thing
        if cand.head not in wanted or likely < least or again(thing, out):
            continue
        if not vetoed(thing, reading, listed):
            out.append(thing)
    return out


def one_kind_of_varieties(
    reading: Reading, kept: Sequence[Thing], score: dict[str, float], least: float
) -> list[Thing]:
    """`kept`, its varieties of one kind made that kind ("animals (cats and dogs)", "cats, dogs
    and other animals": Animals, whose Type is Cat or Dog; not Cats, Dogs and Animals). A
    variety goes only where the judge itself keeps its kind (scores it `least` or more) and
    scores none of its varieties higher, and never when it names people ("customers, members
    and other contacts"). A word too broad to be a kind that lists two or more kept ones goes
    ("things like bookings, customers and payments": Bookings, Customers and Payments). The
    parse says which are varieties (`english.records.varieties`)."""
    of = only_varieties(reading)
    heads = {t.head for t in kept}
    merged = set()
    for kind in set(of.values()) & heads:
        alike = [t for t in kept if of.get(t.head) == kind]
        if score.get(kind, 0.0) >= least and all(
            score.get(t.head, 0.0) <= score[kind] for t in alike
        ):
            merged.add(kind)
    listed = said_varieties(reading)
    lists = {
        kind: sum(1 for n, k in listed.items() if k == kind and reading.phrases[n].head in heads)
        for kind in set(listed.values()) & heads
    }
    broad = {kind for kind, many in lists.items() if many >= 2 and umbrella(kind)}
    return [
        t
        for t in kept
        if t.head not in broad and (of.get(t.head) not in merged or a_person(t.head))
    ]


def only_varieties(reading: Reading) -> dict[str, str]:
    """Each head said only ever as a variety of one kind, with that kind ("cats" of "cats, dogs
    and other animals"; not "cow" of "the cows I serve ... each insemination (which cow)")."""
    found = varieties(reading)
    kinds: dict[str, set[str]] = {}
    for n, phrase in enumerate(reading.phrases):
        kinds.setdefault(phrase.head, set()).add(found.get(n, ""))
    return {head: next(iter(k)) for head, k in kinds.items() if len(k) == 1 and "" not in k}


def most_likely(
    pairs: Iterable[tuple[Candidate, float]],
) -> list[tuple[Candidate, float]]:
    """`pairs`, the highest score first, then as the idea says them."""
    return sorted(pairs, key=lambda cs: (-cs[1], cs[0].thing.position))


def again(thing: Thing, kept: Sequence[Thing]) -> bool:
    """Whether `thing` is one already kept, said again ("checkin" after "check-in")."""
    words = {w for t in kept for w in t.words}
    return thing.head in words or bool(closest(thing.phrase, [t.phrase for t in kept]))


# Verbs whose object is who the app helps ("help beekeepers log ...", "let members book").
_HELPING = frozenset({"help", "let", "allow"})


def said_as(reading: Reading, cand: Candidate) -> list[Phrase]:
    return [p for p in reading.phrases if p.head == cand.head]


def _many(reading: Reading, cand: Candidate) -> bool:
    """Whether the idea speaks of many of it: in the plural, counted, or kept by a verb
    ("deliveries", "each booking", "track attendance"; not "Burial or cremation?")."""
    keeping = lexicon().keeping_verbs
    return any(p.plural or p.each or p.number or p.verb in keeping for p in said_as(reading, cand))


def users(reading: Reading, cand: Candidate) -> bool:
    """Whether it names only who uses the app or what a record has: people said only after
    "for" and not the founder's own, or only as the subject of a clause about another noun
    ("something for orderers at my bakery", "a planner where couples keep guests", "the
    grades members give"; not "for my patients"), or only what something has ("each dog
    has their feeding times and fears"; not "we have 4 vans", nor someone: "each job has a
    customer" keeps customers)."""
    said = said_as(reading, cand)
    if not said:
        return False
    if a_person(cand.head) and all(p.preposition == "for" and not p.mine for p in said):
        return True
    if a_person(cand.head) and all(_HELPING & {p.verb, p.over} for p in said):
        return True  # "Help beekeepers log their hives": who uses it
    if all(p.role in ("nsubj", "nsubjpass") and p.verb_role == "relcl" for p in said):
        return True
    if all(any("NNS" in reading.tags_of(w) for w in p.modifiers) for p in said):
        return True  # "the grades members give": a clause misread as one phrase
    return not a_person(cand.head) and all(p.verb == "have" and not p.number for p in said)
