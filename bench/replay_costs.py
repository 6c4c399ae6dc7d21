"""What each recorded change reading cost the model server: CPU seconds, tokens, peak memory.

`bench.replay_changes record` keeps them beside its answers (`FILE.costs.json`), read from the
server's own counts (`calls.jsonl`, one line a call) and its peak resident memory (`VmHWM`),
so models are compared by what a request costs, not by wall time on shared cores. The file
holds no request's reading, only counts: a held half's costs may be printed.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from bench.local_plan import _peak_rss_mb, _percentile
from livebuild.providers.local.counts import Call, read_calls
from livebuild.providers.local.gguf import NotGGUF, describe, read_metadata


def costs_path(answers: Path) -> Path:
    return answers.with_name(answers.name.removesuffix(".json") + ".costs.json")


def load(answers: Path) -> dict[str, Any]:
    path = costs_path(answers)
    kept: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    kept.setdefault("requests", {})
    return kept


def model_name(model: Path) -> str:
    try:
        return describe(read_metadata(model))
    except (NotGGUF, OSError):
        return model.name


class Counter:
    """The calls the server adds while one request is read, and its peak memory so far."""

    def __init__(self, calls: Path, pid: int) -> None:
        self.calls, self.pid = calls, pid
        self.seen = len(read_calls(calls))

    def take(self) -> dict[str, Any]:
        every = read_calls(self.calls)
        if len(every) < self.seen:  # the file started again (past its bound)
            self.seen = 0
        mine: list[Call] = every[self.seen :]
        self.seen = len(every)
        return {
            "calls": len(mine),
            "cpu_s": round(sum(c.cpu_s for c in mine), 2),
            "prompt": sum(c.prompt for c in mine),
            "cached": sum(c.cached for c in mine),
            "wrote": sum(c.wrote for c in mine),
            "stopped": sum(c.ended != "done" for c in mine),
        }

    def peak_rss_mb(self) -> float:
        return round(_peak_rss_mb(self.pid), 1)


def summary(kept: dict[str, Any]) -> str:
    rows = [r for r in kept["requests"].values() if r.get("calls")]
    if not rows:
        return "no costs recorded"
    cpu = [float(r["cpu_s"]) for r in rows]
    prompt = [float(r["prompt"] - r["cached"]) for r in rows]
    wrote = [float(r["wrote"]) for r in rows]
    return (
        f"{kept.get('model', '?')}: {len(rows)} requests; CPU-s a request p50 "
        f"{statistics.median(cpu):.1f}, mean {statistics.fmean(cpu):.1f}, p95 "
        f"{_percentile(cpu, 0.95):.1f}; prompt tokens read p50 {statistics.median(prompt):.0f}; "
        f"tokens written p50 {statistics.median(wrote):.0f}, p95 {_percentile(wrote, 0.95):.0f}; "
        f"server peak RSS {kept.get('peak_rss_mb', 0):.0f} MB"
    )
