"""Anthropic's Messages API through the official SDK, streamed."""

from __future__ import annotations

from collections.abc import AsyncIterator

import anthropic
from anthropic.types import MessageParam

from livebuild.providers.base import (
    Chunk,
    Message,
    ModelProvider,
    ModelStream,
    ProviderError,
    Task,
    TransientProviderError,
    Usage,
    retry_after_s,
)

DEFAULT_MODEL = "claude-sonnet-5-5"
_OVERLOADED = 529


class AnthropicProvider(ModelProvider):
    name = "anthropic"

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
        # Retries belong to ModelStream, which shares them with every provider.
        self._client = anthropic.AsyncAnthropic(
            api_key=api_key, base_url=base_url, timeout=timeout_s, max_retries=0
        )

    def stream(
        self, system: str, messages: list[Message], task: Task, *, max_tokens: int = 1024
    ) -> ModelStream:
        prompt: list[MessageParam] = []
        for m in messages:
            if m.role == "user":
                prompt.append({"role": "user", "content": m.content})
            else:
                prompt.append({"role": "assistant", "content": m.content})

        async def chunks() -> AsyncIterator[Chunk]:
            try:
                async with self._client.messages.stream(
                    model=self.model, max_tokens=max_tokens, system=system, messages=prompt
                ) as stream:
                    async for text in stream.text_stream:
                        yield text
                    final = await stream.get_final_message()
                yield Usage(final.usage.input_tokens, final.usage.output_tokens)
            except anthropic.RateLimitError as error:
                raise TransientProviderError(
                    f"anthropic rate limit: {error.message}", retry_after_s(error.response.headers)
                ) from error
            except anthropic.APIStatusError as error:
                if error.status_code == _OVERLOADED:
                    raise TransientProviderError(
                        f"anthropic overloaded: {error.message}",
                        retry_after_s(error.response.headers),
                    ) from error
                raise ProviderError(
                    f"anthropic answered {error.status_code}: {error.message}"
                ) from error
            except anthropic.APIConnectionError as error:
                raise TransientProviderError(f"anthropic unreachable: {error!r}") from error
            except anthropic.AnthropicError as error:
                raise ProviderError(f"anthropic: {error!r}") from error

        return self._model_stream(chunks, system, messages, max_tokens=max_tokens)

    async def aclose(self) -> None:
        await self._client.close()
