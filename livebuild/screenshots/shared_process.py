"""`python -m livebuild.screenshots.shared_process`: run the machine's screenshot service.

Started (detached) by whichever livebuild process first needs a screenshot, which hands it
its token on standard input; it launches Chromium, then writes where it listens (and the
token) to its state file, readable by this user only, and removes it when it exits.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path

from livebuild.core.cpu_share import BackgroundShare
from livebuild.core.heap import limit_arenas
from livebuild.core.machine_service import serve_helper, token_from_input
from livebuild.screenshots.devtools import DevToolsPool
from livebuild.screenshots.gate import PriorityGate
from livebuild.screenshots.shared_server import ScreenshotServer, watch


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="livebuild's shared screenshot service")
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--state", required=True, type=Path)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--max-waiting", type=int, default=64)
    parser.add_argument("--timeout-s", type=float, default=10.0)
    parser.add_argument("--idle-s", type=float, default=300.0)
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace, token: str) -> None:
    share = BackgroundShare()
    print(f"screenshot service: {share.note}", flush=True)

    def held(now: bool) -> None:
        # The service, its browser and every renderer yield the cores to the model.
        (share.lower if now else share.restore)(os.getpid())

    # Over the DevTools protocol directly: no Node driver beside Chromium (~100 MB less at
    # the capture peak, a fifth less CPU a picture; the same pictures).
    pool = DevToolsPool(args.chromium, args.concurrency, args.timeout_s)
    await pool.warm()
    gate = PriorityGate(args.concurrency, args.max_waiting, on_held=held)
    server = ScreenshotServer(pool, gate, token)
    try:
        await serve_helper(
            server.app, args.state, token, lambda stop: watch(server, args.idle_s, stop)
        )
    finally:
        await pool.close()


# For a Playwright driver (a browser in a livebuild process of its own, and the bench's
# comparisons; the service itself runs none): it only relays commands and pictures, and a
# 1 MB young generation (16 MB by default) keeps it ~25-30 MB smaller at 5 captures at once,
# no slower; without V8's compilers (it runs no WebAssembly) ~10 MB smaller again.
DRIVER_NODE_FLAGS = ("--max-semi-space-size=1", "--jitless")
DRIVER_NODE_OPTION = " ".join(DRIVER_NODE_FLAGS)


def driver_node_options(current: str) -> str:
    """NODE_OPTIONS for the driver: the operator's own, with each of ours they did not
    choose themselves (a size they set, or `--no-jitless`, stays theirs)."""
    ours = []
    for flag in DRIVER_NODE_FLAGS:
        name = flag.split("=", 1)[0]
        if name not in current and f"--no-{name[2:]}" not in current:
            ours.append(flag)
    return " ".join([current.strip(), *ours]).strip()


def main(argv: list[str] | None = None) -> None:
    limit_arenas()
    args = _arguments(argv)
    asyncio.run(serve(args, token_from_input("screenshot service")))


if __name__ == "__main__":
    main()
