"""Train the learned judge of record kinds (`livebuild/brief/kind_judge.py`) and measure it.

    python -m bench.train_kinds cv      [--thresholds gate:nested/nested/0.85,gate:0.6/0.25/0.85]
                                        [--rounds 24,23] [--train-rounds 3-24]
    python -m bench.train_kinds train   [--threshold 0.6] [--kept 0.25] [--train-rounds 3-24]
    python -m bench.train_kinds time
    python -m bench.train_kinds pitches [--verbose]

Data: the spent held-out rounds `--train-rounds` (3 to 24 unless told; `heldout/ideas_rN.toml`),
the development ideas and the judge's own ideas for a noun's context (`kind_context_ideas.toml`).
Each candidate noun of a record idea (`kind_features.candidates`) is labelled by the bench's own
matcher (`understanding_names.kind_in_group`): a record kind when it stands for an `expect`
group, left out of training when it is only `allowed`, not a record otherwise.

`cv` is leave-one-round-out: for each training round, train on the others (and the
development ideas), plan that round's ideas offline with and without the judge, and judge both
plans with the understanding bench's figures (whole plans, coverage, precision). A column's
bar "nested" (the threshold, `kept`, or both) is chosen inside each training fold by
leave-one-round-out over that fold's rounds alone (`nested_bars`). `train` fits
on everything and writes `kind_judge.json` (`--sure`: the bar past the softer vetoes; the bars
default to the shipped file's, and `made_by` records them all); `time`
measures its CPU a plan; `pitches` plans our own sets never trained on (`PITCHES`). Never
reads a round past `SPENT` (25, the development round, and later are never trained on).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
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

# The spent rounds a judge may be trained on; 25 is the development round (read in halves, never
# trained on) and later ones are held out.
SPENT = tuple(range(3, 25))
ROUNDS = SPENT  # what `train` and `cv` use unless `--train-rounds` says otherwise
# Our own ideas written for a noun's context (examples, varieties, price lists, the app's
# users), trained on beside the development ideas; never a held-out round's.
CONTEXT_IDEAS = Path(__file__).with_name("kind_context_ideas.toml")
# Our own ideas that say what the business makes, sells or serves before the records it keeps
# (session s23): what it makes is named in passing, never a record.
TRADE_IDEAS = Path(__file__).with_name("kind_trade_ideas.toml")
# L2 penalty of the logistic regression (on standardised features) and its most Newton steps.
PENALTY = 30.0
STEPS = 25


def own_ideas() -> list[IdeaCase]:
    """The development ideas and the judge's own set for a noun's context."""
    return load_dev_ideas() + load_dev_ideas((CONTEXT_IDEAS, TRADE_IDEAS))


@dataclass
class Labelled:
    case: IdeaCase
    rows: np.ndarray  # one row a candidate
    labels: np.ndarray  # 1 record kind, 0 not, -1 only allowed (left out)
    groups: list[set[int]] = field(default_factory=list)  # the expect groups each stands for
    reasons: list[str] = field(default_factory=list)  # why the hardest vetoes refuse it, or ""
    ruled: list[bool] = field(default_factory=list)  # chosen by the rules
    heads: list[str] = field(default_factory=list)
    # Whether the gate's vetoes refuse it as an added noun: (scored under `sure`, at or over)
    gated: list[tuple[bool, bool]] = field(default_factory=list)

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
    listed = listed_phrases(read.english)
    gated = [
        (
            kind_judge.refused(read.english, c, False, listed),
            kind_judge.refused(read.english, c, True, listed),
        )
        for c in found
    ]
    for cand in found:
        if any(kind_in_group(cand.names, g) for g in case.expect):
            labels.append(1)
        elif any(kind_in_group(cand.names, [a]) for a in case.allowed):
            labels.append(-1)
        else:
            labels.append(0)
    heads = [c.head for c in found]
    labels_ = np.array(labels, dtype=np.int8)
    return Labelled(case, rows, labels_, groups, reasons, ruled, heads, gated)


def fit(data: list[Labelled], threshold: float, kept: float, sure: float = 1.0) -> kind_judge.Judge:
    """A logistic regression by Newton's method: deterministic, a few seconds."""
    rows = np.concatenate([d.rows[d.labels >= 0] for d in data if len(d.rows)])
    y = np.concatenate([d.labels[d.labels >= 0] for d in data if len(d.rows)]).astype(np.float64)
    made = logistic.fit(rows.astype(np.float64), y, PENALTY, STEPS, flat=1e-3, clip=None)
    judge = kind_judge.Judge(made.mean, made.scale, made.weights, made.bias, threshold, kept)
    return barred(judge, threshold, kept, sure)


