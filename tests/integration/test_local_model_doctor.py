"""`livebuild doctor` says how fast the local model is on this machine, and plainly when a
founder's plan reading would not finish within its limit (and what to do about it)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from livebuild.cli.doctor_model import verdict
from livebuild.providers.local import server_plan
from livebuild.providers.local.machine import stop
from livebuild.providers.local.speed import Speed
from tests.conftest import make_settings
from tests.local_model import INSTALLED, needs_local_model


def test_a_slow_machine_is_told_the_plan_reading_wont_fit_and_what_to_do(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, model_provider="local")
    # As measured on a 2-core 2.0 GHz machine shared with other work (docs/benchmarks.md).
    said = " ".join(verdict(Speed(read_per_s=4.7, write_per_s=2.2), settings))
    assert "reads 4.7 tokens a second and writes 2.2" in said
    assert "past its 30 s limit (LIVEBUILD_LOCAL_PLAN_TIMEOUT_S)" in said
    assert "ideas get the rules' plan instead" in said
    assert "faster machine" in said and "cloud or OpenAI-compatible model" in said
    assert "a change reading: about" in said and "past its 7 s limit" in said


def test_a_fast_machine_is_told_its_readings_fit(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, model_provider="local")
    said = " ".join(verdict(Speed(read_per_s=400.0, write_per_s=60.0), settings))
    assert "within its 30 s limit" in said and "past" not in said
    assert "faster machine" not in said


@needs_local_model
def test_doctor_times_the_real_local_model(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, model_provider="local", local_model=INSTALLED)
    env = {
        **os.environ,
        "LIVEBUILD_DATA_DIR": str(settings.data_dir),
        "LIVEBUILD_MODEL_PROVIDER": "local",
        "LIVEBUILD_LOCAL_MODEL": str(INSTALLED),
        # Wide enough for any terminal: each line is read whole.
        "COLUMNS": "400",
    }
    try:
        done = subprocess.run(
            [sys.executable, "-m", "livebuild", "doctor"],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            check=True,
        )
    finally:
        running = stop(server_plan(settings))
    assert not running, "a model server started only to time it is stopped after"
    said = " ".join(done.stdout.split())
    speeds = re.search(r"reads ([\d.]+) tokens a second and writes ([\d.]+)", said)
    assert speeds is not None, said
    assert float(speeds[1]) > 0 and float(speeds[2]) > 0
    assert re.search(r"a plan reading: about \d+ s \(\d+ s the first after", said), said
    limit = "30 s limit (LIVEBUILD_LOCAL_PLAN_TIMEOUT_S)"
    assert f"within its {limit}" in said or f"past its {limit}" in said
