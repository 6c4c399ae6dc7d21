"""Train the learned judge of record kinds (`livebuild/brief/kind_judge.py`) and measure it.

    python -m bench.train_kinds cv      [--thresholds vetoed:nested,gate:0.5/0.25] [--rounds 14,13]
    python -m bench.train_kinds train   [--threshold 0.5] [--kept 0.25]
    python -m bench.train_kinds time

Data: the spent held-out rounds 3 to 19 (`heldout/ideas_rN.toml`), the development ideas and
the judge's own ideas for a noun's context (`kind_context_ideas.toml`) and pitches
(`kind_pitch_ideas.toml`).
Each candidate noun of a record idea (`kind_features.candidates`) is labelled by the bench's own
matcher (`understanding_names.kind_in_group`): a record kind when it stands for an `expect`
group, left out of training when it is only `allowed`, not a record otherwise.

`cv` is leave-one-round-out: for each round 3..19, train on the sixteen others (and the
development ideas), plan that round's ideas offline with and without the judge, and judge both
plans with the understanding bench's figures (whole plans, coverage, precision). A column's
threshold "nested" is chosen inside each training fold (`nested_bars`; "nested/nested" chooses
the bar for the rules' own kinds, `kept`, there too). `curve` prints coverage against precision
for each `kept`, leave-one-round-out; `held` plans our own held pitches. `train` fits
on everything and writes `kind_judge.json`; `time` measures its CPU a plan. Never reads round
20 or later.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bench import kind_modes, logistic
from bench.understanding import ideas_path, load_dev_ideas, load_ideas
from bench.understanding_names import kind_in_group
from bench.understanding_plans import Answer, IdeaCase, PlanVerdict, figures, judge_plan
from livebuild.brief import kind_judge
from livebuild.brief.derive import _chosen
from livebuild.brief.kind_features import candidates, features
from livebuild.brief.plan import offline_plan, warm_offline_reader
from livebuild.brief.readable import UnreadableIdea
from livebuild.english.idea import read_once
from livebuild.english.records import listed_phrases

ROUNDS = tuple(range(3, 20))  # the spent rounds; 20 and later are held out
# Our own ideas written for a noun's context (examples, varieties, price lists, the app's
# users), trained on beside the development ideas; never a held-out round's.
CONTEXT_IDEAS = Path(__file__).with_name("kind_context_ideas.toml")
# Our own pitches (session s19): places and events said as where or when, materials, backstory,
# kinds said once; the held part is never trained on (`held` plans it).
PITCH_IDEAS = Path(__file__).with_name("kind_pitch_ideas.toml")
PITCH_HELD = Path(__file__).with_name("kind_pitch_ideas_held.toml")
# L2 penalty of the logistic regression (on standardised features) and its most Newton steps.
PENALTY = 30.0
STEPS = 25


def own_ideas() -> list[IdeaCase]:
    """The development ideas and the judge's own set for a noun's context."""
    return load_dev_ideas() + load_dev_ideas((CONTEXT_IDEAS, PITCH_IDEAS))


@dataclass
class Labelled:
    case: IdeaCase
    rows: np.ndarray  # one row a candidate
    labels: np.ndarray  # 1 record kind, 0 not, -1 only allowed (left out)
    groups: list[set[int]] = field(default_factory=list)  # the expect groups each stands for
    reasons: list[str] = field(default_factory=list)  # why the hardest vetoes refuse it, or ""
    ruled: list[bool] = field(default_factory=list)  # chosen by the rules
    heads: list[str] = field(default_factory=list)
    # whether the gate's vetoes refuse it (`kind_judge.refused`), and when the judge is sure
    soft: list[bool] = field(default_factory=list)
    hard: list[bool] = field(default_factory=list)

    @property
    def refused(self) -> list[bool]:
        return [bool(r) for r in self.reasons]


def labelled(case: IdeaCase) -> Labelled:
    read = read_once(case.text)
    _, things = _chosen(read, None)
    found = candidates(read.english, things) if case.record_app else []
    rows = features(read.english, things, found) if found else np.zeros((0, 0), np.float32)
    labels = []
    groups = [{n for n, g in enumerate(case.expect) if kind_in_group(c.names, g)} for c in found]
    reasons = [kind_modes.refusal(read.english, c) for c in found]
    ruled = [c.ruled for c in found]
    for cand in found:
        if any(kind_in_group(cand.names, g) for g in case.expect):
            labels.append(1)
        elif any(kind_in_group(cand.names, [a]) for a in case.allowed):
            labels.append(-1)
        else:
            labels.append(0)
    heads = [c.head for c in found]
    listed = listed_phrases(read.english)
    soft = [kind_judge.refused(read.english, c, listed) for c in found]
    hard = [kind_judge.refused(read.english, c, listed, sure=True) for c in found]
    return Labelled(
        case, rows, np.array(labels, dtype=np.int8), groups, reasons, ruled, heads, soft, hard
    )


def fit(data: list[Labelled], threshold: float, kept: float, sure: float = 1.0) -> kind_judge.Judge:
    """A logistic regression by Newton's method: deterministic, a few seconds."""
    rows = np.concatenate([d.rows[d.labels >= 0] for d in data if len(d.rows)])
    y = np.concatenate([d.labels[d.labels >= 0] for d in data if len(d.rows)]).astype(np.float64)
    made = logistic.fit(rows.astype(np.float64), y, PENALTY, STEPS, flat=1e-3, clip=None)
    return kind_judge.Judge(made.mean, made.scale, made.weights, made.bias, threshold, kept, sure)


