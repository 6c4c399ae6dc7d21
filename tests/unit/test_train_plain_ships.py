"""`python -m bench.train_plain train`, the documented way to refit the plain-answer judge,
reproduces the shipped file: it ends with the same kind-head refit `kinds` does (on
`plain_wide.toml` too), so retraining the binary judge never reverts a karaoke machine to "a
game" (review A, session 21). Refitting the head takes minutes: `python -m bench.train_plain
check` refits it in memory and compares it with the shipped file; here, what is cheap."""

from __future__ import annotations

import ast
import inspect
import json

from bench import train_plain
from livebuild.brief import plain_judge


def _calls(function: object) -> set[str]:
    tree = ast.parse(inspect.getsource(function))  # type: ignore[arg-type]
    return {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and hasattr(n.func, "id")}


def test_the_shipped_file_says_its_kind_head_is_the_one_train_ends_with() -> None:
    about = json.loads(plain_judge.WEIGHTS.read_text(encoding="utf-8"))["about"]
    assert about["made_by"] == "python -m bench.train_plain train"
    assert about["kinds"] == train_plain.KIND_HEAD


def test_train_and_kinds_both_write_the_file_with_the_kind_head_refit() -> None:
    assert "ship" in _calls(train_plain.train) and "ship" in _calls(train_plain.kinds)
    assert "with_kind_head" in _calls(train_plain.ship)
    assert {"fit_kinds", "kind_data"} <= _calls(train_plain.with_kind_head)
    # Nothing else writes the shipped file.
    assert inspect.getsource(train_plain).count("WEIGHTS.write_text") == 1
    assert "WEIGHTS.write_text" in inspect.getsource(train_plain.ship)


def test_the_kind_head_learns_the_wide_set_s_kinds() -> None:
    assert train_plain.WIDE in _paths(train_plain.kind_data)


def _paths(function: object) -> set[object]:
    source = inspect.getsource(function)  # type: ignore[arg-type]
    return {p for name, p in vars(train_plain).items() if name.isupper() and name in source}
