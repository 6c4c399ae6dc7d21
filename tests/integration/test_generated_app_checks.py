"""What a founder's developer reads stays clean: each fixture plan's generated app passes
ruff and strict mypy, as livebuild's own code does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from livebuild.appgen import app_files
from livebuild.brief import derive_brief
from livebuild.core.stages import Stage

FIXTURE_IDEAS = {
    "dog-walkers": "A booking app for independent dog walkers: walks, dogs, walkers and clients",
    "bakery": "Orders for my bakery: customers, cakes with prices, pickup dates and a status",
    "tutoring": "Track tutoring lessons, students, invoices with amounts and due dates",
}
BIN = Path(sys.executable).parent


def _generate(idea: str, into: Path) -> Path:
    for relative, text in app_files(derive_brief(idea), Stage.CHECKS).items():
        path = into / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return into


@pytest.mark.parametrize("plan", sorted(FIXTURE_IDEAS))
def test_the_generated_app_passes_ruff_and_strict_mypy(plan: str, tmp_path: Path) -> None:
    app = _generate(FIXTURE_IDEAS[plan], tmp_path / "app")
    lint = subprocess.run(
        [BIN / "ruff", "check", "--isolated", "--select", "E,F,W,B,UP,I,SIM",
         "--target-version", "py311", "--line-length", "100", "."],
        cwd=app, capture_output=True, text=True,
    )  # fmt: skip
    assert lint.returncode == 0, lint.stdout + lint.stderr
    types = subprocess.run(
        [BIN / "mypy", "--strict", "--implicit-reexport", "--python-version", "3.11",
         "--no-incremental",
         "--cache-dir", str(tmp_path / "mypy-cache"), "."],
        cwd=app, capture_output=True, text=True,
    )  # fmt: skip
    assert types.returncode == 0, types.stdout + types.stderr
