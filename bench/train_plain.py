"""Train the learned judge of plain answers (`livebuild/brief/plain_judge.py`) and measure it.

    python -m bench.train_plain train     # fit, choose the thresholds, write plain_judge.json
    python -m bench.train_plain train --wide   # ... on session 21's plain_wide.toml too
    python -m bench.train_plain kinds     # refit only the kind head, with plain_wide.toml
    python -m bench.train_plain check     # is the shipped kind head the one train ends with?
    python -m bench.train_plain measure   # the shipped judge on the sets it was never fit on

Data: the spent rounds 3-14 (`heldout/ideas_rN.toml`), the development ideas and the ideas
written for it (`plain_ideas.toml`, `plain_does.toml`, `plain_live.toml`, `plain_classes.toml`,
`plain_kinds.toml`:
non-record ideas by kind of app, record ideas said by analogy or counting what they keep; and
`plain_wide.toml`, session 21's 478 by kind of app with record ideas naming them in passing:
with `train --wide` they teach the judge, the lift head and the kind head, and raise the bars;
`kinds` refits only the shipped judge's kind head, on its non-record ideas too; `train` ends with
the same refit, so it reproduces the shipped file). Never trained
on: rounds 15-20 (measured only, by `measure`), later rounds (never read), and the
`*_held.toml` sets (measured only). `train` also prints each set's plain answers and refused
record ideas out of fold.

The kind head (which kind of app a plainly answered idea is) is one logistic regression a kind
over the same standardised rows, fit on the non-record ideas whose kind is known: by its table
in `plain_kinds.toml`, or by the kind its own words say (the rules' `by_words`).

Thresholds come from scores out of fold (each round, the development ideas and five slices of
`plain_ideas.toml` scored by a judge fit without them): `plain` sits just above every record
idea's, so no record idea of the training data would be refused; `records` just under every
non-record idea's the rules answer plainly by meaning alone, so the judge's "records" overrules
only where no training idea says it shouldn't.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench import logistic
from bench.understanding import ideas_path, load_dev_ideas, load_ideas
from livebuild.brief import plain_judge
from livebuild.brief.derive import _chosen, app_domain
from livebuild.brief.record_app import _ruled, decide, evidence, said_kind
from livebuild.english.app_kind import AppKind, app_kinds, keeps_many
from livebuild.english.idea import read_once

ROUNDS = tuple(range(3, 15))  # trained on; 15-20 are measured, 21 and later never read
MEASURED = (15, 16, 17, 18, 19, 20)
OWN = Path(__file__).with_name("plain_ideas.toml")
HELD = Path(__file__).with_name("plain_ideas_held.toml")
# Session 19's ideas said by what the app does, and record ideas that mention it in passing.
DOES = Path(__file__).with_name("plain_does.toml")
DOES_HELD = Path(__file__).with_name("plain_does_held.toml")
# Session 20's ideas said by what the app shows, plays, works out or drives, and record ideas
# that name scores, timers, games, sums, chat or devices in passing.
LIVE = Path(__file__).with_name("plain_live.toml")
LIVE_HELD = Path(__file__).with_name("plain_live_held.toml")
# Session 21's large set by kind of app (a live scoreboard, not a kept league table; a timer, not
# a log of times...), and record ideas that name such things in passing: with `train --wide`
# the binary judge, the lift head and the kind head learn from it; `kinds` the kind head only.
WIDE = Path(__file__).with_name("plain_wide.toml")
WIDE_HELD = Path(__file__).with_name("plain_wide_held.toml")
# Session 26's ideas by class of app that keeps nothing (a page telling one thing, a trade's own
# units converted, one of a set suggested, a game of chance or a trick, something outside
# watched, a document, picture or recording turned into something) and record apps of the same
# trades.
CLASSES = Path(__file__).with_name("plain_classes.toml")
CLASSES_HELD = Path(__file__).with_name("plain_classes_held.toml")
KINDS = Path(__file__).with_name("plain_kinds.toml")
KINDS_HELD = Path(__file__).with_name("plain_kinds_held.toml")
KIND_GROUP = "kinds"
PENALTY = 20.0
STEPS = 30
FOLDS = 5
# How far past the nearest training idea of the other class a threshold sits.
MARGIN = 0.02
# How far over `plain` the overrule must sit to be kept at all (else it is 1.0: never).
OVERRULE_GAP = 0.05


@dataclass(frozen=True)
class Idea:
    text: str
    plain: bool  # not a record-keeping app
    group: str  # ideas of one group are left out together
    row: np.ndarray
    ruled: bool  # the rules alone answer it plainly
    said: plain_judge.Evidence  # what the rules read of it
    rules_kind: AppKind | None  # the kind the rules read it as
    sure: bool  # the idea says that kind (`record_app.said_kind`)
    kind: str | None  # the kind of app it is, where known (for the kind head)

    @property
    def asked(self) -> bool:
        """Whether the judge alone may answer it plainly."""
        said = self.said
        return not (said.worded or said.settled or said.counted or not said.things)


def idea(text: str, plain: bool, group: str, kind: str | None = None) -> Idea:
    read = read_once(text)
    _, things = _chosen(read, None)
    domain = app_domain(read, things)
    said = evidence(read.english, things, domain)
    rules_kind = None if keeps_many(read.english) else _ruled(read.english, things, domain)
    row = plain_judge.features(read.english, said)
    sure = said_kind(read.english, said, rules_kind)
    if plain and kind is None and sure and rules_kind is not None:
        kind = rules_kind.name  # the kind its own words say
    return Idea(text, plain, group, row, rules_kind is not None, said, rules_kind, sure, kind)


def own(path: Path, group: str) -> list[Idea]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    plain = [idea(t, True, f"{group}{n % FOLDS}") for n, t in enumerate(data["plain"])]
    return plain + [idea(t, False, f"{group}{n % FOLDS}") for n, t in enumerate(data["records"])]


def by_kind(path: Path, group: str, plain_only: bool = False) -> list[Idea]:
    """The ideas of a `plain_kinds` file: each kind's table, then the record ideas (none with
    `plain_only`)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    known = {k.name for k in app_kinds().kinds}
    if not set(data["kinds"]) <= known:
        raise ValueError(f"{path.name}: kinds {sorted(set(data['kinds']) - known)} are unknown")
    said = [(t, k) for k, texts in data["kinds"].items() for t in texts]
    plain = [idea(t, True, f"{group}{n % FOLDS}", k) for n, (t, k) in enumerate(said)]
    records = [] if plain_only else data["records"]
    return plain + [idea(t, False, f"{group}{n % FOLDS}") for n, t in enumerate(records)]