def barred(judge: kind_judge.Judge, threshold: float, kept: float, sure: float) -> kind_judge.Judge:
    """The same weights with other bars (`sure` never under the threshold)."""
    return dataclasses.replace(judge, threshold=threshold, kept=kept, sure=max(sure, threshold))


# Bars the nested cross-validation chooses among, inside each training fold: the threshold of a
# noun the rules did not choose, and (gate) the bar a rules' noun is kept from.
GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
KEPT_GRID = (0.25, 0.35, 0.45, 0.55, 0.65)
_fits: dict[tuple[tuple[int, ...], frozenset[int]], kind_judge.Judge] = {}


def _fit_without(
    rounds: dict[int, list[Labelled]], dev: list[Labelled], left: frozenset[int]
) -> kind_judge.Judge:
    """A judge fitted on the development ideas and every round but `left` (fits reused: the
    weights do not depend on the bars)."""
    key = (tuple(sorted(rounds)), left)
    if key not in _fits:
        data = dev + [d for q, ds in rounds.items() if q not in left for d in ds]
        _fits[key] = fit(data, 0.5, 0.5)
    return _fits[key]


def _proxy(
    d: Labelled, scores: np.ndarray, mode: str, bars: tuple[float, float, float]
) -> tuple[int, int]:
    """(whole, covered) of one idea's kinds as the judge would choose them at `bars`
    (threshold, kept, sure), judged by the candidates' labels alone (no plan made): the inner
    folds' quick measure. The gate's added nouns face its vetoes, the softer ones under `sure`."""
    t, k, u = bars
    n = range(len(d.labels))
    if mode == "gate":
        extra = [i for i in n if not d.ruled[i] and scores[i] >= t and not _gated(d, i, scores, u)]
        chosen = [i for i in n if d.ruled[i] and scores[i] >= k]
        chosen = (chosen + sorted(extra, key=lambda i: -scores[i]))[:8]
        chosen = chosen or [i for i in n if d.ruled[i]]
    else:
        ok = [i for i in n if scores[i] >= t and not (mode == "vetoed" and d.refused[i])]
        chosen = sorted(ok, key=lambda i: -scores[i])[:8] or [i for i in n if d.ruled[i]]
    found: set[int] = set().union(*(d.groups[i] for i in chosen)) if chosen else set()
    covered = found >= set(range(len(d.case.expect)))
    return int(covered and not any(d.labels[i] == 0 for i in chosen)), int(covered)


def _gated(d: Labelled, i: int, scores: np.ndarray, sure: float) -> bool:
    return d.gated[i][1] if scores[i] >= sure else d.gated[i][0]


def nested_bars(
    rounds: dict[int, list[Labelled]],
    dev: list[Labelled],
    outer: int | None,
    mode: str,
    bars: tuple[float, float, float],
) -> tuple[float, float]:
    """The (threshold, kept) that do best (whole plans, then coverage) in leave-one-round-out
    inside the training rounds of fold `outer` (the held-out round is never looked at), or of
    all the rounds when `outer` is None (the shipped judge's). A bar of 0 or less in `bars`
    is chosen from its grid, any other is kept; `kept` only matters to the gate."""
    t, k, u = bars
    ts = GRID if t <= 0 else (t,)
    ks = KEPT_GRID if k <= 0 and mode == "gate" else (k if k > 0 else 0.25,)
    totals = {(a, b): [0, 0] for a in ts for b in ks}
    for q in rounds:
        if q == outer:
            continue
        judge = _fit_without(rounds, dev, frozenset({q} if outer is None else {outer, q}))
        for d in rounds[q]:
            if not d.case.record_app or not len(d.rows):
                continue
            scores = judge.scores(d.rows.astype(np.float64))
            for a, b in totals:
                whole, covered = _proxy(d, scores, mode, (a, b, u))
                totals[a, b][0] += whole
                totals[a, b][1] += covered
    return max(totals, key=lambda ab: (*totals[ab], -abs(ab[0] - 0.5), -ab[1]))


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


def load_rounds(train_rounds: tuple[int, ...]) -> tuple[list[Labelled], dict[int, list[Labelled]]]:
    """The labelled development ideas, and each training round's labelled ideas."""
    dev = [labelled(c) for c in own_ideas()]
    return dev, {r: [labelled(c) for c in load_ideas(ideas_path(r))] for r in train_rounds}


