"""Plan time with the local model: `python -m bench.local_plan [ROUNDS]`.

Reads a few ideas through the shared model server (the real GGUF model, loaded once) and
reports plan time p50/p95, how many plans the model itself read (vs. the rules' fallback),
the server's load time and its peak resident memory. Skips, saying why, without the model.
Other work on the machine slows the model sharply: note the load average printed beside it.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import livebuild.engine  # noqa: F401 - registers the offline model's rules
from livebuild.brief.plan import make_plan
from livebuild.providers import provider_for
from livebuild.providers.local import LocalProvider
from livebuild.providers.local.machine import find, stop
from livebuild.providers.local.model_file import local_model_ready, model_path
from livebuild.settings import Settings

IDEAS = (
    "A dog walking app: walkers log each walk with the dog, the owner, how long it took "
    "and notes; owners pay per walk.",
    "Airbnb for boat slips: marina owners list slips with length and price per night, "
    "boaters book them for dates.",
    "I run a small pottery studio and need to track my students, the classes they sign up "
    "for and which kiln firing each piece goes into.",
    "a tool lending library for our street - who borrowed which tool and when it's due back",
    "Track my houseplants: each plant's name, where it sits, when I last watered it and how "
    "often it needs water.",
)


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_s(pid: int) -> float:
    """CPU seconds the process has used: what a plan costs, however busy the machine is."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _measure(settings: Settings, rounds: int) -> dict[str, Any]:
    provider = provider_for(settings)
    assert isinstance(provider, LocalProvider)
    started = time.perf_counter()
    await provider.prepare()
    load_s = time.perf_counter() - started
    found = find(provider.plan)
    assert found is not None
    times: list[float] = []
    cpu: list[float] = []
    readers: list[str] = []
    try:
        for index in range(rounds):
            idea = IDEAS[index % len(IDEAS)]
            began, cpu_began = time.perf_counter(), _cpu_s(found.pid)
            brief = await make_plan(idea, None, provider, timeout_s=settings.plan_timeout_s)
            times.append(time.perf_counter() - began)
            cpu.append(_cpu_s(found.pid) - cpu_began)
            readers.append(brief.reader)
            kinds = ", ".join(e.plural for e in brief.entities)
            print(
                f"  {times[-1]:6.1f} s ({cpu[-1]:5.1f} CPU-s, load {os.getloadavg()[0]:.1f})"
                f"  {brief.reader:5}  {kinds}",
                flush=True,
            )
    finally:
        await provider.aclose()
    peak = _peak_rss_mb(found.pid)
    return {
        "load_s": load_s,
        "p50_s": statistics.median(times),
        "p95_s": _percentile(times, 0.95),
        "cpu_p50_s": statistics.median(cpu),
        "cpu_p95_s": _percentile(cpu, 0.95),
        "model_read": readers.count("local"),
        "rounds": rounds,
        "peak_rss_mb": peak,
        "load_avg": os.getloadavg()[0],
    }


def run(rounds: int = 5) -> dict[str, Any] | None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Settings()
        settings = Settings(
            data_dir=Path(tmp),
            model_provider="local",
            local_model=model_path(base),
            plan_timeout_s=float(os.environ.get("BENCH_PLAN_TIMEOUT_S", "600")),
            model_timeout_s=600.0,
        )
        if not local_model_ready(settings):
            print("No local model here: run `livebuild model pull` first.")
            return None
        provider = provider_for(settings)
        assert isinstance(provider, LocalProvider)
        try:
            return asyncio.run(_measure(settings, rounds))
        finally:
            stop(provider.plan)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"Planning {rounds} ideas with the local model on {os.cpu_count()} cores…")
    result = run(rounds)
    if result is None:
        return
    print(
        f"model loaded in {result['load_s']:.1f} s; plan p50 {result['p50_s']:.1f} s, "
        f"p95 {result['p95_s']:.1f} s; CPU per plan p50 {result['cpu_p50_s']:.1f} s, "
        f"p95 {result['cpu_p95_s']:.1f} s; read by the model {result['model_read']}/"
        f"{result['rounds']}; server peak RSS {result['peak_rss_mb']:.0f} MB; "
        f"load average {result['load_avg']:.1f}"
    )


if __name__ == "__main__":
    main()
