"""Where a throughput round's wall time went, from what the builds recorded themselves.

Each worker runs one build at a time, so its share of a round's wall time is its builds
back to back plus the waits between them (the queue handing it the next job). Inside a
build, the stages' own work (`stage_runs`), the pictures after them (from a stage's
"finished" line to its picture's last line, the browser's share being the "took N ms"
line, of which the wait in the screenshot service's queue is what its own time, said on
the same line, leaves) and the rest (starting, announcements, the version stored at the end).
"""

from __future__ import annotations

import re
import statistics
from datetime import datetime
from typing import Any

import psycopg

# A build's technical log lines around each picture.
FINISHED = re.compile(r"^\[(\w+)\] finished in ")
TOOK = re.compile(r"^screenshot after (\w+) took (\d+) ms(?: \(the browser (\d+) ms of it\))?")
PICTURE_DONE = re.compile(r"^screenshot after (\w+) (stored|unchanged)")


def _pictures(lines: list[tuple[datetime, str]]) -> tuple[float, float, float | None]:
    """Seconds from each shown stage's end to its picture's last line, the browser's
    share of them (its "took" lines), and of that the wait in the service's queue (None
    when no line said the service's own time: a browser in the worker's process, or a
    livebuild from before the lines said it)."""
    ended: dict[str, datetime] = {}
    span = took = 0.0
    queue: float | None = None
    for ts, line in lines:
        if m := FINISHED.match(line):
            ended[m[1]] = ts
        elif m := TOOK.match(line):
            took += int(m[2]) / 1000
            if m[3] is not None:
                queue = (queue or 0.0) + max(0, int(m[2]) - int(m[3])) / 1000
        elif (m := PICTURE_DONE.match(line)) and m[1] in ended:
            span += (ts - ended.pop(m[1])).total_seconds()
    return span, took, queue


def round_timeline(database_url: str, jobs: list[str], wall_s: float) -> dict[str, float]:
    """Seconds a worker spent, on average over the workers of the round: in builds, in
    their stages' work, in pictures (and the browser's share), in the rest of a build,
    and waiting between builds (the wall time its builds did not fill)."""
    with psycopg.connect(database_url) as db:
        rows = db.execute(
            "SELECT id, started_at, finished_at, worker_id FROM jobs WHERE id = ANY(%s)",
            (jobs,),
        ).fetchall()
        stages = db.execute(
            "SELECT coalesce(sum(duration_s), 0) FROM stage_runs WHERE job_id = ANY(%s)",
            (jobs,),
        ).fetchone()
        lines = db.execute(
            "SELECT job_id, ts, line FROM job_logs WHERE job_id = ANY(%s) ORDER BY id", (jobs,)
        ).fetchall()
    by_job: dict[str, list[tuple[datetime, str]]] = {}
    for job_id, ts, line in lines:
        by_job.setdefault(job_id, []).append((ts, line))
    workers = {row[3] for row in rows} or {None}
    in_builds = sum(
        (finished - started).total_seconds() for _, started, finished, _ in rows if finished
    )
    span = took = 0.0
    queue: float | None = None
    for job_lines in by_job.values():
        s, t, q = _pictures(job_lines)
        span, took = span + s, took + t
        if q is not None:
            queue = (queue or 0.0) + q
    n = len(workers)
    stage_s = float(stages[0]) if stages is not None else 0.0
    went = {
        "in_builds_s": round(in_builds / n, 2),
        "stages_s": round(stage_s / n, 2),
        "pictures_s": round(span / n, 2),
        "browser_s": round(took / n, 2),
        "rest_s": round((in_builds - stage_s - span) / n, 2),
        "between_s": round(wall_s - in_builds / n, 2),
    }
    if queue is not None:
        went["queue_s"] = round(queue / n, 2)
    return went


def summary(values: list[float]) -> dict[str, Any]:
    """The median of repeated measurements and their spread (lowest, highest)."""
    return {
        "median": round(statistics.median(values), 3),
        "low": round(min(values), 3),
        "high": round(max(values), 3),
        "all": [round(v, 3) for v in values],
    }
