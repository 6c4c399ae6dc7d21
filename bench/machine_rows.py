"""The machine benchmark's rows in the `python -m bench` table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Row = Callable[[str, str, str, bool], None]


def _cpu(per_build: dict[str, float]) -> str:
    """Largest first, and the sum: "total 2.10 = browser main 0.80, renderers 0.50, …"."""
    parts = sorted(per_build.items(), key=lambda item: -item[1])
    shown = ", ".join(f"{name} {seconds:.2f}" for name, seconds in parts)
    return f"total {sum(per_build.values()):.2f} = {shown}"


def _heaps(c: dict[str, Any]) -> str:
    """The heaps alone (PSS less the shared files, which other programs on the machine mapping
    the same Chromium or Python make look smaller)."""
    if "peak_livebuild_anon_mb" not in c:
        return ""
    return f" (heaps {c['peak_livebuild_anon_mb']} + {c['peak_browser_anon_mb']} MB)"


def _spread(t: dict[str, Any], key: str, unit: str = " s") -> str:
    """ " (n runs: low–high)" after a median, when the figure was measured more than once."""
    runs = t.get(key)
    if not runs or len(runs["all"]) < 2:
        return ""
    return f" ({len(runs['all'])} runs: {runs['low']:.2f}–{runs['high']:.2f}{unit})"


def _where(rounds: list[dict[str, float]]) -> str:
    """A worker's wall time by what it was doing, each round: "23.1 s = builds 21.6 (stages
    9.8, pictures 7.9 of which the browser 6.0 (its queue 1.2), rest 3.9) + between builds
    1.5"."""
    return "; ".join(
        f"{r['s']:.1f} s = builds {r['in_builds_s']:.1f} (stages {r['stages_s']:.1f}, "
        f"pictures {r['pictures_s']:.1f} of which the browser {r['browser_s']:.1f}"
        + (f" (its queue {r['queue_s']:.1f})" if "queue_s" in r else "")
        + f", rest {r['rest_s']:.1f}) + between builds {r['between_s']:.1f}"
        + (f" at load {r['load']:.1f}" if "load" in r else "")
        for r in rounds
    )


def _outside(rounds: list[dict[str, float]]) -> str:
    """What the machine's cores spent each round beyond the builds' own processes: "of
    31.0 CPU-s: kernel threads 0.6, this benchmark 0.4, other programs 5.1, no process 0.2"."""
    return "; ".join(
        f"of {r['machine_cpu_s']:.1f} CPU-s: "
        + ", ".join(
            f"{name} {seconds:.1f}" for name, seconds in r.items() if name != "machine_cpu_s"
        )
        for r in rounds
    )


def _throughput_rows(row: Row, t: dict[str, Any], browser: str) -> None:
    shared = browser == "shared"
    median = "medians " if t.get("repeats", 1) > 1 else ""
    row(
        f"machine: 12 builds with screenshots, 1 → 2 workers, {browser} browser",
        f"{median}{t['1w_s']:.1f} s{_spread(t, '1w')} → {t['2w_s']:.1f} s{_spread(t, '2w')}; "
        f"ratio {t['ratio']:.2f}×{_spread(t, 'ratios', '×')}",
        "≥ 1.5×" if shared else "",
        t["ratio"] >= 1.5 or not shared,
    )
    for workers in (1, 2):
        plural = "s" * (workers > 1)
        row(
            f"machine: CPU-s per build by process, {workers} worker{plural}, "
            f"{browser} browser"
            f" (wall {t[f'{workers}w_s'] / 12:.1f} s a build, cores "
            f"{t[f'{workers}w_busy_pct']:.0f} % busy)",
            _cpu(t[f"{workers}w_cpu_per_build"]),
            "",
            True,
        )
        if t.get(f"{workers}w_outside"):
            row(
                f"machine: CPU-s outside the builds' processes, {workers} worker{plural}, "
                f"{browser} browser (each round)",
                _outside(t[f"{workers}w_outside"]),
                "",
                True,
            )
        if t.get(f"{workers}w_rounds"):
            row(
                f"machine: where a worker's wall time went, {workers} worker{plural}, "
                f"{browser} browser (each round)",
                _where(t[f"{workers}w_rounds"]),
                "",
                True,
            )


def machine_rows(row: Row, figures: dict[str, Any]) -> None:
    for browser in ("shared", "inprocess"):
        t = figures.get(f"throughput_{browser}")
        if t:
            _throughput_rows(row, t, browser)
        c = figures.get(f"capture_{browser}")
        if c:
            own = c["peak_livebuild_mb"] + c["peak_browser_mb"]
            row(
                f"machine: 5 builds capturing at once, peak PSS, {browser} browser",
                f"{own} MB livebuild + browser ({c['peak_livebuild_mb']} + "
                f"{c['peak_browser_mb']}); apps {c['peak_apps_mb']} MB" + _heaps(c),
                "≤ 600 MB" if browser == "shared" else "",
                own <= 600 or browser != "shared",
            )
            if "shots_per_s" in c:
                row(
                    f"machine: those builds' pictures, {browser} browser "
                    f"({c['concurrency']} at once)",
                    f"{c['shots']} in {c['elapsed_s']:.1f} s ({c['shots_per_s']:.2f} a second), "
                    f"a capture p50 {c['capture_p50_ms']} ms",
                    "",
                    True,
                )
            parts = {
                k[len("peak_browser: ") : -3]: v
                for k, v in c.items()
                if k.startswith("peak_browser: ")
            }
            if parts:
                row(
                    f"machine: the browser at that peak by part, {browser} browser "
                    f"({c.get('renderers_count', '?')} renderers)",
                    ", ".join(f"{k} {v} MB" for k, v in sorted(parts.items(), key=lambda i: -i[1])),
                    "",
                    True,
                )
    b = figures.get("burst_shared")
    if b:
        row(
            f"machine: burst of {b['builds']} builds, ready / peak PSS / status p99",
            f"{b['ready']} / {b['peak_total_mb']} MB / {b['status_p99_ms']:.0f} ms",
            "all / ≤ 1.5 GB / ≤ 200 ms",
            b["ready"] == b["builds"] and b["peak_total_mb"] <= 1536 and b["status_p99_ms"] <= 200,
        )
        row("machine: burst, CPU-s per build by process", _cpu(b["cpu_per_build"]), "", True)
    m = figures.get("model_while_capturing")
    if m and "skipped" in m:
        row(
            "machine: plan reading with the local model while 4 builds capture",
            "skipped: " + m["skipped"],
            "≤ 1.5× quiet",
            True,
        )
    elif m:
        row(
            "machine: plan reading with the local model while 4 builds capture"
            + ("" if m["held"] else " (no hold)"),
            f"{m['loaded_s']:.1f} s against {m['quiet_s']:.1f} s quiet ({m['ratio']:.2f}×)",
            "≤ 1.5× quiet",
            m["ratio"] <= 1.5,
        )
