"""What one Chromium switch does to the screenshot browser's memory at the capture peak.

`python -m bench.browser_switches [SWITCH ...]`: the machine's browser pool (two pages, the
shared service's driver options) takes 20 pictures, five at once, of one page served from
five loopback origins, first as livebuild launches it and then with each switch added alone.
Each part's own memory (Pss_Anon: what other programs on the machine don't shrink) is
sampled every 0.2 s; the peak of each is printed, with the capture p50 and whether the
pictures' bytes stayed the same. A switch of `--disable-features=` or `--enable-features=`
would replace livebuild's own list (Chromium keeps the last), so those are refused.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import statistics
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from bench import machine_procs as procs
from livebuild.screenshots import browser
from livebuild.screenshots.shared_process import driver_node_options
from tests.static_site import served

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Plants</title><style>
body{font-family:sans-serif;margin:0}header{background:#246;color:#fff;padding:1em}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em}
.card{box-shadow:0 2px 6px rgba(0,0,0,.3);border-radius:8px;margin:1em;padding:1em}
</style></head><body><header><h1>Plant shop</h1></header><div class="card"><form>
<input name="q" placeholder="Search"><button>Go</button></form></div><table id="t">
<tr><th>Name</th><th>Price</th><th>Stock</th></tr></table><script>
const t = document.getElementById('t');
for (let i = 0; i < 60; i++) { const r = t.insertRow(); r.insertCell().textContent = 'Plant ' + i;
  r.insertCell().textContent = (i * 1.7).toFixed(2); r.insertCell().textContent = i % 7; }
localStorage.setItem('basket', '[]');
setTimeout(() => { document.body.dataset.ready = 'true'; }, 50);
</script></body></html>"""
DEFAULT_SWITCHES = (
    "--num-raster-threads=1",
    "--renderer-process-limit=1",
    "--disable-site-isolation-trials",
    "--js-flags=--lite-mode",
    "--enable-low-end-device-mode",
)
ORIGINS = 5
ROUNDS = 4
LAUNCH_ARGS = list(browser.LAUNCH_ARGS)


def _sample(peaks: dict[str, float], stop: threading.Event) -> None:
    me = os.getpid()
    while not stop.is_set():
        table = procs.table()
        parts: dict[str, set[int]] = {}
        drivers = {
            p for p, proc in table.items() if proc.ppid == me and "playwright" in proc.command
        }
        for pid in set().union(*(procs.tree(d, table) for d in drivers)):
            parts.setdefault(procs.browser_part(table[pid].command), set()).add(pid)
        row = {part: procs.pss_mb(pids, "Pss_Anon:") for part, pids in parts.items()}
        row["renderers_count"] = sum(
            "--type=renderer" in table[p].command for p in parts.get("renderers", set())
        )
        row["all"] = sum(v for k, v in row.items() if k != "renderers_count")
        for part, mb in row.items():
            peaks[part] = max(peaks.get(part, 0.0), mb)
        time.sleep(0.2)


async def _run(urls: list[str], switch: str | None) -> dict[str, Any]:
    browser.LAUNCH_ARGS = [*LAUNCH_ARGS, *([switch] if switch else [])]
    pool = browser.BrowserPool(browser.screenshot_chromium(None), 2, 30.0)
    await pool.warm()
    peaks: dict[str, float] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=_sample, args=(peaks, stop))
    sampler.start()
    took: list[float] = []
    pictures: set[str] = set()
    try:
        for _ in range(ROUNDS):
            shots = await asyncio.gather(*(pool.capture(url) for url in urls))
            took += [shot.duration_s for shot in shots]
            pictures |= {hashlib.sha256(shot.png).hexdigest() for shot in shots}
    finally:
        stop.set()
        sampler.join()
        await pool.close()
    return {
        "peaks_mb": {part: round(mb) for part, mb in sorted(peaks.items())},
        "capture_p50_ms": round(statistics.median(took) * 1000),
        "pictures": sorted(pictures),
    }


def run(switches: tuple[str, ...] = DEFAULT_SWITCHES) -> dict[str, Any]:
    refused = [s for s in switches if s.startswith(("--disable-features", "--enable-features"))]
    if refused:
        raise SystemExit(f"would replace livebuild's own feature lists: {refused}")
    if browser.screenshot_chromium(None) is None:
        return {"skipped": "no Chromium found"}
    os.environ["NODE_OPTIONS"] = driver_node_options(os.environ.get("NODE_OPTIONS", ""))
    figures: dict[str, Any] = {"load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory() as root, ExitStack() as stack:
        (Path(root) / "index.html").write_text(PAGE)
        urls = [stack.enter_context(served(Path(root))) + "index.html" for _ in range(ORIGINS)]
        try:
            baseline = asyncio.run(_run(urls, None))
            figures["none"] = baseline
            for switch in switches:
                figures[switch] = asyncio.run(_run(urls, switch))
                same = figures[switch]["pictures"] == baseline["pictures"]
                figures[switch]["same_pictures"] = same
        finally:
            browser.LAUNCH_ARGS = list(LAUNCH_ARGS)
    figures["load_after"] = os.getloadavg()
    return figures


def main() -> None:
    figures = run(tuple(sys.argv[1:]) or DEFAULT_SWITCHES)
    for name, row in figures.items():
        if isinstance(row, dict) and "peaks_mb" in row:
            same = "" if name == "none" else f", same pictures: {row['same_pictures']}"
            print(f"{name}: {row['peaks_mb']} capture p50 {row['capture_p50_ms']} ms{same}")
    print(f"load average {figures.get('load_before')} -> {figures.get('load_after')}")


if __name__ == "__main__":
    main()