# Bars the nested cross-validation chooses among, inside each training fold: `GRID` for a noun
# the rules did not choose (`threshold`), `KEPT_GRID` for one they chose (`kept`).
GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
KEPT_GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)
# ... and `sure`, from which only the hardest vetoes refuse a noun the rules did not choose.
SURE_GRID = (1.0, 0.95, 0.9, 0.85)
_fits: dict[frozenset[int], kind_judge.Judge] = {}
# For each set of bars (threshold, kept, sure): whole plans, covered plans, kinds named that
# are wanted or allowed, kinds named, record ideas (the labels' proxy of the bench's figures).
Bars = tuple[float, float, float]
Tally = dict[Bars, list[int]]


def _fit_without(
    rounds: dict[int, list[Labelled]], dev: list[Labelled], left: frozenset[int]
) -> kind_judge.Judge:
    """A judge fitted on the development ideas and every round but `left` (fits reused; the
    bars do not change the weights)."""
    if left not in _fits:
        data = dev + [d for q, ds in rounds.items() if q not in left for d in ds]
        _fits[left] = fit(data, 0.5, 0.25)
    return _fits[left]


def _chosen_at(d: Labelled, scores: np.ndarray, mode: str, bars: Bars) -> tuple[int, ...]:
    t, k, sure = bars
    n = range(len(d.labels))
    if mode == "gate":
        vetoes = [d.hard[i] if scores[i] >= sure else d.soft[i] for i in n]
        extra = [i for i in n if not d.ruled[i] and scores[i] >= t and not vetoes[i]]
        chosen = [i for i in n if d.ruled[i] and scores[i] >= k]
        chosen = (chosen + sorted(extra, key=lambda i: -scores[i]))[:8]
        chosen = chosen or [i for i in n if d.ruled[i]]
    else:
        ok = [i for i in n if scores[i] >= t and not (mode == "vetoed" and d.refused[i])]
        chosen = sorted(ok, key=lambda i: -scores[i])[:8] or [i for i in n if d.ruled[i]]
    return tuple(chosen)


def _measure(d: Labelled, chosen: tuple[int, ...]) -> tuple[int, ...]:
    found: set[int] = set().union(*(d.groups[i] for i in chosen)) if chosen else set()
    covered = found >= set(range(len(d.case.expect)))
    junk = sum(1 for i in chosen if d.labels[i] == 0)
    return int(covered and not junk), int(covered), len(chosen) - junk, len(chosen)


