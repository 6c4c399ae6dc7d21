"""How much livebuild takes on at once is sized from the machine, and `doctor` says why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from livebuild.core.machine import Machine, choose_budget, read_machine
from livebuild.settings import Settings


def _host(tmp_path: Path, mem_kb: int, cpu_max: str | None, memory_max: str | None) -> Path:
    proc, cgroup = tmp_path / "proc", tmp_path / "cgroup"
    proc.mkdir()
    cgroup.mkdir()
    (proc / "meminfo").write_text(f"MemTotal:       {mem_kb} kB\nMemFree:  1 kB\n")
    if cpu_max is not None:
        (cgroup / "cpu.max").write_text(cpu_max + "\n")
    if memory_max is not None:
        (cgroup / "memory.max").write_text(memory_max + "\n")
    return tmp_path


def test_a_cgroup_quota_and_memory_limit_shrink_what_the_machine_offers(tmp_path: Path) -> None:
    root = _host(tmp_path, 64 * 1024 * 1024, "100000 100000", str(3 * 2**30))
    machine = read_machine(root / "proc", root / "cgroup")
    assert machine.memory_mb == 3072
    assert machine.cores == 1 or len(os.sched_getaffinity(0)) == 1
    assert any("memory limit" in note for note in machine.notes)


def test_no_cgroup_limits_leave_the_machine_as_it_is(tmp_path: Path) -> None:
    root = _host(tmp_path, 8 * 1024 * 1024, "max 100000", "max")
    machine = read_machine(root / "proc", root / "cgroup")
    assert machine.memory_mb == 8192 and machine.notes == ()
    assert machine.cores == len(os.sched_getaffinity(0))


def test_the_budget_follows_cores_and_is_held_back_by_memory() -> None:
    roomy = choose_budget(Machine(cores=2, memory_mb=24_000))
    # On two cores one picture at a time: no slower for two workers, a renderer less.
    assert (roomy.builds, roomy.captures, roomy.local_model) == (2, 1, True)
    four = choose_budget(Machine(cores=4, memory_mb=24_000))
    assert four.captures == 4
    big = choose_budget(Machine(cores=16, memory_mb=64_000))
    assert (big.builds, big.captures) == (16, 16)
    tight = choose_budget(Machine(cores=8, memory_mb=2_000))
    assert tight.builds == 1 and tight.captures == 3 and not tight.local_model
    single = choose_budget(Machine(cores=1, memory_mb=8_000))
    assert (single.builds, single.captures) == (1, 1)
    assert any("would not fit" in reason for reason in tight.reasons)


def test_a_setting_overrides_its_part_of_the_budget() -> None:
    settings = Settings(concurrency=5)
    assert settings.resolved_concurrency == 5
    assert settings.resolved_screenshot_concurrency == settings.budget.captures


def test_doctor_prints_the_machine_and_the_budget_it_chose(tmp_path: Path) -> None:
    env = {**os.environ, "LIVEBUILD_DATA_DIR": str(tmp_path), "LIVEBUILD_CONCURRENCY": "3"}
    done = subprocess.run(
        [sys.executable, "-m", "livebuild", "doctor"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    cores = len(os.sched_getaffinity(0))
    assert f"cores: {cores}" in done.stdout
    assert "builds: 3 (set)" in done.stdout
    assert "screenshots:" in done.stdout and "(from the machine)" in done.stdout
    # Why that many pictures at once, in words an operator can act on.
    said_budget = " ".join(done.stdout.split())
    machine = read_machine()
    captures = choose_budget(machine).captures
    assert (
        f"screenshots at once: {captures} (one per core, one on 2 cores; {machine.cores} here:"
        in said_budget
    )
    assert "more at once only wait for the cores" in said_budget
    said = " ".join(done.stdout.split())  # as read, whatever the terminal's width
    assert "model calls: 1 at a time" in said
    assert "never more than the screenshots at once" in said
    assert "starts no background picture (a founder's own still go)" in said
