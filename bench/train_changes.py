"""Train the change-op judge (`livebuild/brief/change_op_judge.py`) and measure it.

    python -m bench.train_changes train     # fit, choose the thresholds, write change_op_judge.json
    python -m bench.train_changes measure   # the shipped judge on sets it was never fit on

Data: the spent rounds 3-14 (`heldout/changes_rN.toml`, each request labelled by its
`expect.op`) and the requests written for it (`own_ops_s18.toml`, on the bases of
`own_ops_bases_s18.toml`). Never fit on: rounds 15-17 and `own_ops_s18_held.toml` (measured
only, by `measure`); rounds 18 and later are never read.

Thresholds come from verdicts out of fold (each round, and each base of the own set, judged by a
judge fit without it): `cannot` (a request the rules read as nothing is declined) and
`overrule_cannot` (a change the rules made is undone and declined) are the least sureness at
and above which a can't verdict was right `TRUST` of the time; `overrule` (the rules' readers
are asked again for the judged op) the same for any verdict. The judge overrules the rules' op
only where it gives that op no more than `DOUBT`.
"""

from __future__ import annotations

import argparse
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.understanding_run import Base
from livebuild.brief import derive_brief
from livebuild.brief.change_op_judge import OPS, WEIGHTS, OpJudge, features, width
from livebuild.brief.change_op_policy import limit_meant
from livebuild.brief.model import Brief
from livebuild.brief.validate import merge_plan

HERE = Path(__file__).parent
ROUNDS = tuple(range(3, 15))  # fit on; 15-17 measured only; 18 and later never read
MEASURED = (15, 16, 17)
OWN = HERE / "own_ops_s18.toml"
HELD = HERE / "own_ops_s18_held.toml"
BASES = HERE / "own_ops_bases_s18.toml"
PENALTY = 1.0  # L2, on standardised features
STEPS = 400
RATE = 0.5


@dataclass(frozen=True)
class Request:
    text: str
    op: str
    group: str  # requests of one group are left out together
    brief: Brief


def _brief(base: Base, cache: dict[str, Brief]) -> Brief:
    if base.id not in cache:
        drafted = derive_brief(base.idea)
        cache[base.id] = merge_plan(drafted, base.brief(drafted.to_dict()))
    return cache[base.id]


def round_requests(number: int, cache: dict[str, Brief]) -> list[Request]:
    data = tomllib.loads((HERE / "heldout" / f"changes_r{number}.toml").read_text())
    bases = {b["id"]: Base.from_toml(b) for b in data["base"]}
    return [
        Request(c["text"], c["expect"]["op"], f"r{number}", _brief(bases[c["base"]], cache))
        for c in data["change"]
    ]


def _own_bases() -> dict[str, Base]:
    data = tomllib.loads(BASES.read_text())
    return {b["id"]: Base.from_toml(b) for b in data["base"]}


def own_requests(cache: dict[str, Brief]) -> list[Request]:
    """The own training set: `[base] op = [requests]`."""
    bases = _own_bases()
    data = tomllib.loads(OWN.read_text())
    found = []
    for base_id, ops in data.items():
        for op, texts in ops.items():
            if op not in OPS:
                raise SystemExit(f"{OWN.name}: {base_id}: unknown op {op!r}")
            brief = _brief(bases[base_id], cache)
            found += [Request(t, op, f"own-{base_id}", brief) for t in texts]
    return found


def held_requests(cache: dict[str, Brief]) -> list[Request]:
    bases = _own_bases()
    data = tomllib.loads(HELD.read_text())
    return [
        Request(c["text"], c["op"], "held", _brief(bases[c["base"]], cache)) for c in data["change"]
    ]


