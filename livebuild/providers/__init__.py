"""Model providers behind one contract, picked by name; vendor SDKs are imported lazily."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING

from livebuild.providers.base import (
    Completion,
    Message,
    ModelProvider,
    ModelStream,
    ProviderError,
    Task,
    Usage,
)

PROVIDER_NAMES: tuple[str, ...] = ("offline", "anthropic", "openai", "local", "auto")

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
    "provider_for",
    "resolve_provider_name",
]

if TYPE_CHECKING:
    from livebuild.settings import Settings


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
    if name == "local":
        raise ValueError("the local provider is made from settings: use provider_for(settings)")
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


def resolve_provider_name(settings: Settings) -> str:
    """`auto`: a configured cloud model, else the local model if its file is here, else rules."""
    if settings.model_provider != "auto":
        return settings.model_provider
    if settings.model_base_url or os.environ.get("OPENAI_API_KEY"):
        return "openai"
    if os.environ.get("ANTHROPIC_API_KEY"):
        return "anthropic"
    if settings.model_api_key is not None:
        return "openai"
    from livebuild.providers.local.model_file import local_model_ready

    return "local" if local_model_ready(settings) else "offline"


def provider_for(settings: Settings) -> ModelProvider:
    """The provider the settings name, `auto` resolved."""
    name = resolve_provider_name(settings)
    if name == "local":
        from livebuild.providers.local import LocalProvider, server_plan

        plan = server_plan(settings)
        local = LocalProvider(plan, timeout_s=settings.model_timeout_s)
        local.plan_timeout_s = settings.local_plan_timeout_s
        local.plan_reading = settings.model_plan_reading
        split = settings.model_plan_split
        local.plan_split = "vote" if split == "auto" else split
        change = settings.model_change_split
        local.change_split = "vote" if change == "auto" else change
        if settings.screenshots_enabled and settings.screenshot_browser == "shared":
            local.founder_hold = _captures_held(settings)
        return local
    provider = create_provider(
        name,
        api_key=settings.model_api_key.get_secret_value() if settings.model_api_key else None,
        base_url=settings.model_base_url,
        model=settings.model_name,
        timeout_s=settings.model_timeout_s,
    )
    provider.plan_reading = settings.model_plan_reading
    split = settings.model_plan_split
    # Measured with the local model only: a hosted model keeps its own kinds unless told.
    provider.plan_split = "model" if split == "auto" else split
    # The change vote was measured with the local model only.
    change = settings.model_change_split
    provider.change_split = "rules" if change == "auto" else change
    return provider


def _captures_held(settings: Settings) -> Callable[[], AbstractAsyncContextManager[None]]:
    """A founder's reading holds the machine's background pictures, for no longer than the
    longest a reading may take."""
    from livebuild.screenshots.shared import MAX_HOLD_S, background_held, service_plan

    plan = service_plan(settings)
    bound = max(settings.local_plan_timeout_s, settings.change_timeout_s, settings.plan_timeout_s)
    return lambda: background_held(plan, min(bound, MAX_HOLD_S))