def out_of_fold(
    rounds: dict[int, list[Labelled]],
    dev: list[Labelled],
    outer: int | None,
    mode: str,
    kepts: tuple[float, ...] = KEPT_GRID,
    sures: tuple[float, ...] = SURE_GRID,
) -> Tally:
    """Each pair of bars' proxy figures over the rounds but `outer`, each round scored by a
    judge fitted without it (and without `outer`): leave-one-round-out inside the training
    rounds, the held-out round never looked at."""
    totals: Tally = {(t, k, u): [0, 0, 0, 0, 0] for t in GRID for k in kepts for u in sures}
    for q in rounds:
        if q == outer:
            continue
        judge = _fit_without(rounds, dev, frozenset({q} if outer is None else {outer, q}))
        for d in rounds[q]:
            if not d.case.record_app or not len(d.rows):
                continue
            scores = judge.scores(d.rows.astype(np.float64))
            measured: dict[tuple[int, ...], tuple[int, ...]] = {}
            for bars, tally in totals.items():
                chosen = _chosen_at(d, scores, mode, bars)
                if chosen not in measured:
                    measured[chosen] = _measure(d, chosen)
                for i, v in enumerate((*measured[chosen], 1)):
                    tally[i] += v
    return totals


def nested_bars(
    rounds: dict[int, list[Labelled]],
    dev: list[Labelled],
    outer: int | None,
    mode: str,
    kept: float | None = None,
) -> Bars:
    """The bars (threshold, kept, sure) that do best, whole plans then coverage, out of fold on
    the training rounds of fold `outer` (all the rounds when None: the shipped judge's); `kept`
    stays as given, and `sure` at 1.0 (off), unless `kept` is None."""
    if kept is None:
        totals = out_of_fold(rounds, dev, outer, mode)
    else:
        totals = out_of_fold(rounds, dev, outer, mode, (kept,), (1.0,))
    if outer is None:
        print_curve(totals)
    return _best(totals, list(totals))


def _best(totals: Tally, bars: list[Bars]) -> Bars:
    """Whole plans, then coverage, then the threshold nearest 0.5, then `sure` highest."""
    return max(bars, key=lambda b: (totals[b][0], totals[b][1], -abs(b[0] - 0.5), b[2]))


def curve(mode: str) -> None:
    """Coverage against precision for each `kept`, leave-one-round-out over every spent round
    (each round scored by a judge fitted without it), at the best other bars for that `kept`."""
    dev = [labelled(c) for c in own_ideas()]
    rounds = {r: [labelled(c) for c in load_ideas(ideas_path(r))] for r in ROUNDS}
    print_curve(out_of_fold(rounds, dev, None, mode))


def print_curve(totals: Tally) -> None:
    print("| kept | threshold | sure | whole | coverage | precision |")
    print("|---|---|---|---|---|---|")
    for k in sorted({b[1] for b in totals}):
        t, _, u = _best(totals, [b for b in totals if b[1] == k])
        whole, covered, good, named, ideas = totals[t, k, u]
        print(
            f"| {k} | {t} | {u} | {pct(whole, ideas)} ({whole}/{ideas}) | "
            f"{pct(covered, ideas)} | {pct(good, named)} ({good}/{named}) |",
            flush=True,
        )


def answer(case: IdeaCase, judged: bool) -> Answer:
    start = time.perf_counter()
    try:
        brief = offline_plan(case.text, judged=judged)
    except UnreadableIdea as err:
        return Answer(422, None, str(err), time.perf_counter() - start)
    return Answer(201, brief.to_dict(), None, time.perf_counter() - start)


def row(verdicts: list[PlanVerdict]) -> tuple[int, int, int, int, int, list[float]]:
    f = figures(verdicts)
    return f.record_ideas, f.clean, f.covered, f.kinds_wanted, f.kinds_named, f.seconds


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f} %" if b else "-"