def rounds(numbers: tuple[int, ...]) -> list[Idea]:
    return [
        idea(c.text, not c.record_app, f"r{r}") for r in numbers for c in load_ideas(ideas_path(r))
    ]


def training(wide: bool = False) -> list[Idea]:
    """The training ideas; with `wide`, session 21's `plain_wide.toml` too (opt-in: fit on it,
    the bars chosen out of fold rose and the judge answered fewer ideas plainly on every set it
    was never fit on, `docs/benchmarks.md`, so the shipped judge is fit without it)."""
    dev = [idea(c.text, not c.record_app, "dev") for c in load_dev_ideas()]
    written = own(OWN, "own") + own(DOES, "does") + own(LIVE, "live") + own(CLASSES, "classes")
    written += by_kind(KINDS, KIND_GROUP)
    return rounds(ROUNDS) + dev + written + (by_kind(WIDE, "wide") if wide else [])


def fit(data: list[Idea], *, kinds: bool = True) -> plain_judge.PlainJudge:
    """The judge (thresholds left at their defaults) and, with `kinds`, its kind head. The
    judge itself is fit on every idea but the non-record ideas written only to teach the kinds
    (`plain_kinds.toml`'s tables): with them it read record ideas more liberally out of fold
    (the threshold rose from 0.54 to 0.83, catching 58 rather than 72 of 85 ideas)."""
    binary = [d for d in data if not (d.plain and d.group.startswith(KIND_GROUP))]
    x = np.stack([d.row for d in binary])
    y = np.array([float(d.plain) for d in binary])
    made = logistic.fit(x, y, PENALTY, STEPS, flat=1e-6, clip=50.0)
    judge = plain_judge.PlainJudge(made.mean, made.scale, made.weights, made.bias, 0.5, 0.0)
    judge = dataclasses.replace(judge, lift=fit_lift(binary))
    return dataclasses.replace(judge, kinds=fit_kinds(data, judge)) if kinds else judge


