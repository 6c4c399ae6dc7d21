"""The machine livebuild runs on, and how much work it takes on at once by default.

Defaults are sized from what the machine has: its cores (those this process may use,
and a cgroup's CPU quota) and its memory (a cgroup's limit where lower). Each setting
that names a number overrides its share; `livebuild doctor` prints what was found and
why each number was chosen.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# What one running build holds, besides livebuild itself: its app in a sandbox (usually
# far under its limit) and its share of the model's and the browser's time.
BUILD_MB = 600
# What one screenshot holds: a browser context with one page of a generated app.
CAPTURE_MB = 250
# livebuild, its database and the browser itself, before any build runs.
RESERVED_MB = 1024
# The local model's weights and working memory, when it is loaded (once per machine).
LOCAL_MODEL_MB = 2048


@dataclass(frozen=True)
class Machine:
    cores: int
    memory_mb: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Budget:
    builds: int
    captures: int
    local_model: bool
    reasons: tuple[str, ...]


def _cgroup(name: str, root: Path) -> str | None:
    try:
        return (root / name).read_text().strip()
    except OSError:
        return None


def _meminfo_mb(root: Path) -> int:
    try:
        for line in (root / "meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return 2048  # unknown: assume a small machine rather than a large one


def read_machine(proc: Path = Path("/proc"), cgroup: Path = Path("/sys/fs/cgroup")) -> Machine:
    """Cores and memory this process may use, taking a cgroup's limits into account."""
    notes: list[str] = []
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = cores or 1
    quota = _cgroup("cpu.max", cgroup)
    if quota and not quota.startswith("max"):
        try:
            limit, period = (int(part) for part in quota.split()[:2])
            if 0 < limit // period < cores:
                cores = max(1, limit // period)
                notes.append(f"a cgroup CPU quota allows {cores} core(s)")
        except ValueError:
            pass
    memory = _meminfo_mb(proc)
    capped = _cgroup("memory.max", cgroup)
    if capped and capped.isdigit() and int(capped) // 2**20 < memory:
        memory = int(capped) // 2**20
        notes.append(f"a cgroup memory limit allows {memory} MB")
    return Machine(cores=cores, memory_mb=memory, notes=tuple(notes))


def choose_budget(machine: Machine) -> Budget:
    """Builds and captures at once: one build per core, as many as memory holds."""
    spare = max(0, machine.memory_mb - RESERVED_MB)
    by_memory = max(1, spare // BUILD_MB)
    builds = max(1, min(machine.cores, by_memory))
    reasons = [
        f"builds at once: {builds} (one per core, {machine.cores}; memory holds {by_memory} "
        f"at {BUILD_MB} MB each)"
    ]
    captures_by_memory = max(1, spare // CAPTURE_MB)
    # One per core: on two busy cores a third capture at once took no more pictures a second
    # (nor a quicker one) and held one more renderer (~30-45 MB) at the peak. On two cores,
    # one: ~20 MB less at the peak, and two workers' builds came no slower (alternated runs).
    per_core = 1 if machine.cores <= 2 else machine.cores
    captures = max(1, min(per_core, captures_by_memory))
    reasons.append(
        f"screenshots at once: {captures} (one per core, one on 2 cores; {machine.cores} here: "
        "more at once only wait for the cores and each holds a page's memory; memory holds "
        f"{captures_by_memory})"
    )
    local_model = spare >= LOCAL_MODEL_MB + builds * BUILD_MB
    reasons.append(
        "a local model fits beside them"
        if local_model
        else f"a local model ({LOCAL_MODEL_MB} MB) would not fit beside {builds} build(s)"
    )
    return Budget(builds=builds, captures=captures, local_model=local_model, reasons=tuple(reasons))
