"""The model provider contract: a streamed answer with its token usage, within a time limit."""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from livebuild.providers.token_count import count_tokens


@dataclass(frozen=True)
class Message:
    role: Literal["user", "assistant"]
    content: str


FOUNDER_TASKS = frozenset({"plan", "change"})


@dataclass(frozen=True)
class Task:
    """What a call is for, so the offline model can answer without a real model."""

    kind: str  # "plan" | "change" | "narration" | "docs" | "changelog" | "app"
    brief: dict[str, Any]
    details: dict[str, Any] = field(default_factory=dict)
    # The JSON schema the answer must match; providers that can constrain output to it do.
    schema: dict[str, Any] | None = None
    # How long the caller will wait for the answer, when that is shorter than the provider's
    # own limit: a shared model that can't start it by then says "busy" at once.
    within_s: float | None = None

    @property
    def founder_waiting(self) -> bool:
        """A founder is waiting on this answer (a plan or a change's reading), not a build."""
        return self.kind in FOUNDER_TASKS


# The offline model's rules (writing a plan, code, a guide, narration) live in layers above
# providers; they register here, so the offline provider answers without importing them.
OfflineAnswer = Callable[[Task], str]
_offline_answers: list[OfflineAnswer] = []


def register_offline_answer(answer: OfflineAnswer) -> None:
    """Make `answer` the offline model's; the last registered wins."""
    _offline_answers.append(answer)


def offline_answer(task: Task) -> str:
    """The registered offline model's answer to `task`."""
    if not _offline_answers:
        raise ProviderError(
            "offline: no rules are registered to answer with (import livebuild.engine first)"
        )
    return _offline_answers[-1](task)


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0

    @property
    def total(self) -> int:
        return self.input_tokens + self.output_tokens


@dataclass(frozen=True)
class Completion:
    text: str
    usage: Usage


class ProviderError(Exception):
    """A technical message for logs; never shown to founders."""


class TransientProviderError(ProviderError):
    """Rate limits, timeouts and dropped connections: worth one more try."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class ProviderBusy(TransientProviderError):
    """The model has more work waiting than it takes: fall back, or try again later."""


class ProviderTimeout(ProviderError):
    pass


# What an implementation streams: text deltas, and the usage once the vendor reports it.
Chunk = str | Usage
OpenStream = Callable[[], AsyncIterator[Chunk]]

_MAX_BACKOFF_S = 10.0

# No tokenizer packs more characters than this into a token (a long run of spaces comes
# nearest); an answer longer than its `max_tokens` allow at this rate is not a model's.
CHARS_PER_TOKEN_MAX = 32


class AnswerTooLong(ProviderError):
    """The answer passed the size its token limit allows; what came is dropped."""


def retry_after_s(headers: Mapping[str, str]) -> float | None:
    """The server's `Retry-After` in seconds, when it sent a number."""
    value = headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def prompt_tokens(system: str, messages: list[Message]) -> int:
    return count_tokens(system) + sum(count_tokens(m.content) for m in messages)