def fit_lift(data: list[Idea]) -> plain_judge.LiftHead | None:
    """The lift head, fit only on the ideas it may lift (`plain_judge.liftable`)."""
    gated = [d for d in data if plain_judge.liftable(d.said)]
    if not any(d.plain for d in gated) or all(d.plain for d in gated):
        return None
    x = np.stack([d.row for d in gated])
    made = logistic.fit(x, np.array([float(d.plain) for d in gated]), PENALTY, STEPS, 1e-6, 50.0)
    return plain_judge.LiftHead(made.mean, made.scale, made.weights, made.bias)


def fit_kinds(data: list[Idea], judge: plain_judge.PlainJudge) -> plain_judge.KindHead:
    """One logistic regression a kind (that kind against the others) over the non-record
    ideas whose kind is known."""
    kinded = [d for d in data if d.plain and d.kind is not None]
    names = tuple(k.name for k in app_kinds().kinds if any(d.kind == k.name for d in kinded))
    x = np.stack([judge.standard(d.row) for d in kinded])
    fits = [
        logistic.newton(x, np.array([float(d.kind == name) for d in kinded]), PENALTY, STEPS, 50.0)
        for name in names
    ]
    weights = np.stack([w[:-1] for w in fits])
    return plain_judge.KindHead(names, weights, np.array([w[-1] for w in fits]))


Folds = dict[str, plain_judge.PlainJudge]


def out_of_fold(data: list[Idea]) -> tuple[np.ndarray, list[str | None], np.ndarray, Folds]:
    """Each idea's score, the kind the kind head reads it as, and its lift head's score, by a
    judge fit without its group; and those judges, by group."""
    scores = np.zeros(len(data))
    lifts = np.zeros(len(data))
    kinds: list[str | None] = [None] * len(data)
    folds: Folds = {}
    for group in sorted({d.group for d in data}):
        kinded = group.startswith((KIND_GROUP, "wide"))
        judge = folds[group] = fit([d for d in data if d.group != group], kinds=kinded)
        for n, d in enumerate(data):
            if d.group == group:
                scores[n] = judge.score(d.row)
                lifts[n] = judge.lift.score(d.row) if judge.lift is not None else 0.0
                kind = judge.kind(d.row)
                kinds[n] = kind.name if kind is not None else None
    return scores, kinds, lifts, folds


def with_bars(judge: plain_judge.PlainJudge, bars: dict[str, float]) -> plain_judge.PlainJudge:
    """`judge` with the bars `bars` (plain, records, sure, overrule, lifted, bare)."""
    judge = dataclasses.replace(judge, plain=bars["plain"], records=bars["records"])
    judge = dataclasses.replace(judge, sure=bars["sure"], overrule=bars["overrule"])
    return dataclasses.replace(judge, lifted=bars["lifted"], bare=bars["bare"])


def cross_validated(data: list[Idea], folds: Folds, bars: dict[str, float]) -> None:
    """Each set's plain answers and refused record ideas, each idea answered by the judge fit
    without its group, with the bars chosen over all (`bars`)."""
    sets: dict[str, list[tuple[Idea, str]]] = {}
    for d in data:
        judge = with_bars(folds[d.group], bars)
        name = "rounds 3-14" if d.group.startswith("r") else d.group.rstrip("0123456789")
        sets.setdefault(name, []).append((d, answered(d, judge)))
    for name, said in sets.items():
        plain = [a for d, a in said if d.plain]
        records = [a for d, a in said if not d.plain]
        print(
            f"out of fold, {name}: plain {sum(a != 'records' for a in plain)} of {len(plain)}, "
            f"record ideas refused {sum(a != 'records' for a in records)} of {len(records)}",
            flush=True,
        )


