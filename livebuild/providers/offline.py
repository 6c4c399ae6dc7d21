"""The offline provider: the registered offline rules' answer, streamed like a real model's."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

from livebuild.providers.base import (
    Chunk,
    Message,
    ModelProvider,
    ModelStream,
    OfflineAnswer,
    Task,
    Usage,
    offline_answer,
)
from livebuild.providers.token_count import count_tokens

# A few words per delta, like a real model's stream.
_CHUNK = re.compile(r"\S+\s*(?:\S+\s*){0,2}|\s+")


class OfflineProvider(ModelProvider):
    name = "offline"

    def __init__(
        self,
        *,
        timeout_s: float,
        max_retries: int = 1,
        backoff_s: float = 0.5,
        answer: OfflineAnswer = offline_answer,
    ) -> None:
        super().__init__(timeout_s=timeout_s, max_retries=max_retries, backoff_s=backoff_s)
        self._answer = answer

    def stream(
        self, system: str, messages: list[Message], task: Task, *, max_tokens: int = 1024
    ) -> ModelStream:
        async def chunks() -> AsyncIterator[Chunk]:
            text = self._answer(task)
            for piece in _CHUNK.findall(text):
                yield piece
                await asyncio.sleep(0)
            prompt = count_tokens(system) + sum(count_tokens(m.content) for m in messages)
            yield Usage(input_tokens=prompt, output_tokens=count_tokens(text))

        return self._model_stream(chunks, system, messages)