def cross_validate(
    thresholds: list[tuple[str, float, float, float]],
    rules: bool = True,
    only: tuple[int, ...] = ROUNDS,
    train_rounds: tuple[int, ...] = ROUNDS,
) -> None:
    """Leave-one-round-out over the training rounds, planning (and printing) the rounds `only`,
    in that order (the freshest first, when time is short)."""
    dev, rounds = load_rounds(train_rounds)
    print(
        "| round | ideas | rules: whole / coverage / precision | "
        + " | ".join(f"{column_label(*c)}: whole / coverage / precision" for c in thresholds)
        + " |"
    )
    totals: dict[str, list[PlanVerdict]] = {"rules": []}
    for r in only:
        weights = _fit_without(rounds, dev, frozenset({r}))
        cases = [d.case for d in rounds[r]]
        base = [judge_plan(c, answer(c, judged=False)) for c in cases] if rules else []
        totals["rules"] += base
        cells = [_cell(row(base)) if base else "-"]
        for m, t, k, u in thresholds:
            label = column_label(m, t, k, u)
            if t <= 0 or k <= 0:  # chosen by nested cross-validation on the training rounds
                t, k = nested_bars(rounds, dev, r, m, (t, k, u))
                print(f"round {r}: {m} threshold {t}, kept {k} (nested)", flush=True)
            with kind_judge.judging(barred(weights, t, k, u), kind_modes.chooser(m)):
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


def column_label(mode: str, t: float, k: float, u: float) -> str:
    said = [("nested" if bar <= 0 else str(bar)) for bar in (t, k)]
    return f"{mode} {said[0]}/{said[1]}/{u}"


def _cell(figs: tuple[int, int, int, int, int, list[float]]) -> str:
    n, clean, covered, wanted, named, _ = figs
    return f"{pct(clean, n)} / {pct(covered, n)} / {pct(wanted, named)}"


def shipped_bars() -> tuple[float, float, float]:
    """(threshold, kept, sure) of the shipped `kind_judge.json`: `train`'s defaults, so a
    retrain by the command its file records keeps the bars it ships (1.0, off, for a file
    without `sure`)."""
    import json

    data = json.loads(kind_judge.WEIGHTS.read_text(encoding="utf-8"))
    return float(data["threshold"]), float(data["kept"]), float(data.get("sure", 1.0))


def round_list(spec: str) -> tuple[int, ...]:
    """Rounds from "3-24" or "3-17,20,22" (ranges inclusive), each once, in order."""
    found: set[int] = set()
    for part in spec.split(","):
        lo, _, hi = part.strip().partition("-")
        found.update(range(int(lo), int(hi or lo) + 1))
    return tuple(sorted(found))


def round_spec(rounds: tuple[int, ...]) -> str:
    """The shortest "3-17,20" saying `rounds` (`round_list`'s inverse)."""
    runs: list[list[int]] = []
    for r in sorted(rounds):
        if runs and r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    return ",".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def made_by(
    threshold: float, kept: float, mode: str, sure: float, rounds: tuple[int, ...] = ROUNDS
) -> str:
    """The command that writes these weights again, every bar and the training rounds said."""
    bars = f"--threshold {threshold} --kept {kept} --sure {sure} --mode {mode}"
    return f"python -m bench.train_kinds train {bars} --train-rounds {round_spec(rounds)}"


def train(
    threshold: float, kept: float, mode: str, sure: float = 1.0, rounds: tuple[int, ...] = ROUNDS
) -> None:
    """Fit on the training rounds and the development ideas; a threshold or `kept` of 0 or less
    is chosen by leave-one-round-out over the rounds (`nested_bars`)."""
    dev, labelled_rounds = load_rounds(rounds)
    data = dev + [d for r in rounds for d in labelled_rounds[r]]
    if threshold <= 0 or kept <= 0:
        threshold, kept = nested_bars(labelled_rounds, dev, None, mode, (threshold, kept, sure))
        print(f"threshold {threshold}, kept {kept}: chosen by leave-one-round-out", flush=True)
    judge = fit(data, threshold, kept, sure)
    positives = int(sum((d.labels == 1).sum() for d in data))
    negatives = int(sum((d.labels == 0).sum() for d in data))
    spec = round_spec(rounds)
    about: dict[str, Any] = {
        "what": "logistic regression: is a candidate noun of an idea a record kind",
        "made_by": made_by(threshold, kept, mode, judge.sure, rounds),
        "data": f"bench/heldout/ideas_rN.toml for rounds {spec}, bench/dev_ideas*.toml, "
        "bench/kind_context_ideas.toml, bench/kind_trade_ideas.toml",
        "candidates": {"record_kinds": positives, "not": negatives},
        "penalty": PENALTY,
        "mode": mode,
        "threshold": threshold,
        "kept": kept,
        "sure": judge.sure,
        "measured": f"leave-one-round-out on rounds {spec}: docs/benchmarks.md",
    }
    import json

    text = json.dumps(judge.to_json(about), indent=1) + "\n"
    kind_judge.WEIGHTS.write_text(text, encoding="utf-8")
    print(f"wrote {kind_judge.WEIGHTS.name}: {positives} kinds, {negatives} not")


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