def bare_said(d: Idea) -> bool:
    """Whether the idea names nothing to keep and its words leave it to the judge."""
    return not (d.said.things or d.said.worded or d.said.settled)


def bare_bar(data: list[Idea], scores: np.ndarray, plain: float) -> float:
    """Just above every record idea that names nothing to keep, scored out of fold, and no
    lower than `plain` (1.0: never)."""
    said = [s for d, s in zip(data, scores, strict=True) if not d.plain and bare_said(d)]
    bar = max(max(said, default=1.0) + MARGIN, plain)
    return round(bar, 4) if bar < 1.0 else 1.0


def lift_bar(data: list[Idea], lifts: np.ndarray, plain: float) -> float:
    """Just above every record idea the lift head may lift, scored out of fold, and no lower
    than `plain`: the head is fit on a few dozen non-record ideas, and under that its bar let
    through record ideas of a reviewer's set that "show" what they keep (1.0: never)."""
    said = [
        s for d, s in zip(data, lifts, strict=True) if not d.plain and plain_judge.liftable(d.said)
    ]
    bar = max(max(said, default=1.0) + MARGIN, plain)
    return round(bar, 4) if bar < 1.0 else 1.0


def thresholds(data: list[Idea], scores: np.ndarray) -> tuple[float, float, float, float]:
    """(plain, records, sure, overrule) from the out-of-fold scores: `plain` just above every
    record idea the judge alone may answer plainly, `records` just under every non-record idea
    the rules answer by meaning, `sure` just under every one they answer by its words,
    `overrule` just above every record idea it could answer plainly (`overrulable`: it counts
    what it names, says what its app does, and nothing else says records)."""
    scored = list(zip(data, scores, strict=True))
    plain = min(max(s for d, s in scored if d.asked and not d.plain) + MARGIN, 0.99)
    meaning = [
        d.plain and d.ruled and d.said.things and not (d.said.worded or d.said.settled)
        for d, _ in scored
    ]
    ruled = [s for (d, s), m in zip(scored, meaning, strict=True) if m]
    records = min(max(min(ruled, default=0.0) - MARGIN, 0.0), plain - MARGIN)
    worded = [s for d, s in scored if d.plain and d.said.worded and d.ruled]
    sure = min(max(min(worded, default=0.0) - MARGIN, 0.0), records)
    doing = [s for d, s in scored if not d.plain and plain_judge.overrulable(d.said)]
    # A separate, stricter bar, or none: one that came out at `plain` would let every idea
    # that counts what it keeps and says a verb through.
    overrule = max(doing, default=1.0) + MARGIN
    overrule = overrule if overrule >= plain + OVERRULE_GAP and overrule < 1.0 else 1.0
    return round(plain, 4), round(records, 4), round(sure, 4), round(overrule, 4)


def answered(d: Idea, judge: plain_judge.PlainJudge) -> str:
    """The kind of app the plan says the idea is, "records" for a plan (`record_app.decide`)."""
    kind = decide(judge, d.said, d.row, d.rules_kind, d.sure, d.text)
    return kind.name if kind is not None else "records"