def show(label: str, figs: tuple[int, int, int, int, int, list[float]]) -> str:
    n, clean, covered, wanted, named, _ = figs
    return f"{label}: whole {pct(clean, n)} ({clean}/{n}), coverage {pct(covered, n)}, " + (
        f"precision {pct(wanted, named)} ({wanted}/{named})"
    )


def cross_validate(
    thresholds: list[tuple[str, float, float]], rules: bool = True, only: tuple[int, ...] = ROUNDS
) -> None:
    """Leave-one-round-out over the spent rounds, planning (and printing) the rounds `only`,
    in that order (the freshest first, when time is short)."""
    dev = [labelled(c) for c in own_ideas()]
    rounds = {r: [labelled(c) for c in load_ideas(ideas_path(r))] for r in ROUNDS}
    print(
        "| round | ideas | rules: whole / coverage / precision | "
        + " | ".join(f"{m} {t}/{k}: whole / coverage / precision" for m, t, k in thresholds)
        + " |"
    )
    totals: dict[str, list[PlanVerdict]] = {"rules": []}
    for r in only:
        train = dev + [d for q in ROUNDS if q != r for d in rounds[q]]
        cases = [d.case for d in rounds[r]]
        base = [judge_plan(c, answer(c, judged=False)) for c in cases] if rules else []
        totals["rules"] += base
        cells = [_cell(row(base)) if base else "-"]
        for m, t, k in thresholds:
            label = f"{m} {'nested' if t <= 0 else t}/{'nested' if k <= 0 else k}"
            u = 1.0
            if t <= 0:  # chosen by nested cross-validation on the training rounds
                t, k, u = nested_bars(rounds, dev, r, m, None if k <= 0 else k)
                print(f"round {r}: {m} bars {t}/{k}, sure {u} (nested)", flush=True)
            with kind_judge.judging(fit(train, t, k, u), kind_modes.chooser(m)):
                judged = [judge_plan(c, answer(c, judged=True)) for c in cases]
            totals.setdefault(label, []).extend(judged)
            cells.append(_cell(row(judged)))
        print(f"| {r} | {len(cases)} | " + " | ".join(cells) + " |", flush=True)
    print("| all | | " + " | ".join(_cell(row(v)) if v else "-" for v in totals.values()) + " |")
    for label, verdicts in totals.items():
        if not verdicts:
            continue
        secs = sorted(v.answer.seconds for v in verdicts)
        p95 = secs[int(0.95 * (len(secs) - 1))]
        print(show(label, row(verdicts)) + f"; p95 {1000 * p95:.0f} ms")


def _cell(figs: tuple[int, int, int, int, int, list[float]]) -> str:
    n, clean, covered, wanted, named, _ = figs
    return f"{pct(clean, n)} / {pct(covered, n)} / {pct(wanted, named)}"


def train(threshold: float, kept: float, mode: str, sure: float = 1.0) -> None:
    """Fit on every spent round and the development ideas; a threshold of 0 or less is chosen
    by leave-one-round-out over the rounds (`nested_bars`), and so is `kept` when 0 or less."""
    dev = [labelled(c) for c in own_ideas()]
    rounds = {r: [labelled(c) for c in load_ideas(ideas_path(r))] for r in ROUNDS}
    data = dev + [d for r in ROUNDS for d in rounds[r]]
    if threshold <= 0:
        bars = nested_bars(rounds, dev, None, mode, None if kept <= 0 else kept)
        threshold, kept, sure = bars
        print(f"bars {threshold}/{kept}, sure {sure}, chosen by leave-one-round-out", flush=True)
    judge = fit(data, threshold, kept, sure)
    positives = int(sum((d.labels == 1).sum() for d in data))
    negatives = int(sum((d.labels == 0).sum() for d in data))
    about: dict[str, Any] = {
        "what": "logistic regression: is a candidate noun of an idea a record kind",
        "made_by": "python -m bench.train_kinds train",
        "data": "bench/heldout/ideas_r3..r19.toml, bench/dev_ideas*.toml, "
        "bench/kind_context_ideas.toml, bench/kind_pitch_ideas.toml",
        "candidates": {"record_kinds": positives, "not": negatives},
        "penalty": PENALTY,
        "mode": mode,
        "threshold": threshold,
        "kept": kept,
        "sure": sure,
        "measured": "leave-one-round-out on rounds 3-19: docs/benchmarks.md",
    }
    import json

    text = json.dumps(judge.to_json(about), indent=1) + "\n"
    kind_judge.WEIGHTS.write_text(text, encoding="utf-8")
    print(f"wrote {kind_judge.WEIGHTS.name}: {positives} kinds, {negatives} not")


