"""`python -m livebuild.providers.local.process`: run the machine's model server.

Started (detached) by whichever livebuild process first needs the model, which hands it its
token on standard input; it writes where it listens (and the token) to its state file, readable
by this user only, once the model is loaded, and removes it when it exits.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

import uvicorn

from livebuild.core.machine_service import remove_own_state, write_state
from livebuild.providers.local.engine import Engine
from livebuild.providers.local.queue import ModelQueue
from livebuild.providers.local.server import ModelServer, watch_idle

DEFAULT_ENGINE = "livebuild.providers.local.engine:LlamaEngine"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="livebuild's shared local model server")
    parser.add_argument("--model", required=True, type=Path)
    parser.add_argument("--state", required=True, type=Path)
    parser.add_argument("--engine", default=DEFAULT_ENGINE)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--max-waiting", type=int, default=4)
    parser.add_argument("--max-job-s", type=float, default=120.0)
    parser.add_argument("--idle-s", type=float, default=600.0)
    return parser.parse_args(argv)


def load_engine(spec: str, model: Path, threads: int) -> Engine:
    module, _, attr = spec.partition(":")
    factory: Any = getattr(importlib.import_module(module), attr)
    engine: Engine = factory(model, threads=threads)
    return engine


async def serve(args: argparse.Namespace, token: str) -> None:
    engine = await asyncio.to_thread(load_engine, args.engine, args.model, args.threads)
    server = ModelServer(engine, ModelQueue(args.max_waiting), token, args.max_job_s)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        server.app,
        log_level="warning",
        lifespan="off",
        access_log=False,
        # A call still reading its prompt can't be stopped mid-way: don't wait on it for long.
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
    port = sock.getsockname()[1]
    state = {"pid": os.getpid(), "port": port, "token": token, "model": str(args.model)}
    write_state(args.state, state)
    try:
        await asyncio.wait(
            [asyncio.create_task(watch_idle(server, args.idle_s, stop)), running],
            return_when=asyncio.FIRST_COMPLETED,
        )
    finally:
        remove_own_state(args.state)
        server.closing = True  # a call in progress stops at its next token
        web.should_exit = True
        await running


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    # The token arrives as the first line of input, where no other process can read it.
    token = sys.stdin.readline().strip()
    if len(token) < 16:
        raise SystemExit("the server's token must be the first line of its input")
    asyncio.run(serve(args, token))


if __name__ == "__main__":
    main()
