"""Model providers behind one contract, picked by name; vendor SDKs are imported lazily."""

from __future__ import annotations

from livebuild.providers.base import (
    Completion,
    Message,
    ModelProvider,
    ModelStream,
    ProviderError,
    Task,
    Usage,
)

PROVIDER_NAMES: tuple[str, ...] = ("offline", "anthropic", "openai")

__all__ = [
    "PROVIDER_NAMES",
    "Completion",
    "Message",
    "ModelProvider",
    "ModelStream",
    "ProviderError",
    "Task",
    "Usage",
    "create_provider",
]


def create_provider(
    name: str,
    *,
    api_key: str | None,
    base_url: str | None,
    model: str | None,
    timeout_s: float,
    max_retries: int = 1,
) -> ModelProvider:
    """`openai` covers every OpenAI-compatible server (Ollama, vLLM, LM Studio) via base_url."""
    if name == "offline":
        from livebuild.providers.offline import OfflineProvider

        return OfflineProvider(timeout_s=timeout_s, max_retries=max_retries)
    if name == "anthropic":
        from livebuild.providers.anthropic import AnthropicProvider

        return AnthropicProvider(
            api_key=api_key,
            base_url=base_url,
            model=model,
            timeout_s=timeout_s,
            max_retries=max_retries,
        )
    if name == "openai":
        from livebuild.providers.openai import OpenAIProvider

        return OpenAIProvider(
            api_key=api_key,
            base_url=base_url,
            model=model,
            timeout_s=timeout_s,
            max_retries=max_retries,
        )
    raise ValueError(f"unknown model provider {name!r}; choose one of {', '.join(PROVIDER_NAMES)}")
