"""Train the learned judge of record kinds (`livebuild/brief/kind_judge.py`) and measure it.

    python -m bench.train_kinds cv      [--thresholds 0.5/0.5,0.7/0.3]
    python -m bench.train_kinds train   [--threshold 0.5] [--kept 0.25]

Data: the spent held-out rounds 3 to 12 (`heldout/ideas_rN.toml`) and the development ideas.
Each candidate noun of a record idea (`kind_features.candidates`) is labelled by the bench's own
matcher (`understanding_names.kind_in_group`): a record kind when it stands for an `expect`
group, left out of training when it is only `allowed`, not a record otherwise.

`cv` is leave-one-round-out: for each round 3..12, train on the nine others (and the
development ideas), plan that round's ideas offline with and without the judge, and judge both
plans with the understanding bench's figures (whole plans, coverage, precision). `train` fits
on everything and writes `kind_judge.json`. Never reads round 13 or later.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from bench.understanding import ideas_path, load_dev_ideas, load_ideas
from bench.understanding_names import kind_in_group
from bench.understanding_plans import Answer, IdeaCase, PlanVerdict, figures, judge_plan
from livebuild.brief import kind_judge
from livebuild.brief.derive import _chosen
from livebuild.brief.kind_features import candidates, features
from livebuild.brief.plan import offline_plan, warm_offline_reader
from livebuild.brief.readable import UnreadableIdea
from livebuild.english.idea import read_once

ROUNDS = tuple(range(3, 13))  # spent rounds only: 13 and later are held out
# L2 penalty of the logistic regression (on standardised features) and its Newton steps.
PENALTY = 30.0
STEPS = 25


@dataclass
class Labelled:
    case: IdeaCase
    rows: np.ndarray  # one row a candidate
    labels: np.ndarray  # 1 record kind, 0 not, -1 only allowed (left out)


def labelled(case: IdeaCase) -> Labelled:
    read = read_once(case.text)
    _, things = _chosen(read, None)
    found = candidates(read.english, things) if case.record_app else []
    rows = features(read.english, things, found) if found else np.zeros((0, 0), np.float32)
    labels = []
    for cand in found:
        if any(kind_in_group(cand.names, g) for g in case.expect):
            labels.append(1)
        elif any(kind_in_group(cand.names, [a]) for a in case.allowed):
            labels.append(-1)
        else:
            labels.append(0)
    return Labelled(case, rows, np.array(labels, dtype=np.int8))


def fit(data: list[Labelled], threshold: float, kept: float) -> kind_judge.Judge:
    """A logistic regression by Newton's method: deterministic, a few seconds."""
    rows = np.concatenate([d.rows[d.labels >= 0] for d in data if len(d.rows)])
    y = np.concatenate([d.labels[d.labels >= 0] for d in data if len(d.rows)]).astype(np.float64)
    x = rows.astype(np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-3] = 1.0
    x = (x - mean) / scale
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad_w = x.T @ (p - y) + PENALTY * w
        grad_b = float(np.sum(p - y))
        s = p * (1 - p)
        xb = np.concatenate([x, np.ones((len(x), 1))], axis=1)
        hess = (xb * s[:, None]).T @ xb
        hess[:-1, :-1] += PENALTY * np.eye(len(w))
        step = np.linalg.solve(hess + 1e-9 * np.eye(len(w) + 1), np.append(grad_w, grad_b))
        w -= step[:-1]
        b -= float(step[-1])
    return kind_judge.Judge(mean, scale, w, b, threshold, kept)


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


def cross_validate(thresholds: list[tuple[float, float]], rules: bool = True) -> None:
    dev = [labelled(c) for c in load_dev_ideas()]
    rounds = {r: [labelled(c) for c in load_ideas(ideas_path(r))] for r in ROUNDS}
    print(
        "| round | ideas | rules: whole / coverage / precision | "
        + " | ".join(f"judge {t}/{k}: whole / coverage / precision" for t, k in thresholds)
        + " |"
    )
    totals: dict[str, list[PlanVerdict]] = {"rules": []}
    for r in ROUNDS:
        train = dev + [d for q in ROUNDS if q != r for d in rounds[q]]
        cases = [d.case for d in rounds[r]]
        base = [judge_plan(c, answer(c, judged=False)) for c in cases] if rules else []
        totals["rules"] += base
        cells = [_cell(row(base)) if base else "-"]
        for t, k in thresholds:
            with kind_judge.judging(fit(train, t, k)):
                judged = [judge_plan(c, answer(c, judged=True)) for c in cases]
            totals.setdefault(f"{t}/{k}", []).extend(judged)
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


def train(threshold: float, kept: float) -> None:
    data = [labelled(c) for c in load_dev_ideas()]
    data += [labelled(c) for r in ROUNDS for c in load_ideas(ideas_path(r))]
    judge = fit(data, threshold, kept)
    positives = int(sum((d.labels == 1).sum() for d in data))
    negatives = int(sum((d.labels == 0).sum() for d in data))
    about: dict[str, Any] = {
        "what": "logistic regression: is a candidate noun of an idea a record kind",
        "made_by": "python -m bench.train_kinds train",
        "data": "bench/heldout/ideas_r3..r12.toml and bench/dev_ideas*.toml",
        "candidates": {"record_kinds": positives, "not": negatives},
        "penalty": PENALTY,
        "measured": "leave-one-round-out on rounds 3-12: docs/benchmarks.md",
    }
    import json

    text = json.dumps(judge.to_json(about), indent=1) + "\n"
    kind_judge.WEIGHTS.write_text(text, encoding="utf-8")
    print(f"wrote {kind_judge.WEIGHTS.name}: {positives} kinds, {negatives} not")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("cv", "train"))
    # Each "T/K": a noun the rules did not choose is kept from T up, one they chose from K up.
    parser.add_argument("--thresholds", default="0.5/0.5")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--kept", type=float, default=0.25)
    parser.add_argument("--without-rules", action="store_true", help="skip the rules' column")
    args = parser.parse_args()
    warm_offline_reader()
    if args.what == "cv":
        pairs = [t.split("/") for t in args.thresholds.split(",")]
        cross_validate([(float(t), float(k)) for t, k in pairs], rules=not args.without_rules)
    else:
        train(args.threshold, args.kept)


if __name__ == "__main__":
    main()
