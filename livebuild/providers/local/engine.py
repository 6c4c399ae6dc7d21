"""What answers a chat request inside the model server: llama.cpp through xllamacpp.

An engine streams OpenAI-style chunks to `emit`, which returns True when the answer is no
longer wanted (the caller left, or its time ran out); generation then stops.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

Emit = Callable[[dict[str, Any]], bool]


class Engine(Protocol):
    name: str

    def generate(self, body: dict[str, Any], emit: Emit) -> None: ...


class EngineError(Exception):
    pass


class LlamaEngine:
    """One GGUF model loaded once; calls run one at a time (the queue sees to that)."""

    def __init__(self, model: Path, *, threads: int = 0, context: int = 4096) -> None:
        import xllamacpp

        params = xllamacpp.CommonParams()
        params.model.path = str(model)
        params.n_ctx = context
        params.n_parallel = 1
        # Half the cores by default: builds and the browser share the machine, and llama.cpp's
        # threads wait on each other, so on busy cores more threads are slower, not faster
        # (measured on 2 busy cores: 1 thread 13.8 s and 3.3 CPU-s for an answer that took
        # 2 threads 105-148 s and 25-29 CPU-s).
        cores = threads or max(1, (os.cpu_count() or 2) // 2)
        params.cpuparams.n_threads = cores
        params.cpuparams_batch.n_threads = cores
        # Threads sleep rather than spin while they wait for work.
        params.cpuparams.poll = 0
        params.cpuparams_batch.poll = 0
        params.warmup = False
        # llama.cpp's own HTTP listener stays on loopback and answers no one: only this
        # process, through the queue, calls the model.
        params.api_keys = [os.urandom(24).hex()]
        self.name = model.name
        self._server = xllamacpp.Server(params)

    def generate(self, body: dict[str, Any], emit: Emit) -> None:
        def on_chunk(chunk: Any) -> bool:
            if isinstance(chunk, dict):
                return emit(chunk)
            return False

        result = self._server.handle_chat_completions({**body, "stream": True}, on_chunk)
        if isinstance(result, dict) and result.get("error"):
            error = result["error"]
            message = error.get("message") if isinstance(error, dict) else str(error)
            raise EngineError(str(message)[:300])
