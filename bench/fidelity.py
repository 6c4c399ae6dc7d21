"""Idea fidelity: does the offline plan keep the things the founder's idea is about?

Runs the corpus in `fidelity_corpus.toml` through the offline planner and reports the share of
ideas whose plan covers every core thing (or refuses when it should), and how long planning a
2,000-character idea takes.
"""

from __future__ import annotations

import statistics
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from livebuild.brief.plan import offline_plan
from livebuild.core.errors import LivebuildError

CORPUS = Path(__file__).with_name("fidelity_corpus.toml")
TIMING_RUNS = 200

_LONG_IDEA = (
    "We run a small bike repair shop in Leeds and everything lives in a paper diary and a "
    "spreadsheet that only one of us understands. I want an app to track parts, repair jobs and "
    "customer bikes. Each repair job has a customer, a bike, a due date, a price and a status so "
    "we can see what is waiting for parts and what is ready for collection. Parts have a supplier, "
    "a cost, a count in stock and a reorder level, and when a job uses a part the count should go "
    "down. Customer bikes have a make, a model, a frame size and notes about previous repairs. "
)


@dataclass(frozen=True)
class Outcome:
    idea: str
    ok: bool
    detail: str


def load_corpus(path: Path = CORPUS) -> list[dict[str, object]]:
    with path.open("rb") as handle:
        ideas: list[dict[str, object]] = tomllib.load(handle)["idea"]
    return ideas


def _refusal(idea: str) -> str | None:
    try:
        offline_plan(idea)
    except LivebuildError as error:
        return str(getattr(error, "reason", "refused"))
    return None


def judge(entry: dict[str, object]) -> Outcome:
    idea = str(entry["text"])
    if "refuse" in entry:
        reason = _refusal(idea)
        return Outcome(idea, reason == entry["refuse"], f"refused: {reason}")
    try:
        brief = offline_plan(idea)
    except LivebuildError as error:
        return Outcome(idea, False, f"refused: {error}")
    names = [f"{e.singular} {e.plural}".lower() for e in brief.entities]
    expected = [str(item) for item in entry["expect"]]  # type: ignore[attr-defined]
    missing = [
        item
        for item in expected
        if not any(alt.strip() in name for alt in item.split("|") for name in names)
    ]
    shown = ", ".join(e.plural for e in brief.entities)
    return Outcome(idea, not missing, f"{shown}" + (f" (missing {missing})" if missing else ""))


def judge_all() -> list[Outcome]:
    return [judge(entry) for entry in load_corpus()]


def timing_p95_ms(clock: Callable[[], float] = time.perf_counter) -> float:
    """p95 of planning a 2,000-character idea, in ms of `clock` (wall time, or CPU time with
    `time.process_time` on a machine whose cores are shared)."""
    long_idea = (_LONG_IDEA * 6)[:2000]
    offline_plan(long_idea)  # the English pipeline loads once per process
    timings: list[float] = []
    for i in range(TIMING_RUNS):
        # A different idea each time so no cache or hash of a previous run helps.
        idea = f"{long_idea[:-6]} #{i:04d}"
        started = clock()
        offline_plan(idea)
        timings.append((clock() - started) * 1000)
    return statistics.quantiles(timings, n=20)[18]


def run() -> dict[str, float]:
    outcomes = judge_all()
    covered = sum(o.ok for o in outcomes)
    return {
        "ideas": len(outcomes),
        "covered": covered,
        "share": covered / len(outcomes),
        "p95_ms": timing_p95_ms(),
        "cpu_p95_ms": timing_p95_ms(time.process_time),
    }


if __name__ == "__main__":
    for outcome in judge_all():
        print("ok  " if outcome.ok else "MISS", outcome.idea[:60].ljust(60), "→", outcome.detail)
    print(run())
