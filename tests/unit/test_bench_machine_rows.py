"""The machine benchmark's table says the 1 → 2 ratio and where each build's CPU went."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest

from bench.machine_procs import Proc, browser_part, cpu_delta, outside
from bench.machine_rows import machine_rows
from bench.machine_timeline import _pictures, summary


def test_browser_processes_are_told_apart_by_their_command_line() -> None:
    chrome = "/usr/lib/chromium/chromium --headless --no-sandbox"
    assert browser_part(chrome) == "browser main"
    assert browser_part(chrome + " --type=renderer --lang=en-US") == "renderers"
    assert browser_part(chrome + " --type=zygote") == "renderers"
    assert browser_part(chrome + " --type=utility --utility-sub-type=network") == "browser other"
    node = "/venv/playwright/driver/node /venv/playwright/driver/package/cli.js run-driver"
    assert browser_part(node) == "driver"
    service = "/venv/bin/python -m livebuild.screenshots.shared_process --chromium x"
    assert browser_part(service) == "screenshot service"


def test_a_part_that_ended_between_snapshots_counts_nothing_not_less_than_nothing() -> None:
    assert cpu_delta({"apps": 5.0, "worker": 1.0}, {"apps": 2.0, "worker": 1.5}) == {
        "apps": 0.0,
        "worker": 0.5,
    }


def test_the_table_shows_the_ratio_and_cpu_per_build_for_one_and_two_workers() -> None:
    rows: list[tuple[str, str, str, bool]] = []
    figures = {
        "throughput_shared": {
            "1w_s": 60.0,
            "2w_s": 40.0,
            "ratio": 1.5,
            "1w_busy_pct": 99.0,
            "2w_busy_pct": 100.0,
            "1w_cpu_per_build": {"worker": 0.5, "browser main": 0.7},
            "2w_cpu_per_build": {"worker": 0.6, "browser main": 0.8, "API": 0.1},
        }
    }
    machine_rows(lambda *row: rows.append(row), figures)
    ratio = next(row for row in rows if "1 → 2 workers" in row[0])
    assert ratio[1] == "60.0 s → 40.0 s; ratio 1.50×" and ratio[3]
    one, two = (row for row in rows if "CPU-s per build" in row[0])
    assert "1 worker" in one[0] and "wall 5.0 s a build" in one[0]
    assert one[1] == "total 1.20 = browser main 0.70, worker 0.50"
    assert two[1] == "total 1.50 = browser main 0.80, worker 0.60, API 0.10"


def test_the_capture_peak_is_broken_down_by_browser_part() -> None:
    rows: list[tuple[str, str, str, bool]] = []
    capture = {
        "peak_livebuild_mb": 270,
        "peak_browser_mb": 570,
        "peak_apps_mb": 100,
        "peak_browser: renderers_mb": 205,
        "peak_browser: driver_mb": 112,
        "renderers_count": 3,
    }
    machine_rows(lambda *row: rows.append(row), {"capture_shared": capture})
    peak, parts = rows
    assert peak[1].startswith("840 MB livebuild + browser") and not peak[3]
    assert "(3 renderers)" in parts[0] and parts[1] == "renderers 205 MB, driver 112 MB"


def test_the_capture_row_says_how_fast_the_pictures_came_and_the_heaps_alone() -> None:
    rows: list[tuple[str, str, str, bool]] = []
    capture = {
        "peak_livebuild_mb": 240,
        "peak_browser_mb": 350,
        "peak_apps_mb": 60,
        "peak_livebuild_anon_mb": 200,
        "peak_browser_anon_mb": 250,
        "shots": 20,
        "elapsed_s": 21.3,
        "shots_per_s": 0.94,
        "capture_p50_ms": 538,
        "concurrency": "2",
    }
    machine_rows(lambda *row: rows.append(row), {"capture_shared": capture})
    peak, speed = rows
    assert peak[1].endswith("(heaps 200 + 250 MB)") and peak[3]
    assert "(2 at once)" in speed[0]
    assert speed[1] == "20 in 21.3 s (0.94 a second), a capture p50 538 ms"


def test_repeated_rounds_show_medians_their_spread_and_where_the_wall_time_went() -> None:
    rows: list[tuple[str, str, str, bool]] = []
    where = {
        "s": 24.0,
        "in_builds_s": 22.5,
        "stages_s": 10.0,
        "pictures_s": 8.0,
        "browser_s": 6.0,
        "queue_s": 1.2,
        "rest_s": 4.5,
        "between_s": 1.5,
        "load": 1.2,
    }
    figures = {
        "throughput_shared": {
            "repeats": 3,
            "1w": summary([24.0, 22.5, 27.0]),
            "2w": summary([18.0, 17.5, 18.5]),
            "1w_s": 24.0,
            "2w_s": 18.0,
            "ratios": summary([24.0 / 18.0, 22.5 / 17.5, 27.0 / 18.5]),
            "ratio": 24.0 / 18.0,
            "1w_busy_pct": 60.0,
            "2w_busy_pct": 89.0,
            "1w_cpu_per_build": {"worker": 0.5},
            "2w_cpu_per_build": {"worker": 0.6},
            "1w_rounds": [where],
            "2w_rounds": [],
        }
    }
    machine_rows(lambda *row: rows.append(row), figures)
    ratio = rows[0]
    assert ratio[1] == (
        "medians 24.0 s (3 runs: 22.50–27.00 s) → 18.0 s (3 runs: 17.50–18.50 s); "
        "ratio 1.33× (3 runs: 1.29–1.46×)"
    )
    assert not ratio[3]
    went = next(row for row in rows if "where a worker's wall time went, 1 worker" in row[0])
    assert went[1] == (
        "24.0 s = builds 22.5 (stages 10.0, pictures 8.0 of which the browser 6.0 (its queue"
        " 1.2), rest 4.5) + between builds 1.5 at load 1.2"
    )
    assert not any("where a worker's wall time went, 2 workers" in row[0] for row in rows)


def test_a_pictures_time_runs_from_its_stages_end_to_its_last_line() -> None:
    t0 = datetime(2026, 12, 6, 10, 0, 0)
    lines = [
        (t0, "[scaffold] finished in 1.28s, 20623 tokens"),
        (t0 + timedelta(seconds=0.49), "screenshot after scaffold took 372 ms"),
        (t0 + timedelta(seconds=0.54), "screenshot after scaffold stored (90047 bytes)"),
        (t0 + timedelta(seconds=0.60), "[code] started (attempt 1)"),
        (t0 + timedelta(seconds=1.30), "[code] finished in 0.67s, 28182 tokens"),
        (
            t0 + timedelta(seconds=1.90),
            "screenshot after code took 500 ms (the browser 320 ms of it)",
        ),
        (t0 + timedelta(seconds=2.00), "screenshot after code unchanged; not stored again"),
    ]
    span, took, queue = _pictures(lines)
    assert round(span, 2) == 1.24 and round(took, 3) == 0.872
    # Only the line that says the browser's own part tells a wait in its queue ...
    assert queue is not None and round(queue, 3) == 0.18
    # ... and with no such line there is no wait to tell, rather than a wait of 0.
    assert _pictures(lines[:3])[2] is None


def test_what_the_rest_of_the_machine_spent_is_told_apart_from_the_builds() -> None:
    me = os.getpid()
    before = {
        1: Proc(0, 1.0, 10.0, "/init", "init"),
        2: Proc(0, 0.0, 0.0, "", "kthreadd"),
        40: Proc(2, 5.0, 0.0, "", "kworker/0:1"),
        me: Proc(1, 3.0, 0.0, "python -m bench.machine", "python"),
        500: Proc(1, 2.0, 0.0, "livebuild worker", "python"),
        600: Proc(1, 1.0, 0.0, "mypy", "python"),
    }
    after = {
        # The mypy ended, 3 s after the first table: init waited for all its 4 s.
        1: Proc(0, 1.0, 14.0, "/init", "init"),
        2: Proc(0, 0.0, 0.0, "", "kthreadd"),
        40: Proc(2, 5.5, 0.0, "", "kworker/0:1"),
        me: Proc(1, 3.4, 9.0, "python -m bench.machine", "python"),  # reaped: adopted apps
        500: Proc(1, 9.0, 0.0, "livebuild worker", "python"),
        700: Proc(2, 0.25, 0.0, "", "kworker/u8:2"),
    }
    rest = outside(before, after, builds={500}, builds_before={500})
    assert rest == {
        "kernel threads": 0.75,
        "this benchmark": pytest.approx(0.4),
        "other programs": 3.0,
    }
    rows: list[tuple[str, str, str, bool]] = []
    figures = {
        "throughput_shared": {
            "1w_s": 60.0,
            "2w_s": 40.0,
            "ratio": 1.5,
            "1w_busy_pct": 99.0,
            "2w_busy_pct": 100.0,
            "1w_cpu_per_build": {"worker": 0.5},
            "2w_cpu_per_build": {"worker": 0.6},
            "1w_outside": [{"machine_cpu_s": 31.0, **rest, "no process": 0.2}],
        }
    }
    machine_rows(lambda *row: rows.append(row), figures)
    (row,) = (r for r in rows if "outside the builds' processes" in r[0])
    assert "1 worker" in row[0]
    assert row[1] == (
        "of 31.0 CPU-s: kernel threads 0.8, this benchmark 0.4, other programs 3.0, no process 0.2"
    )