def rows(requests: list[Request]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([features(r.brief, r.text) for r in requests])
    y = np.array([OPS.index(r.op) for r in requests])
    return x, y


def fit(x: np.ndarray, y: np.ndarray) -> OpJudge:
    """Softmax regression with an L2 penalty, by full-batch gradient descent (Adam)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    n, k = z.shape[0], len(OPS)
    onehot = np.eye(k)[y]
    w, b = np.zeros((z.shape[1], k)), np.zeros(k)
    mw, vw, mb, vb = (np.zeros_like(a) for a in (w, w, b, b))
    for step in range(1, STEPS + 1):
        logits = z @ w + b
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        gw = z.T @ (p - onehot) / n + PENALTY * w / n
        gb = (p - onehot).mean(axis=0)
        for g, m, v, a in ((gw, mw, vw, w), (gb, mb, vb, b)):
            m[...] = 0.9 * m + 0.1 * g
            v[...] = 0.999 * v + 0.001 * g * g
            a -= RATE * 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return OpJudge(mean, scale, w, b, cannot=1.0, overrule=1.0)


def out_of_fold(requests: list[Request], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each request's likelihoods from a judge fit without its group."""
    groups = np.array([r.group for r in requests])
    found = np.zeros((len(requests), len(OPS)))
    for group in sorted(set(groups)):
        left = groups == group
        judge = fit(x[~left], y[~left])
        for i in np.flatnonzero(left):
            found[i] = list(judge.verdict(x[i]).likelihood.values())
    return found


def report(name: str, requests: list[Request], likelihood: np.ndarray, y: np.ndarray) -> None:
    best = likelihood.argmax(axis=1)
    right = float((best == y).mean())
    cannot = OPS.index("cannot")
    cants = y == cannot
    print(f"{name}: {len(y)} requests, op right {right:.0%}", end="")
    print(f"; can't-dos judged can't {float((best[cants] == cannot).mean()):.0%}", end="")
    print(f"; makeable judged can't {float((best[~cants] == cannot).mean()):.1%}")


def train(oof_path: str = "") -> None:
    cache: dict[str, Brief] = {}
    requests = [r for n in ROUNDS for r in round_requests(n, cache)] + own_requests(cache)
    x, y = rows(requests)
    oof = out_of_fold(requests, x, y)
    if oof_path:
        found = [
            {"text": r.text, "group": r.group, "p": list(map(float, row))}
            for r, row in zip(requests, oof, strict=True)
        ]
        Path(oof_path).write_text(json.dumps(found), encoding="utf-8")
    report("out of fold, rounds 3-14 + own set", requests, oof, y)
    judge = fit(x, y)
    acted = np.array([limit_meant(r.text) is not None for r in requests])
    bars = thresholds(oof, y, acted)
    judge = OpJudge(judge.mean, judge.scale, judge.weights, judge.bias, *bars, doubt=DOUBT)
    about = {
        "what": "softmax regression: the op a change request asks for",
        "made_by": "python -m bench.train_changes train",
        "data": "bench/heldout/changes_r3..r14.toml, bench/own_ops_s18.toml",
        "requests": len(requests),
        "penalty": PENALTY,
        "thresholds": "out of fold: the least sureness at which the verdicts were right "
        f"{TRUST} of the time",
    }
    WEIGHTS.write_text(json.dumps(judge.to_json(about), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS.name}: cannot, overrule, overrule_cannot {bars}")


# How often the judge's verdict must have been right out of fold, at and above a threshold.
TRUST = {"cannot": 0.96, "overrule": 0.94, "overrule_cannot": 0.985}
# The most likely the rules' own op may be, out of the judge's likelihoods, to be overruled.
DOUBT = 0.02
LEAST = 20  # verdicts a threshold is measured on, at the least


def _bar(sure: np.ndarray, right: np.ndarray, trust: float) -> float:
    """The least sureness at and above which the verdicts were right `trust` of the time."""
    for t in np.arange(0.3, 0.995, 0.01):
        kept = sure >= t
        if kept.sum() >= LEAST and float(right[kept].mean()) >= trust:
            return round(float(t), 3)
    return 0.995


def thresholds(oof: np.ndarray, y: np.ndarray, acted: np.ndarray) -> tuple[float, float, float]:
    """`cannot` and `overrule_cannot`: the least sureness at which a can't verdict out of fold
    was right `TRUST` of the time (the second stricter: it undoes a change the rules made),
    counting only the can't verdicts the policy acts on (`acted`: the request names a limit,
    `change_op_policy.limit_meant`, not only a detail named after one); `overrule`: the same
    for any verdict."""
    cannot = OPS.index("cannot")
    best, sure = oof.argmax(axis=1), oof.max(axis=1)
    said = (best == cannot) & acted
    right = best == y
    return (
        _bar(sure[said], right[said], TRUST["cannot"]),
        _bar(sure, right, TRUST["overrule"]),
        _bar(sure[said], right[said], TRUST["overrule_cannot"]),
    )


def measure() -> None:
    from livebuild.brief.change_op_judge import shipped

    judge = shipped()
    cache: dict[str, Brief] = {}
    sets = {f"round {n}": round_requests(n, cache) for n in MEASURED}
    sets["own held part"] = held_requests(cache)
    for name, requests in sets.items():
        x, y = rows(requests)
        likelihood = np.array([list(judge.verdict(row).likelihood.values()) for row in x])
        report(name, requests, likelihood, y)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("train", "measure"))
    parser.add_argument("--oof", default="", help="write the out-of-fold likelihoods here")
    args = parser.parse_args(argv)
    assert width() > 0
    train(args.oof) if args.what == "train" else measure()


if __name__ == "__main__":
    main()
