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


def machine_rows(row: Row, figures: dict[str, Any]) -> None:
    for browser in ("shared", "inprocess"):
        t = figures.get(f"throughput_{browser}")
        if t:
            shared = browser == "shared"
            row(
                f"machine: 12 builds with screenshots, 1 → 2 workers, {browser} browser",
                f"{t['1w_s']:.1f} s → {t['2w_s']:.1f} s ({t['ratio']:.2f}×)",
                "≥ 1.5×" if shared else "",
                t["ratio"] >= 1.5 or not shared,
            )
            for workers in (1, 2):
                row(
                    f"machine: CPU-s per build by process, {workers} worker{'s' * (workers > 1)}, "
                    f"{browser} browser"
                    f" (wall {t[f'{workers}w_s'] / 12:.1f} s a build, cores "
                    f"{t[f'{workers}w_busy_pct']:.0f} % busy)",
                    _cpu(t[f"{workers}w_cpu_per_build"]),
                    "",
                    True,
                )
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