def report(label: str, data: list[Idea], judge: plain_judge.PlainJudge) -> dict[str, Any]:
    """Plain answers, their kinds and refused record ideas, by the rules alone and with the
    judge."""
    plain = [d for d in data if d.plain]
    records = [d for d in data if not d.plain]
    said = {id(d): answered(d, judge) for d in data}
    kinded = [d for d in plain if d.kind is not None and said[id(d)] != "records"]
    figures = {
        "plain": len(plain),
        "records": len(records),
        "rules_plain": sum(d.ruled for d in plain),
        "rules_refused": sum(d.ruled for d in records),
        "judge_plain": sum(said[id(d)] != "records" for d in plain),
        "judge_refused": sum(said[id(d)] != "records" for d in records),
        "kinds_right": sum(said[id(d)] == d.kind for d in kinded),
        "kinds_known": len(kinded),
    }
    print(
        f"{label}: plain {figures['rules_plain']} -> {figures['judge_plain']} of {len(plain)}; "
        f"record ideas refused {figures['rules_refused']} -> {figures['judge_refused']} "
        f"of {len(records)}; kind right {figures['kinds_right']} of {len(kinded)} "
        "answered plainly whose kind is known",
        flush=True,
    )
    for d in records:
        if said[id(d)] != "records":
            print(f"   refused: {d.text[:90]!r} ({judge.score(d.row):.3f})")
    for d in kinded:
        if said[id(d)] != d.kind:
            print(f"   kind {said[id(d)]}, not {d.kind}: {d.text[:80]!r}")
    return figures


def train(wide: bool = False) -> None:
    data = training(wide)
    scores, kinds, lifts, folds = out_of_fold(data)
    plain, records, sure, overrule = thresholds(data, scores)
    lifted = lift_bar(data, lifts, plain)
    bare = bare_bar(data, scores, plain)
    named = [s for d, s in zip(data, scores, strict=True) if d.plain and bare_said(d)]
    print(f"bare bar {bare}: {sum(s >= bare for s in named)} of {len(named)} non-record ideas")
    top = sorted((s, d.text) for d, s in zip(data, lifts, strict=True) if not d.plain)[-5:]
    for s, text in top:
        print(f"   record idea lifted {s:.3f} out of fold: {text[:80]!r}")
    gated = [
        s for d, s in zip(data, lifts, strict=True) if d.plain and plain_judge.liftable(d.said)
    ]
    reached = sum(s >= lifted for s in gated)
    print(f"lift bar {lifted}: {reached} of {len(gated)} liftable non-record ideas out of fold")
    known = [(d.kind, k) for d, k in zip(data, kinds, strict=True) if d.plain and d.kind and k]
    right = sum(said == read for said, read in known)
    print(f"out of fold: the kind head names {right} of {len(known)} plain_kinds.toml ideas")
    print(f"thresholds: plain {plain}, records {records}, sure {sure}, overrule {overrule}")
    top = sorted((s, d.text) for d, s in zip(data, scores, strict=True) if not d.plain)[-5:]
    for s, text in top:
        print(f"   record idea scored {s:.3f} out of fold: {text[:80]!r}")
    gated = [(d, s) for d, s in zip(data, scores, strict=True) if d.plain and not d.asked]
    print(
        f"out of fold: {sum(s >= overrule for _, s in gated)} of {len(gated)} non-record "
        "ideas the words read as records reach overrule"
    )
    asked = [(d, s) for d, s in zip(data, scores, strict=True) if d.asked]
    caught = sum(s >= plain for d, s in asked if d.plain)
    print(f"out of fold: {caught} of {sum(d.plain for d, _ in asked)} asked non-record ideas")
    bars = {"plain": plain, "records": records, "sure": sure, "overrule": overrule}
    bars |= {"lifted": lifted, "bare": bare}
    cross_validated(data, folds, bars)
    judge = with_bars(fit(data, kinds=False), bars)
    about = {
        "what": "logistic regression: an idea is not a record-keeping app",
        "made_by": "python -m bench.train_plain train" + (" --wide" if wide else ""),
        "data": "bench/heldout/ideas_r3..r14.toml, bench/dev_ideas*.toml, "
        "bench/plain_ideas.toml, bench/plain_does.toml, bench/plain_live.toml, "
        "bench/plain_classes.toml, bench/plain_kinds.toml"
        + (", bench/plain_wide.toml" if wide else ""),
        "ideas": {"plain": sum(d.plain for d in data), "records": sum(not d.plain for d in data)},
        "penalty": PENALTY,
        "thresholds": "out of fold: plain above every record idea the words leave to it, "
        "records under every non-record idea the rules answer by meaning, sure under every one "
        "they answer by its words, overrule above every record idea it could answer plainly "
        "(counted, says what it does, nothing else says records), "
        "lifted above every record idea the lift head may lift",
    }
    ship(judge, about)


