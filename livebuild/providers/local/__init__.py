"""The local provider: a GGUF model run by llama.cpp on this machine, no key, no network.

The model is loaded once per machine by a shared model server (see `machine`); this
provider finds or starts it and talks to it as to any OpenAI-compatible server, asking for
output constrained to the task's JSON schema and for a founder's reading to go first.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any

from livebuild.providers.base import (
    Chunk,
    Message,
    ModelProvider,
    ModelStream,
    ProviderError,
    ProviderTimeout,
    Task,
    TransientProviderError,
)
from livebuild.providers.local.counts import TASK_HEADER
from livebuild.providers.local.machine import (
    ServerAddress,
    ServerPlan,
    ServerUnavailable,
    find_or_start,
)
from livebuild.providers.local.model_file import model_path
from livebuild.providers.local.server import PRIORITY_HEADER, WITHIN_HEADER
from livebuild.settings import Settings

if TYPE_CHECKING:
    from livebuild.providers.openai import OpenAIProvider

__all__ = ["LocalProvider", "ServerPlan", "server_plan"]

_LLGUIDANCE = "%llguidance {}\nstart: %json "
# A schema-bound answer is a decision the rules act on: greedy sampling from a fixed seed.
# The server's prompt cache stays on: without it every call reads its whole prompt afresh,
# about three times the CPU a reading costs (15 CPU-s against 5.5, measured), which breaks
# the 15-second plan budget on two cores. The price: a prompt read partly from the cache is
# read in batches of other sizes, which round differently, so at a near tie the same idea
# asked twice in a row can get a different answer.
_SAME_ANSWER: dict[str, Any] = {"temperature": 0, "seed": 15}


def server_plan(settings: Settings) -> ServerPlan:
    """The machine's model server as the settings describe it (one per data dir)."""
    return ServerPlan(
        run_dir=settings.data_dir / "model-server",
        model=model_path(settings).resolve(),
        max_waiting=settings.local_model_queue,
        max_job_s=settings.model_timeout_s,
        idle_s=settings.local_model_idle_s,
        threads=settings.local_model_threads,
        threads_when_quiet=settings.local_model_threads_when_quiet,
    )


class LocalProvider(ModelProvider):
    name = "local"
    constrains_output = True

    def __init__(self, plan: ServerPlan, *, timeout_s: float, max_retries: int = 1) -> None:
        super().__init__(timeout_s=timeout_s, max_retries=max_retries)
        self.plan = plan
        self._client: OpenAIProvider | None = None
        self._lock = asyncio.Lock()
        # What a founder's reading holds while it runs (the machine's background pictures),
        # so the model has the cores; nothing by default.
        self.founder_hold: Callable[[], AbstractAsyncContextManager[None]] = contextlib.nullcontext

    async def prepare(self) -> None:
        """Find or start the model server now, so the first idea doesn't wait for loading."""
        await self._server()

    async def _found(self) -> ServerAddress:
        """The machine's model server, found or started (off the event loop)."""
        if not self.plan.model.is_file():
            raise ProviderError(f"local model: no model file at {self.plan.model}")
        try:
            return await asyncio.to_thread(find_or_start, self.plan)
        except ServerUnavailable as error:
            raise ProviderError(f"local model: {error}") from error

    async def _server(self) -> OpenAIProvider:
        async with self._lock:
            if self._client is None:
                found = await self._found()
                # Imported on first use: the OpenAI client library costs every process that
                # imports this package (each CLI command) about 2 s of CPU; imported off the
                # event loop, so a founder's deadline still fires on time while it loads.
                openai_module = await asyncio.to_thread(
                    importlib.import_module, "livebuild.providers.openai"
                )
                client: OpenAIProvider = openai_module.OpenAIProvider(
                    api_key=found.token,
                    base_url=found.url,
                    model=self.plan.model.name,
                    timeout_s=self.timeout_s,
                )
                client.name = self.name
                self._client = client
            return self._client

    async def _forget(self) -> None:
        # The server went away (idle exit, restart): the next try finds or starts it again.
        async with self._lock:
            client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    def stream(
        self, system: str, messages: list[Message], task: Task, *, max_tokens: int = 1024
    ) -> ModelStream:
        headers = {
            PRIORITY_HEADER: "founder" if task.founder_waiting else "background",
            TASK_HEADER: task.kind,
        }
        ends: list[float] = []  # when the caller stops waiting, fixed at the first try
        body: dict[str, Any] = {}
        if task.schema is not None and "x-guidance" in task.schema:
            # Held to the schema by llguidance directly, so its `x-guidance` options (compact
            # JSON, no indents) hold: a small model spends a token on every space it may write.
            body["grammar"] = _LLGUIDANCE + json.dumps(task.schema, separators=(",", ":"))
            body.update(_SAME_ANSWER)
        elif task.schema is not None:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": task.kind, "schema": task.schema},
            }
            body.update(_SAME_ANSWER)

        hold = self.founder_hold if task.founder_waiting else contextlib.nullcontext

        async def chunks() -> AsyncIterator[Chunk]:
            loop = asyncio.get_running_loop()
            if task.within_s is not None and not ends:
                ends.append(loop.time() + task.within_s)
            client = await self._server()
            if ends:
                # What is left of the caller's time (a second try after "busy" has less).
                if (left := ends[0] - loop.time()) <= 0:
                    raise ProviderTimeout(f"{self.name}: the caller's time ran out")
                headers[WITHIN_HEADER] = f"{left:.3f}"
            try:
                async with hold():
                    async for chunk in client.chunks(
                        system,
                        messages,
                        max_tokens=max_tokens,
                        extra_headers=headers,
                        extra_body=body,
                    ):
                        yield chunk
            except TransientProviderError as error:
                import httpx
                import openai

                if isinstance(error.__cause__, (openai.APIConnectionError, httpx.TransportError)):
                    await self._forget()
                raise

        return self._model_stream(chunks, system, messages, max_tokens=max_tokens)

    async def read_ahead(self, key: str, system: str, user: str) -> None:
        """Have the model server read `system` then `user` (the opening of a reading a
        founder is likely to ask for on the app `key`) as background work when it is free,
        so that reading then reads only what follows. Returns once queued; a newer opening
        for `key` replaces this one. Raises `ProviderError` when it can't be queued."""
        found = await self._found()
        import httpx

        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        try:
            async with httpx.AsyncClient(timeout=10.0) as client:
                response = await client.post(
                    f"{found.url}/read-ahead",
                    json={"key": key, "messages": messages},
                    headers={"authorization": f"Bearer {found.token}"},
                )
        except httpx.HTTPError as error:
            raise ProviderError(f"local model: reading ahead: {error!r}") from error
        if response.status_code != 202:
            raise ProviderError(f"local model: reading ahead: {response.status_code}")

    async def aclose(self) -> None:
        await self._forget()
