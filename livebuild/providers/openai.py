"""OpenAI's Chat Completions through the official SDK, streamed.

Also the way to any OpenAI-compatible server (Ollama, vLLM, LM Studio): point `base_url` at
it. Such servers may leave usage out of the stream; ModelStream then counts tokens itself.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Any

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
            stream = await self._client.chat.completions.create(
                model=self.model,
                messages=prompt,
                max_tokens=max_tokens,
                stream=True,
                stream_options={"include_usage": True},
                extra_headers=extra_headers,
                extra_body=extra_body,
            )
            async with stream:
                async for chunk in stream:
                    if chunk.choices and chunk.choices[0].delta.content:
                        yield chunk.choices[0].delta.content
                    if chunk.usage is not None:
                        yield Usage(chunk.usage.prompt_tokens, chunk.usage.completion_tokens)
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
        except openai.APIError as error:
            if getattr(error, "type", None) == "busy":
                # A queue that gave this call's place to a founder's, mid-wait.
                raise ProviderBusy(f"{self.name} busy: {error.message}") from error
            if getattr(error, "type", None) == "timeout":
                # Stopped by the server at the time the caller said it would wait.
                raise ProviderTimeout(f"{self.name}: {error.message}") from error
            raise ProviderError(f"openai: {error!r}") from error
        except openai.OpenAIError as error:
            raise ProviderError(f"openai: {error!r}") from error

    async def aclose(self) -> None:
        await self._client.close()
