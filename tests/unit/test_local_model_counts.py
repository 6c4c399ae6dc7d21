"""Each call on the local model server is counted (tokens read, of them cached, written, CPU
seconds), so where a reading's time goes can be said on shared cores, where wall time can't."""

from __future__ import annotations

from pathlib import Path

from livebuild.providers.local.counts import call_of, read_calls, record, summary, task_of


def test_a_calls_counts_come_from_llama_cpp_timings(tmp_path: Path) -> None:
    timings = {"prompt_n": 58, "cache_n": 342, "predicted_n": 76, "prompt_ms": 2100.44}
    path = tmp_path / "calls.jsonl"
    record(path, call_of("plan", timings, 7.04))
    record(path, call_of("change", {}, 3.5, "timeout"))
    path.write_text(path.read_text() + "not a call\n")
    calls = read_calls(path)
    assert [(c.task, c.prompt, c.cached, c.wrote, c.ended) for c in calls] == [
        ("plan", 400, 342, 76, "done"),
        ("change", 0, 0, 0, "timeout"),
    ]
    rows = summary(calls)
    assert rows["plan"]["fresh_p50"] == 58
    assert rows["change"]["stopped"] == 1 and rows["change"]["cpu_s_sum"] == 3.5


def test_a_task_name_is_kept_only_when_it_is_a_plain_word() -> None:
    assert task_of("change") == "change"
    assert task_of("x\nforged: 1") == ""
    assert task_of(None) == ""