# What the shipped file's `about` says of its kind head, whichever command wrote it.
KIND_HEAD = (
    "the kind head refit on every non-record idea of the training data whose kind is known and "
    "plain_wide.toml's (python -m bench.train_plain train and kinds both end with it)"
)


def kind_data() -> list[Idea]:
    """The kind head's ideas: every non-record idea of the training data (its kind, if known,
    by its own words) and the tables of `plain_kinds.toml` and `plain_wide.toml`."""
    said = [c.text for r in ROUNDS for c in load_ideas(ideas_path(r)) if not c.record_app]
    said += [c.text for c in load_dev_ideas() if not c.record_app]
    for path in (OWN, DOES, LIVE):
        said += tomllib.loads(path.read_text(encoding="utf-8"))["plain"]
    data = [idea(t, True, "plain") for t in said]
    return data + [d for p in (KINDS, WIDE) for d in by_kind(p, "kinds", plain_only=True)]


def with_kind_head(judge: plain_judge.PlainJudge, about: dict[str, Any]) -> dict[str, Any]:
    """The file `judge` ships as: its kind head refit on `kind_data()` over the judge as read
    back from its file (rounded as shipped), so `train` and `kinds` write the same head."""
    read = plain_judge.PlainJudge.from_json(judge.to_json(about))
    return dataclasses.replace(read, kinds=fit_kinds(kind_data(), read)).to_json(about)


def ship(judge: plain_judge.PlainJudge, about: dict[str, Any]) -> None:
    """Write `judge` as the shipped file, always through `with_kind_head`: a retrained binary
    judge never reverts the kind head to one fit without `plain_wide.toml`."""
    text = json.dumps(with_kind_head(judge, about | {"kinds": KIND_HEAD}), indent=1) + "\n"
    plain_judge.WEIGHTS.write_text(text, encoding="utf-8")
    plain_judge.shipped.cache_clear()
    print(f"wrote {plain_judge.WEIGHTS.name}")


def kinds() -> None:
    """Refit only the shipped judge's kind head (its binary judge and bars stay as shipped)."""
    ship(plain_judge.shipped(), json.loads(plain_judge.WEIGHTS.read_text("utf-8"))["about"])


def check() -> None:
    """Whether the shipped file's kind head is the one `train` and `kinds` end with: refit in
    memory over the shipped binary judge, compared with the file (exit 1 if not)."""
    shipped = json.loads(plain_judge.WEIGHTS.read_text(encoding="utf-8"))
    made = with_kind_head(plain_judge.shipped(), shipped["about"])
    same = made["kinds"] == shipped["kinds"] and shipped["about"].get("kinds") == KIND_HEAD
    print("the shipped kind head is the one train ends with" if same else "it is not: retrain")
    raise SystemExit(0 if same else 1)


def measure() -> None:
    judge = plain_judge.shipped()
    for r in MEASURED:
        report(f"round {r}", rounds((r,)), judge)
    report("plain_ideas_held", own(HELD, "held"), judge)
    report("plain_kinds_held", by_kind(KINDS_HELD, "held"), judge)
    report("plain_does_held", own(DOES_HELD, "held"), judge)
    report("plain_live_held", own(LIVE_HELD, "held"), judge)
    report("plain_wide_held", by_kind(WIDE_HELD, "held"), judge)
    report("plain_classes_held", own(CLASSES_HELD, "held"), judge)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("train", "kinds", "check", "measure"))
    parser.add_argument("--wide", action="store_true", help="train on plain_wide.toml too")
    args = parser.parse_args()
    commands = {"kinds": kinds, "check": check, "measure": measure}
    train(args.wide) if args.what == "train" else commands[args.what]()


if __name__ == "__main__":
    main()
