"""The rules' plan and change readers on every idea and change request of spent rounds 3-23:
what each answers, kept once and checked unchanged after a speed-up, and the CPU time each
takes (`time.process_time`, not wall time: the machine is shared).

    python -m bench.reader_speed record FILE   # every answer and its CPU time, kept in FILE
    python -m bench.reader_speed check FILE [plan|change]  # the same answers now? CPU now
    python -m bench.reader_speed profile plan|change [ROUNDS]  # cProfile, CPU time, top 30

An answer is the plan (or the plain refusal) for an idea, and for a change request the plan
after it with every line said back (made, unmade, suggestions). Each round's base apps are
made by the product in-process, as `bench.understanding` makes them. Round 24 on is held out
and never read here.
"""

from __future__ import annotations

import asyncio
import cProfile
import functools
import json
import pstats
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench.replay_changes import _plans
from bench.understanding import changes_path, ideas_path, load_changes, load_ideas, percentile
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief
from livebuild.brief.plan import offline_plan, warm_offline_reader

ROUNDS = tuple(range(3, 24))  # spent rounds only; 24 is held out


def _plan_answer(idea: str) -> Any:
    try:
        return offline_plan(idea).to_dict()
    except Exception as refusal:  # a plain 422 is an answer too
        return f"{type(refusal).__name__}: {refusal}"


def _change_answer(brief: Brief, request: str) -> Any:
    result = apply_change(brief, request)
    return {"brief": result.brief.to_dict(), **result.notes()}


def _timed(read: Callable[[], Any]) -> tuple[Any, float]:
    started = time.process_time()
    answer = read()
    return answer, time.process_time() - started


def _items(
    rounds: tuple[int, ...], readers: tuple[str, ...] = ("plan", "change")
) -> Iterator[tuple[str, str, Callable[[], Any]]]:
    """(reader, key, read) for each idea and change request of `rounds`."""
    for round_ in rounds if "plan" in readers else ():
        for case in load_ideas(ideas_path(round_)):
            yield "plan", f"r{round_}/{case.id}", functools.partial(_plan_answer, case.text)
    for round_ in rounds if "change" in readers else ():
        path = changes_path(round_)
        if not path.exists():
            continue
        bases, changes = load_changes(path)
        plans = asyncio.run(_plans(bases))
        for change in changes:
            brief = Brief.from_dict(plans[change["base"]])
            key = f"r{round_}/{change['id']}"
            yield "change", key, functools.partial(_change_answer, brief, change["text"])


def run(
    rounds: tuple[int, ...] = ROUNDS, readers: tuple[str, ...] = ("plan", "change")
) -> dict[str, Any]:
    """Every answer of `rounds` by its key, and each reader's CPU seconds per item."""
    warm_offline_reader()
    _plan_answer("A reading log for a book club: books, members, meetings.")  # warm-up
    answers: dict[str, Any] = {}
    cpu: dict[str, list[float]] = {reader: [] for reader in readers}
    for reader, key, read in _items(rounds, readers):
        answers[f"{reader} {key}"], spent = _timed(read)
        cpu[reader].append(spent)
    return {"answers": answers, "cpu_s": cpu}


def cpu_line(cpu: dict[str, list[float]]) -> str:
    return "; ".join(
        f"{reader} CPU ms p50 / p95 {1000 * percentile(s, 0.5):.1f} / "
        f"{1000 * percentile(s, 0.95):.1f} ({len(s)} items, {sum(s):.1f} s)"
        for reader, s in cpu.items()
    )


def check(kept: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """The keys whose answer is not what was kept (or is missing either side), of the readers
    run `now`."""
    is_ = json.loads(json.dumps(now["answers"]))
    was = {k: v for k, v in kept["answers"].items() if k.split()[0] in now["cpu_s"]}
    return sorted(k for k in set(was) | set(is_) if was.get(k) != is_.get(k))


def profile(reader: str, rounds: tuple[int, ...]) -> None:
    warm_offline_reader()
    items = [read for _, _, read in _items(rounds, (reader,))]
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for read in items:
        read()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[0] not in ("record", "check", "profile"):
        raise SystemExit(__doc__)
    if argv[0] == "profile":
        rounds = tuple(int(r) for r in argv[2:]) or (19, 20, 21, 22, 23)
        if any(r not in ROUNDS for r in rounds):
            raise SystemExit("spent rounds only: 3 to 23")
        profile(argv[1], rounds)
        return
    path = Path(argv[1])
    readers = tuple(argv[2:]) or ("plan", "change")
    now = run(ROUNDS, readers)
    print(cpu_line(now["cpu_s"]))
    if argv[0] == "record":
        path.write_text(json.dumps(now))
        return
    kept = json.loads(path.read_text())
    print("before:", cpu_line(kept["cpu_s"]))
    changed = check(kept, now)
    print(f"{len(changed)} of {len(now['answers'])} answers changed: {changed[:20]}")
    if changed:
        raise SystemExit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
