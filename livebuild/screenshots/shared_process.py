"""`python -m livebuild.screenshots.shared_process`: run the machine's screenshot service.

Started (detached) by whichever livebuild process first needs a screenshot, which hands it
its token on standard input; it launches Chromium, then writes where it listens (and the
token) to its state file, readable by this user only, and removes it when it exits.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import uvicorn

from livebuild.core.machine_service import remove_own_state, write_state
from livebuild.screenshots.browser import BrowserPool
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
    pool = BrowserPool(args.chromium, args.concurrency, args.timeout_s)
    await pool.warm()
    server = ScreenshotServer(pool, PriorityGate(args.concurrency, args.max_waiting), token)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        server.app,
        log_level="warning",
        lifespan="off",
        access_log=False,
        timeout_graceful_shutdown=5,
    )
    web = uvicorn.Server(config)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    running = asyncio.create_task(web.serve(sockets=[sock]))
    while not web.started and not running.done():  # noqa: ASYNC110 - uvicorn has no event
        await asyncio.sleep(0.02)
    write_state(args.state, {"pid": os.getpid(), "port": sock.getsockname()[1], "token": token})
    try:
        await asyncio.wait(
            [asyncio.create_task(watch(server, args.idle_s, stop)), running],
            return_when=asyncio.FIRST_COMPLETED,
        )
    finally:
        remove_own_state(args.state)
        web.should_exit = True
        await running
        await pool.close()


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    # The token arrives as the first line of input, where no other process can read it.
    token = sys.stdin.readline().strip()
    if len(token) < 16:
        raise SystemExit("the service's token must be the first line of its input")
    asyncio.run(serve(args, token))


if __name__ == "__main__":
    main()
