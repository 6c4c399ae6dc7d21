"""The plan for an idea: from the configured model when there is one, else read offline.

The offline reader refuses (a 422) what it can't read rather than guess. A model reads any
language, so with one configured the idea goes to it as written; whatever goes wrong there
(no answer in time, an answer that isn't a plan) falls back to the offline plan.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging

from livebuild.brief.derive import derive_brief
from livebuild.brief.model import Brief
from livebuild.brief.model_plan import (
    CONSTRAINED_PROMPT,
    CONSTRAINED_SCHEMA,
    SYSTEM_PROMPT,
    PlanRejected,
    parse_plan,
    prompt,
)
from livebuild.brief.readable import check_readable
from livebuild.providers.base import Message, ModelProvider, ProviderError, Task

log = logging.getLogger(__name__)

# A plan with three records and their sample rows fits comfortably.
_MAX_TOKENS = 3000


def offline_plan(idea: str, name: str | None = None) -> Brief:
    """The brief for `idea`; raises `UnreadableIdea` (a 422) when it is too vague or not English."""
    check_readable(idea)
    return derive_brief(idea, name)


async def model_plan(
    provider: ModelProvider, idea: str, name: str | None, *, timeout_s: float
) -> Brief:
    """The model's plan for `idea`; raises `PlanRejected`, `ProviderError` or `TimeoutError`."""
    task = Task("plan", {}, {"idea": idea, "name": name}, schema=CONSTRAINED_SCHEMA)
    system = CONSTRAINED_PROMPT if provider.constrains_output else SYSTEM_PROMPT
    async with asyncio.timeout(timeout_s):
        completion = await provider.complete(
            system, [Message("user", prompt(idea, name))], task, max_tokens=_MAX_TOKENS
        )
    brief = parse_plan(completion.text, idea, name)
    return dataclasses.replace(brief, reader="local" if provider.name == "local" else "model")


async def make_plan(
    idea: str, name: str | None, provider: ModelProvider | None, *, timeout_s: float
) -> Brief:
    """The plan from `provider` if given, falling back to `offline_plan` on any failure."""
    if provider is not None:
        try:
            return await model_plan(provider, idea, name, timeout_s=timeout_s)
        except (ProviderError, TimeoutError, PlanRejected) as error:
            # The reason is technical (a vendor message, a parse error): logs only.
            log.warning("model plan failed, using the offline plan: %s", error)
    return offline_plan(idea, name)