def held() -> None:
    """Our own held pitches (never trained on), planned by the rules alone and with the
    shipped judge."""
    cases = load_dev_ideas((PITCH_HELD,))
    base = [judge_plan(c, answer(c, judged=False)) for c in cases]
    judged = [judge_plan(c, answer(c, judged=True)) for c in cases]
    print(show("rules alone", row(base)))
    print(show("shipped judge", row(judged)))
    for v in judged:
        if v.missed or v.junk:
            print(f"  {v.case.id}: missed {v.missed}, junk {v.junk}")


def cpu_per_plan() -> None:
    """CPU seconds a plan (`time.process_time`, in this process) over every spent idea, with the
    judge and without. The first plan of each idea reads it (the judge off); the reading is then
    kept, as a server keeps it, so the next two are the plan's own work, off and on."""
    cases = load_dev_ideas() + [c for r in ROUNDS for c in load_ideas(ideas_path(r))]
    spent: dict[str, list[float]] = {"reading it and the rules": [], "off": [], "on": []}
    for case in cases:
        read_once.cache_clear()
        for label in spent:
            start = time.process_time()
            with contextlib.suppress(UnreadableIdea):
                offline_plan(case.text, judged=label == "on")
            spent[label].append(time.process_time() - start)
    for label, seconds in spent.items():
        seconds.sort()
        p50, p95 = seconds[len(seconds) // 2], seconds[int(0.95 * (len(seconds) - 1))]
        print(
            f"judge {label}: {len(seconds)} ideas, CPU a plan "
            f"p50 {1000 * p50:.0f} ms, p95 {1000 * p95:.0f} ms, max {1000 * seconds[-1]:.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("cv", "train", "time", "curve", "held"))
    # Each "[MODE:]T/K": a noun the rules did not choose is kept from T up, one they chose from
    # K up; MODE is gate (the default, what ships), vetoed or alone (kind_modes.MODES).
    parser.add_argument("--thresholds", default="0.5/0.5")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--kept", type=float, default=0.25)
    parser.add_argument("--mode", default="gate", choices=kind_judge.MODES)  # what ships
    parser.add_argument("--without-rules", action="store_true", help="skip the rules' column")
    parser.add_argument("--rounds", default="", help="cv: the rounds to plan, e.g. 14,13")
    args = parser.parse_args()
    warm_offline_reader()
    if args.what == "cv":
        columns = []
        for spec in args.thresholds.split(","):
            mode, _, pair = spec.rpartition(":")
            t, _, k = pair.partition("/")
            # "gate:nested/0.25": the threshold is chosen per fold; "nested/nested" both bars
            nested, k_nested = t == "nested", k == "nested"
            kept = -1.0 if k_nested else float(k or 0.25)
            columns.append((mode or "gate", -1.0 if nested or k_nested else float(t), kept))
        only = tuple(int(r) for r in args.rounds.split(",") if r) or ROUNDS
        if not set(only) <= set(ROUNDS):
            parser.error(f"--rounds: spent rounds are {ROUNDS[0]}-{ROUNDS[-1]}")
        cross_validate(columns, rules=not args.without_rules, only=only)
    elif args.what == "time":
        cpu_per_plan()
    elif args.what == "curve":
        curve(args.mode)
    elif args.what == "held":
        held()
    else:
        train(args.threshold, args.kept, args.mode)


if __name__ == "__main__":
    main()
