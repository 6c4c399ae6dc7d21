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
from pathlib import Path
from typing import Any

from livebuild.core.machine_service import serve_helper, token_from_input
from livebuild.providers.local.engine import Engine
from livebuild.providers.local.prefixes import Prefixes
from livebuild.providers.local.queue import ModelQueue
from livebuild.providers.local.server import ModelServer, watch_idle
from livebuild.providers.local.threads import ThreadChoice

DEFAULT_ENGINE = "livebuild.providers.local.engine:LlamaEngine"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="livebuild's shared local model server")
    parser.add_argument("--model", required=True, type=Path)
    parser.add_argument("--state", required=True, type=Path)
    parser.add_argument("--engine", default=DEFAULT_ENGINE)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--threads-when-quiet", action="store_true")
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
    prefixes = Prefixes(args.state.with_name("prefixes.json"))
    counts = args.state.with_name("calls.jsonl")
    server = ModelServer(
        engine, ModelQueue(args.max_waiting), token, args.max_job_s, prefixes, counts
    )

    def closing() -> None:
        server.closing = True  # a call in progress stops at its next token

    async def background(stop: asyncio.Event) -> None:
        warming = asyncio.create_task(server.warm())
        reading_ahead = asyncio.create_task(server.read_ahead_loop())
        tasks = [warming, reading_ahead]
        # Opt-in: every core while the machine is quiet, half while busy; a count means
        # something to llama.cpp's engine only.
        if args.threads_when_quiet and args.threads == 0 and args.engine == DEFAULT_ENGINE:
            cores = os.cpu_count() or 2
            choice = ThreadChoice(cores, max(1, cores // 2))

            def load(threads: int) -> Engine:
                return load_engine(args.engine, args.model, threads)

            tasks.append(asyncio.create_task(server.retune_loop(choice, load)))
        try:
            await watch_idle(server, args.idle_s, stop)
        finally:
            for task in tasks:
                task.cancel()

    await serve_helper(
        server.app,
        args.state,
        token,
        background,
        fields={"model": str(args.model)},
        closing=closing,
    )


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    asyncio.run(serve(args, token_from_input("server")))


if __name__ == "__main__":
    main()
