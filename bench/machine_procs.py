"""Process trees on this machine: their memory (PSS) and CPU time, by part of livebuild."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Proc:
    ppid: int
    cpu_s: float  # its own user + system time
    reaped_s: float  # its children's, once it has waited for them
    command: str


def table() -> dict[int, Proc]:
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):
            continue
        own = (int(fields[11]) + int(fields[12])) / TICK
        reaped = (int(fields[13]) + int(fields[14])) / TICK
        found[int(entry.name)] = Proc(int(fields[1]), own, reaped, command)
    return found


def tree(root: int, procs: dict[int, Proc]) -> set[int]:
    """`root` and every process under it."""
    if root not in procs:
        return set()
    out, frontier = {root}, {root}
    while frontier:
        frontier = {p for p, proc in procs.items() if proc.ppid in frontier} - out
        out |= frontier
    return out


def pss_mb(pids: set[int], field: str = "Pss:") -> float:
    """Their proportional memory; `field="Pss_Anon:"` for their own heaps alone, which other
    programs mapping the same files (another Chromium on the machine) don't shrink."""
    total_kb = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith(field):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


def cpu_s(pids: set[int], procs: dict[int, Proc], *, reaped: bool = True) -> float:
    return sum(procs[p].cpu_s + (procs[p].reaped_s if reaped else 0.0) for p in pids if p in procs)


def service_pid(run_dir: Path) -> int | None:
    import json

    try:
        pid = json.loads((run_dir / "service.json").read_text()).get("pid")
    except (OSError, ValueError):
        return None
    return pid if isinstance(pid, int) else None


def postmaster(port: int, procs: dict[int, Proc]) -> int | None:
    for pid, proc in procs.items():
        if f"-p {port} " in proc.command + " " and "postgres" in proc.command:
            return pid
    return None


def browser_part(command: str) -> str:
    """Which part of the screenshot browser a process is, by its command line."""
    if "playwright" in command and "chrom" not in command:
        return "driver"
    if "livebuild.screenshots.shared_process" in command:
        return "screenshot service"
    if "--type=renderer" in command or "--type=zygote" in command:
        # A zygote forks the renderers; those that ended are counted in its reaped time.
        return "renderers"
    if "--type=" in command:
        return "browser other"
    return "browser main"


def cpu_snapshot(
    livebuild: list[int],
    browser_dir: Path | None,
    database_port: int | None = None,
    *,
    names: dict[int, str] | None = None,
) -> dict[str, float]:
    """CPU seconds so far of each part: livebuild's own processes (by `names`, else all
    as "livebuild"), its browser by part (the shared service's tree, or the Chromium under
    each process's Playwright driver: its main process, renderers, other helpers, the
    driver and the service's Python), the apps it runs (bwrap, the app and its helpers,
    live and those it has waited for) and, given its port, the database."""
    procs = table()
    browsers: set[int] = set()
    shared = service_pid(browser_dir) if browser_dir is not None else None
    if shared is not None:
        browsers |= tree(shared, procs)
    for pid in livebuild:
        for child in tree(pid, procs) - {pid}:
            if "playwright" in procs[child].command:
                browsers |= tree(child, procs)
    apps: set[int] = set()
    for pid in livebuild:
        apps |= tree(pid, procs) - {pid} - browsers
    out: dict[str, float] = {}
    for pid in livebuild:
        name = (names or {}).get(pid, "livebuild")
        out[name] = out.get(name, 0.0) + cpu_s({pid}, procs, reaped=False)
    for pid in browsers:
        part = browser_part(procs[pid].command)
        out[part] = out.get(part, 0.0) + cpu_s({pid}, procs)
    out["apps"] = cpu_s(apps, procs) + sum(procs[p].reaped_s for p in livebuild if p in procs)
    if database_port is not None:
        master = postmaster(database_port, procs)
        out["database"] = cpu_s(tree(master, procs), procs) if master is not None else 0.0
    return out


def cpu_delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """What each part spent between two snapshots (a part gone since counts nothing)."""
    return {name: max(0.0, after[name] - before.get(name, 0.0)) for name in after}
