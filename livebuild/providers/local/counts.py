"""What each call on the model server cost, counted: where a reading's time goes.

Wall times on shared cores say little (seven builds may share two); counts are steady. Each
call the server answers adds one line to `calls.jsonl` in its run dir: the task it was for
(a plan reading, a change reading, a step read ahead), its prompt tokens and how many of them
came from llama.cpp's cache (read before, by an earlier call or a read-ahead), the tokens it
wrote, the server's CPU seconds and llama.cpp's own milliseconds for reading and writing.
`python -m bench.understanding` sums them per task. The file is bounded: past `MOST_BYTES`
it starts again.
"""

from __future__ import annotations

import contextlib
import json
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# A task's name as the caller says it (`x-livebuild-task`): short, plain letters.
TASK_HEADER = "x-livebuild-task"
MOST_BYTES = 1_000_000
_TASK_CHARS = 20


@dataclass(frozen=True)
class Call:
    task: str
    prompt: int  # prompt tokens, cached ones included
    cached: int  # of them, taken from the cache (not read again)
    wrote: int  # tokens generated
    cpu_s: float  # the server's CPU seconds for the call (every thread)
    read_ms: float  # llama.cpp's time reading the uncached prompt
    write_ms: float  # llama.cpp's time writing
    # "done", or why it was stopped first ("timeout", "busy", "left": its caller stopped
    # waiting, its own deadline a moment before the server's): a stopped call's token
    # counts are llama.cpp's when it gave them, else 0; its CPU seconds are always counted.
    ended: str = "done"


def task_of(said: str | None) -> str:
    """The task a caller named, kept only when it is a short plain word ("" otherwise)."""
    text = (said or "")[:_TASK_CHARS]
    return text if text.replace("_", "").isalpha() else ""


def _int(timings: dict[str, Any], key: str) -> int:
    value = timings.get(key)
    return int(value) if isinstance(value, (int, float)) else 0


def _ms(timings: dict[str, Any], key: str) -> float:
    value = timings.get(key)
    return round(float(value), 1) if isinstance(value, (int, float)) else 0.0


def call_of(task: str, timings: dict[str, Any], cpu_s: float, ended: str = "done") -> Call:
    """A call's counts from llama.cpp's timings (`prompt_n` counts only the tokens read
    afresh; `cache_n` those taken from the cache)."""
    fresh, cached = _int(timings, "prompt_n"), _int(timings, "cache_n")
    return Call(
        task=task,
        prompt=fresh + cached,
        cached=cached,
        wrote=_int(timings, "predicted_n"),
        cpu_s=round(cpu_s, 2),
        read_ms=_ms(timings, "prompt_ms"),
        write_ms=_ms(timings, "predicted_ms"),
        ended=ended,
    )


def record(path: Path, call: Call) -> None:
    """Add `call` to the file at `path` (started again past `MOST_BYTES`); a write that
    fails costs nothing but the count."""
    with contextlib.suppress(OSError):
        if path.exists() and path.stat().st_size > MOST_BYTES:
            path.unlink()
        with path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(call)) + "\n")


def read_calls(path: Path) -> list[Call]:
    """The calls recorded at `path`; lines that aren't a call are skipped."""
    calls: list[Call] = []
    with contextlib.suppress(OSError):
        for line in path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError, TypeError):
                calls.append(Call(**json.loads(line)))
    return calls


def summary(calls: list[Call]) -> dict[str, dict[str, float]]:
    """Per task: how many calls and how many were stopped, and the median and 95th
    percentile of each count (of the calls that ended, but CPU seconds of them all)."""
    out: dict[str, dict[str, float]] = {}
    for task in sorted({c.task for c in calls}):
        every = [c for c in calls if c.task == task]
        mine = [c for c in every if c.ended == "done"] or every
        row: dict[str, float] = {
            "calls": float(len(every)),
            "stopped": float(sum(c.ended != "done" for c in every)),
            "cpu_s_sum": sum(c.cpu_s for c in every),
        }
        for key in ("prompt", "cached", "wrote", "cpu_s"):
            values = sorted(float(getattr(c, key)) for c in mine)
            row[f"{key}_p50"] = statistics.median(values)
            row[f"{key}_p95"] = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        row["fresh_p50"] = statistics.median(c.prompt - c.cached for c in mine)
        out[task] = row
    return out