class ModelStream:
    """Async-iterable over text deltas; `text` and `usage` are complete once iteration ends.

    It owns the policy every provider shares: one overall deadline (a provider that hangs
    mid-stream is cut off), a bound on the answer's size (`max_chars`: a vendor streaming
    megabytes is cut off too), a bounded retry with backoff for transient failures before
    any text was seen, and token counts estimated when the vendor reports none.
    """

    def __init__(
        self,
        provider: str,
        open_stream: OpenStream,
        *,
        prompt_tokens: int,
        timeout_s: float,
        max_retries: int,
        backoff_s: float,
        max_chars: int | None = None,
    ) -> None:
        self._provider = provider
        self._max_chars = max_chars
        # The answer so far, in pieces: joining once costs the length, adding to one string
        # each time would cost its square.
        self._parts: list[str] = []
        self._length = 0
        self._open = open_stream
        self._prompt_tokens = prompt_tokens
        self._timeout_s = timeout_s
        self._max_retries = max_retries
        self._backoff_s = backoff_s
        self._started = False
        self._reported: Usage | None = None
        self.usage = Usage()

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    def _add(self, chunk: str) -> None:
        self._length += len(chunk)
        if self._max_chars is not None and self._length > self._max_chars:
            self._parts, self._length = [], 0
            raise AnswerTooLong(
                f"{self._provider}: the answer passed {self._max_chars:,} characters, more than "
                "its token limit allows; it was cut off"
            )
        self._parts.append(chunk)

    def __aiter__(self) -> AsyncIterator[str]:
        if self._started:
            raise RuntimeError("a model stream can be read once")
        self._started = True
        return self._deltas()

    async def _deltas(self) -> AsyncIterator[str]:
        loop = asyncio.get_running_loop()
        try:
            async for delta in self._attempts(loop.time() + self._timeout_s):
                yield delta
        finally:
            # Partial answers are paid for too: estimate what the vendor did not report.
            reported = self._reported
            self.usage = Usage(
                input_tokens=(reported.input_tokens if reported else 0) or self._prompt_tokens,
                output_tokens=(reported.output_tokens if reported else 0)
                or count_tokens(self.text),
            )

    async def _attempts(self, deadline: float) -> AsyncIterator[str]:
        loop = asyncio.get_running_loop()
        attempt = 0
        while True:
            chunks = self._open()
            try:
                while True:
                    try:
                        async with asyncio.timeout_at(deadline):
                            chunk = await anext(chunks)
                    except StopAsyncIteration:
                        break
                    except TimeoutError as error:
                        raise ProviderTimeout(
                            f"{self._provider}: no complete answer within {self._timeout_s:g}s"
                        ) from error
                    if isinstance(chunk, Usage):
                        self._reported = chunk
                    elif chunk:
                        self._add(chunk)
                        yield chunk
                break
            except TransientProviderError as error:
                remaining = deadline - loop.time()
                wait = min(
                    error.retry_after_s
                    if error.retry_after_s is not None
                    else self._backoff_s * 2**attempt,
                    _MAX_BACKOFF_S,
                )
                if self._length or attempt >= self._max_retries or wait >= remaining:
                    raise
                attempt += 1
                await asyncio.sleep(wait)
            except ProviderError:
                raise
            except Exception as error:
                # The one place where whatever a vendor SDK raises becomes a ProviderError,
                # so callers handle a single failure type.
                raise ProviderError(f"{self._provider}: {error!r}") from error
            finally:
                await _close(chunks)


async def _close(chunks: AsyncIterator[Chunk]) -> None:
    close = getattr(chunks, "aclose", None)
    if close is not None:
        await close()


class ModelProvider(ABC):
    name: str
    # Whether answers are held to `Task.schema` as they are written (so prompts needn't
    # spell the shape out).
    constrains_output: bool = False
    # Its own budget for reading a founder's idea into a plan, where the caller's doesn't fit
    # (a local model on shared cores); None: the caller's.
    plan_timeout_s: float | None = None
    # How it reads an idea's records: naming them freely, or labelling the English layer's
    # nouns (`LIVEBUILD_MODEL_PLAN_READING`).
    plan_reading: str = "names"
    # Which reader chooses a plan's record kinds (`model_split.SPLITS`,
    # `LIVEBUILD_MODEL_PLAN_SPLIT`): the rules' kinds two readers vote for, with the model's
    # details and links, by default.
    plan_split: str = "vote"
    # How a change request it reads is decided with the rules' reading (`model_change_vote`,
    # `LIVEBUILD_MODEL_CHANGE_SPLIT`): `rules` (the rules' sure readings first) unless told.
    change_split: str = "rules"

    def __init__(self, *, timeout_s: float, max_retries: int = 1, backoff_s: float = 0.5) -> None:
        self.timeout_s = timeout_s
        self.max_retries = max_retries
        self.backoff_s = backoff_s

    @abstractmethod
    def stream(
        self, system: str, messages: list[Message], task: Task, *, max_tokens: int = 1024
    ) -> ModelStream: ...

    async def complete(
        self, system: str, messages: list[Message], task: Task, *, max_tokens: int = 1024
    ) -> Completion:
        stream = self.stream(system, messages, task, max_tokens=max_tokens)
        async for _ in stream:
            pass
        return Completion(stream.text, stream.usage)

    async def aclose(self) -> None:  # noqa: B027 - optional hook; most providers hold nothing
        """Release connections; the default holds none."""

    async def prepare(self) -> None:  # noqa: B027 - optional hook; most providers need none
        """Get ready for the first call (load a local model); the default needs nothing."""

    def _model_stream(
        self,
        open_stream: OpenStream,
        system: str,
        messages: list[Message],
        *,
        max_tokens: int | None = None,
    ) -> ModelStream:
        return ModelStream(
            self.name,
            open_stream,
            prompt_tokens=prompt_tokens(system, messages),
            timeout_s=self.timeout_s,
            max_retries=self.max_retries,
            backoff_s=self.backoff_s,
            max_chars=max_tokens * CHARS_PER_TOKEN_MAX if max_tokens else None,
        )
