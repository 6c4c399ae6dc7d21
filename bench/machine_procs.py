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
    name: str = ""  # the kernel's short name (all a kernel thread or an ended process has)
    zombie: bool = False  # ended, not yet waited for


def table() -> dict[int, Proc]:
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):
            continue
        own = (int(fields[11]) + int(fields[12])) / TICK
        reaped = (int(fields[13]) + int(fields[14])) / TICK
        name = stat.split("(", 1)[1].rsplit(")", 1)[0]
        found[int(entry.name)] = Proc(int(fields[1]), own, reaped, command, name, fields[0] == "Z")
    return found


def adopt_orphans() -> bool:
    """Make this process the one that inherits its descendants' orphans, as init would.

    A sandbox's inner process outlives the outer one that the worker waits for, so the
    app's CPU (what the inner one waited for) would go to init, unseen by the trees below;
    adopted, it shows here as a child of this process that ended (see `cpu_snapshot`).
    """
    import ctypes

    try:
        return bool(ctypes.CDLL(None).prctl(36, 1, 0, 0, 0) == 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def reap_orphans(keep: set[int]) -> None:
    """Wait for the adopted orphans that ended (not the processes in `keep`, this one's own)."""
    me = os.getpid()
    for pid, proc in table().items():
        if proc.ppid == me and proc.zombie and pid not in keep:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                continue


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


def adopted_sandboxes(procs: dict[int, Proc]) -> set[int]:
    """The sandboxes' inner processes this one adopted (`adopt_orphans`), and their trees."""
    me = os.getpid()
    out: set[int] = set()
    for pid, proc in procs.items():
        if proc.ppid == me and (proc.name == "bwrap" or "bwrap" in proc.command):
            out |= tree(pid, procs)
    return out


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
    master = postmaster(database_port, procs) if database_port is not None else None
    database = tree(master, procs) if master is not None else set()
    apps |= adopted_sandboxes(procs)
    out: dict[str, float] = {}
    for pid in livebuild:
        name = (names or {}).get(pid, "livebuild")
        out[name] = out.get(name, 0.0) + cpu_s({pid}, procs, reaped=False)
    for pid in browsers:
        part = browser_part(procs[pid].command)
        out[part] = out.get(part, 0.0) + cpu_s({pid}, procs)
    out["apps"] = cpu_s(apps, procs) + sum(procs[p].reaped_s for p in livebuild if p in procs)
    if database_port is not None:
        out["database"] = cpu_s(database, procs)
    return out


def counted(livebuild: list[int], browser_dir: Path | None, database_port: int | None) -> set[int]:
    """Every process `cpu_snapshot` counts, now."""
    procs = table()
    out: set[int] = set()
    for pid in livebuild:
        out |= tree(pid, procs)
    shared = service_pid(browser_dir) if browser_dir is not None else None
    if shared is not None:
        out |= tree(shared, procs)
    master = postmaster(database_port, procs) if database_port is not None else None
    if master is not None:
        out |= tree(master, procs)
    return out | adopted_sandboxes(procs)


def outside(
    before: dict[int, Proc], after: dict[int, Proc], builds: set[int], builds_before: set[int]
) -> dict[str, float]:
    """CPU-s between two `table()`s of the processes the builds' parts don't count (`builds`
    then, `builds_before` at the first), by kind: kernel threads, this benchmark, and every
    other program on the machine. A process that ended between them counts in whichever
    waited for it, which is handed all its time: what it had spent at the first is taken off
    again."""
    me = os.getpid()
    out = {"kernel threads": 0.0, "this benchmark": 0.0, "other programs": 0.0}

    def kind(pid: int, proc: Proc) -> str:
        if pid == me:
            return "this benchmark"
        return "kernel threads" if pid == 2 or proc.ppid == 2 else "other programs"

    for pid, proc in after.items():
        if pid in builds:
            continue
        was = before.get(pid)
        if was is not None and was.name != proc.name:
            was = None  # its number was given to a new process
        if pid == me:
            # What it waited for (adopted sandboxes, counted as apps) is not its own.
            spent = proc.cpu_s - (was.cpu_s if was else 0.0)
        else:
            spent = proc.cpu_s + proc.reaped_s - ((was.cpu_s + was.reaped_s) if was else 0.0)
        out[kind(pid, proc)] += spent
    for pid, was in before.items():
        now = after.get(pid)
        if pid not in builds_before and (now is None or now.name != was.name):
            out[kind(pid, was)] -= was.cpu_s + was.reaped_s
    return {name: max(0.0, seconds) for name, seconds in out.items()}


def cpu_delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """What each part spent between two snapshots (a part gone since counts nothing)."""
    return {name: max(0.0, after[name] - before.get(name, 0.0)) for name in after}
