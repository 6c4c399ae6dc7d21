"""OpenAI's Chat Completions through the official SDK, streamed.

Also the way to any OpenAI-compatible server (Ollama, vLLM, LM Studio): point `base_url` at
it. Such servers may leave usage out of the stream; ModelStream then counts tokens itself.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Any

import httpx
import openai
from openai.types.chat import ChatCompletionMessageParam

from livebuild.providers.base import (
    Chunk,
    Message,
    ModelProvider,
    ModelStream,
    ProviderBusy,
    ProviderError,
    ProviderTimeout,
    Task,
    TransientProviderError,
    Usage,
    retry_after_s,
)
from livebuild.providers.sse import EventTooLong, event_data, event_object

DEFAULT_MODEL = "gpt-4o-mini"


class OpenAIProvider(ModelProvider):
    name = "openai"

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        model: str | None,
        timeout_s: float,
        max_retries: int = 1,
    ) -> None:
        super().__init__(timeout_s=timeout_s, max_retries=max_retries)
        self.model = model or DEFAULT_MODEL
        # Local servers need no key, but the SDK refuses to start without one.
        self._client = openai.AsyncOpenAI(
            api_key=api_key or os.environ.get("OPENAI_API_KEY") or "not-needed",
            base_url=base_url,
            timeout=timeout_s,
            max_retries=0,
        )

    def stream(
        self, system: str, messages: list[Message], task: Task, *, max_tokens: int = 1024
    ) -> ModelStream:
        return self._model_stream(
            lambda: self.chunks(system, messages, max_tokens=max_tokens),
            system,
            messages,
            max_tokens=max_tokens,
        )

    async def chunks(
        self,
        system: str,
        messages: list[Message],
        *,
        max_tokens: int,
        extra_headers: dict[str, str] | None = None,
        extra_body: dict[str, Any] | None = None,
    ) -> AsyncIterator[Chunk]:
        """The answer's text deltas, then its usage; what an OpenAI-compatible server streams."""
        prompt: list[ChatCompletionMessageParam] = [{"role": "system", "content": system}]
        for m in messages:
            if m.role == "user":
                prompt.append({"role": "user", "content": m.content})
            else:
                prompt.append({"role": "assistant", "content": m.content})
        try:
            # The raw stream, its events read here (`sse`): the SDK's typed chunks cost about
            # a millisecond each on a slow core. Its request, retries and errors still hold.
            async with self._client.chat.completions.with_streaming_response.create(
                model=self.model,
                messages=prompt,
                max_tokens=max_tokens,
                stream=True,
                stream_options={"include_usage": True},
                extra_headers=extra_headers,
                extra_body=extra_body,
            ) as response:
                async for data in event_data(response.http_response.aiter_bytes()):
                    if data.startswith("[DONE]"):
                        break
                    for piece in self._pieces(data):
                        yield piece
        except EventTooLong as error:
            raise ProviderError(f"{self.name}: {error}") from error
        except httpx.TimeoutException as error:
            # Nothing came for the client's whole timeout mid-answer (the request's own
            # failures are the SDK's errors below).
            raise ProviderTimeout(f"{self.name}: the answer stalled: {error!r}") from error
        except httpx.TransportError as error:
            # The connection dropped mid-answer.
            raise TransientProviderError(f"{self.name} unreachable: {error!r}") from error
        except openai.RateLimitError as error:
            raise TransientProviderError(
                f"openai rate limit: {error.message}", retry_after_s(error.response.headers)
            ) from error
        except openai.APIStatusError as error:
            if error.status_code == 503:
                raise ProviderBusy(
                    f"{self.name} busy: {error.message}", retry_after_s(error.response.headers)
                ) from error
            raise ProviderError(f"openai answered {error.status_code}: {error.message}") from error
        except openai.APIConnectionError as error:
            raise TransientProviderError(f"openai unreachable: {error!r}") from error
        except openai.OpenAIError as error:
            raise ProviderError(f"openai: {error!r}") from error

    def _pieces(self, data: str) -> list[Chunk]:
        """The text delta and the usage an event carries; an error it carries is raised."""
        event = event_object(data)
        if event is None:
            raise ProviderError(f"{self.name}: a streamed event that is not a JSON object")
        error = event.get("error")
        if error is not None:
            said = error if isinstance(error, dict) else {"message": str(error)}
            message, kind = str(said.get("message", ""))[:300], said.get("type")
            if kind == "busy":
                # A queue that gave this call's place to a founder's, mid-wait.
                raise ProviderBusy(f"{self.name} busy: {message}")
            if kind == "timeout":
                # Stopped by the server at the time the caller said it would wait.
                raise ProviderTimeout(f"{self.name}: {message}")
            raise ProviderError(f"{self.name}: {message}")
        pieces: list[Chunk] = []
        choices = event.get("choices")
        first = choices[0] if isinstance(choices, list) and choices else None
        delta = first.get("delta") if isinstance(first, dict) else None
        content = delta.get("content") if isinstance(delta, dict) else None
        if isinstance(content, str) and content:
            pieces.append(content)
        usage = event.get("usage")
        if isinstance(usage, dict):
            prompt, written = usage.get("prompt_tokens"), usage.get("completion_tokens")
            pieces.append(
                Usage(
                    prompt if isinstance(prompt, int) else 0,
                    written if isinstance(written, int) else 0,
                )
            )
        return pieces

    async def aclose(self) -> None:
        await self._client.close()
