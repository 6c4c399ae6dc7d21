"""Train the learned judge of plain answers (`livebuild/brief/plain_judge.py`) and measure it.

    python -m bench.train_plain train     # fit, choose the thresholds, write plain_judge.json
    python -m bench.train_plain measure   # the shipped judge on the sets it was never fit on

Data: the spent rounds 3-13 (`heldout/ideas_rN.toml`), the development ideas and the ideas
written for it (`plain_ideas.toml`). Never read: rounds 14 and later (measured only, by
`measure`), and `plain_ideas_held.toml` (measured only).

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
from livebuild.brief.record_app import _ruled, evidence
from livebuild.english.idea import read_once

ROUNDS = tuple(range(3, 14))  # trained on; 14-16 are measured, 17 and later never read
MEASURED = (14, 15, 16)
OWN = Path(__file__).with_name("plain_ideas.toml")
HELD = Path(__file__).with_name("plain_ideas_held.toml")
PENALTY = 20.0
STEPS = 30
FOLDS = 5
# How far past the nearest training idea of the other class a threshold sits.
MARGIN = 0.02


@dataclass(frozen=True)
class Idea:
    text: str
    plain: bool  # not a record-keeping app
    group: str  # ideas of one group are left out together
    row: np.ndarray
    ruled: bool  # the rules alone answer it plainly
    said: plain_judge.Evidence  # what the rules read of it

    @property
    def asked(self) -> bool:
        """Whether the judge alone may answer it plainly."""
        said = self.said
        return not (said.worded or said.settled or said.counted or not said.things)


def idea(text: str, plain: bool, group: str) -> Idea:
    read = read_once(text)
    _, things = _chosen(read, None)
    domain = app_domain(read, things)
    said = evidence(read.english, things, domain)
    ruled = said.keeps is False and _ruled(read.english, things, domain) is not None
    row = plain_judge.features(read.english, said)
    return Idea(text, plain, group, row, ruled, said)


def own(path: Path, group: str) -> list[Idea]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    plain = [idea(t, True, f"{group}{n % FOLDS}") for n, t in enumerate(data["plain"])]
    return plain + [idea(t, False, f"{group}{n % FOLDS}") for n, t in enumerate(data["records"])]


def rounds(numbers: tuple[int, ...]) -> list[Idea]:
    return [
        idea(c.text, not c.record_app, f"r{r}") for r in numbers for c in load_ideas(ideas_path(r))
    ]


def training() -> list[Idea]:
    dev = [idea(c.text, not c.record_app, "dev") for c in load_dev_ideas()]
    return rounds(ROUNDS) + dev + own(OWN, "own")


def fit(data: list[Idea]) -> plain_judge.PlainJudge:
    """A logistic regression by Newton's method (L2 on standardised features): deterministic."""
    x = np.stack([d.row for d in data])
    y = np.array([float(d.plain) for d in data])
    made = logistic.fit(x, y, PENALTY, STEPS, flat=1e-6, clip=50.0)
    return plain_judge.PlainJudge(made.mean, made.scale, made.weights, made.bias, 0.5, 0.0)


def out_of_fold(data: list[Idea]) -> np.ndarray:
    """Each idea's score by a judge fit without its group."""
    scores = np.zeros(len(data))
    for group in sorted({d.group for d in data}):
        judge = fit([d for d in data if d.group != group])
        for n, d in enumerate(data):
            if d.group == group:
                scores[n] = judge.score(d.row)
    return scores


def thresholds(data: list[Idea], scores: np.ndarray) -> tuple[float, float, float]:
    """(plain, records, sure) from the out-of-fold scores: `plain` just above every record
    idea the judge alone may answer plainly, `records` just under every non-record idea the
    rules answer by meaning, `sure` just under every one they answer by its words."""
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
    return round(plain, 4), round(records, 4), round(sure, 4)


def report(label: str, data: list[Idea], judge: plain_judge.PlainJudge) -> dict[str, Any]:
    """Plain answers and refused record ideas, by the rules alone and with the judge."""
    plain = [d for d in data if d.plain]
    records = [d for d in data if not d.plain]

    def judged(d: Idea) -> bool:
        verdict = judge.verdict(d.said, judge.score(d.row))
        return d.ruled if verdict is None else verdict

    figures = {
        "plain": len(plain),
        "records": len(records),
        "rules_plain": sum(d.ruled for d in plain),
        "rules_refused": sum(d.ruled for d in records),
        "judge_plain": sum(judged(d) for d in plain),
        "judge_refused": sum(judged(d) for d in records),
    }
    print(
        f"{label}: plain {figures['rules_plain']} -> {figures['judge_plain']} of {len(plain)}; "
        f"record ideas refused {figures['rules_refused']} -> {figures['judge_refused']} "
        f"of {len(records)}",
        flush=True,
    )
    for d in records:
        if judged(d):
            print(f"   refused: {d.text[:90]!r} ({judge.score(d.row):.3f})")
    return figures


def train() -> None:
    data = training()
    scores = out_of_fold(data)
    plain, records, sure = thresholds(data, scores)
    print(f"thresholds: plain {plain}, records {records}, sure {sure} (out of fold)")
    asked = [(d, s) for d, s in zip(data, scores, strict=True) if d.asked]
    caught = sum(s >= plain for d, s in asked if d.plain)
    print(f"out of fold: {caught} of {sum(d.plain for d, _ in asked)} asked non-record ideas")
    fitted = fit(data)
    judge = dataclasses.replace(fitted, plain=plain, records=records, sure=sure)
    about = {
        "what": "logistic regression: an idea is not a record-keeping app",
        "made_by": "python -m bench.train_plain train",
        "data": "bench/heldout/ideas_r3..r13.toml, bench/dev_ideas*.toml, bench/plain_ideas.toml",
        "ideas": {"plain": sum(d.plain for d in data), "records": sum(not d.plain for d in data)},
        "penalty": PENALTY,
        "thresholds": "out of fold: plain above every record idea the words leave to it, "
        "records under every non-record idea the rules answer by meaning, sure under every one "
        "they answer by its words",
    }
    text = json.dumps(judge.to_json(about), indent=1) + "\n"
    plain_judge.WEIGHTS.write_text(text, encoding="utf-8")
    plain_judge.shipped.cache_clear()
    print(f"wrote {plain_judge.WEIGHTS.name}")


def measure() -> None:
    judge = plain_judge.shipped()
    for r in MEASURED:
        report(f"round {r}", rounds((r,)), judge)
    report("plain_ideas_held", own(HELD, "held"), judge)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("train", "measure"))
    args = parser.parse_args()
    train() if args.what == "train" else measure()


if __name__ == "__main__":
    main()