# Sets of our own written before a session's change and never trained on: a check out of sample.
PITCHES = (
    Path(__file__).with_name("kind_pitch_ideas_held.toml"),
    Path(__file__).with_name("kind_pitch_ideas_s20.toml"),
)


def pitches(verbose: bool = False) -> None:
    """Plan each never-trained-on pitch set with the rules alone and with the shipped judge."""
    for path in PITCHES:
        cases = load_dev_ideas((path,))
        for judged in (False, True):
            verdicts = [judge_plan(c, answer(c, judged=judged)) for c in cases]
            print(show(f"{path.stem} {'judged' if judged else 'rules'}", row(verdicts)))
            for v in verdicts if verbose and judged else []:
                print(f"  {v.case.id}: {v.kinds} missed {v.missed} junk {v.junk}")


def arguments() -> argparse.ArgumentParser:
    """The command line; `train`'s bars default to the shipped ones (`shipped_bars`)."""
    threshold, kept, sure = shipped_bars()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("cv", "train", "time", "pitches"))
    # Each "[MODE:]T/K": a noun the rules did not choose is kept from T up, one they chose from
    # K up; MODE is gate (the default, what ships), vetoed or alone (kind_modes.MODES).
    parser.add_argument("--thresholds", default="0.5/0.5")
    parser.add_argument("--threshold", type=float, default=threshold)
    parser.add_argument("--kept", type=float, default=kept)
    # A noun the judge scores this or more passes the rules' softer vetoes (1: never).
    parser.add_argument("--sure", type=float, default=sure)
    parser.add_argument("--mode", default="gate", choices=kind_judge.MODES)  # what ships
    parser.add_argument("--without-rules", action="store_true", help="skip the rules' column")
    parser.add_argument("--verbose", action="store_true", help="pitches: each plan's kinds")
    parser.add_argument("--rounds", default="", help="cv: the rounds to plan, e.g. 24,23")
    parser.add_argument(
        "--train-rounds",
        type=round_list,
        default=ROUNDS,
        help=f"the spent rounds trained on, e.g. 3-17 ({round_spec(ROUNDS)} unless told)",
    )
    return parser


def main() -> None:
    parser = arguments()
    args = parser.parse_args()
    warm_offline_reader()
    if not set(args.train_rounds) <= set(SPENT):
        parser.error(f"--train-rounds: the spent rounds are {round_spec(SPENT)}")
    if args.what == "cv":
        columns = []
        for spec in args.thresholds.split(","):
            mode, _, pair = spec.rpartition(":")
            t, _, rest = pair.partition("/")
            k, _, u = rest.partition("/")  # "0.6/0.25/0.85": threshold, kept, sure
            # "gate:nested/nested/0.85": the threshold and kept are chosen per fold
            bars = (_bar(t), _bar(k or "0.25"), float(u or 1.0))
            columns.append((mode or "gate", *bars))
        only = tuple(int(r) for r in args.rounds.split(",") if r) or args.train_rounds
        if not set(only) <= set(args.train_rounds):
            parser.error(f"--rounds: the training rounds are {round_spec(args.train_rounds)}")
        cross_validate(columns, not args.without_rules, only, args.train_rounds)
    elif args.what == "time":
        cpu_per_plan()
    elif args.what == "pitches":
        pitches(args.verbose)
    else:
        train(args.threshold, args.kept, args.mode, args.sure, args.train_rounds)


def _bar(said: str) -> float:
    """A bar as `cv` is told it: a number, or "nested" (-1: chosen per fold)."""
    return -1.0 if said == "nested" else float(said)


if __name__ == "__main__":
    main()
