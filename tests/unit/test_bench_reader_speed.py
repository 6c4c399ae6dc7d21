"""The readers' speed bench fails on any answer that is not the one kept, and checks only the
readers it ran."""

from __future__ import annotations

from typing import Any

from bench.reader_speed import check, cpu_line

KEPT: dict[str, Any] = {
    "answers": {"plan r3/a": {"entities": []}, "change r3/b": {"made": ["Added Notes."]}},
    "cpu_s": {"plan": [0.02], "change": [0.01]},
}


def test_the_same_answers_pass_and_a_changed_one_is_named() -> None:
    assert check(KEPT, KEPT) == []
    moved = {**KEPT, "answers": {**KEPT["answers"], "change r3/b": {"made": []}}}
    assert check(KEPT, moved) == ["change r3/b"]


def test_a_run_of_one_reader_is_checked_against_that_readers_answers_only() -> None:
    plans = {"answers": {"plan r3/a": {"entities": []}}, "cpu_s": {"plan": [0.02]}}
    assert check(KEPT, plans) == []
    assert check(KEPT, {**plans, "answers": {}}) == ["plan r3/a"]


def test_the_cpu_line_says_each_readers_median_and_95th_in_milliseconds() -> None:
    line = cpu_line({"plan": [0.010, 0.020, 0.030]})
    assert line.startswith("plan CPU ms p50 / p95 20.0 / ")
    assert "(3 items" in line
