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
from livebuild.brief.readable import NotARecordApp, check_readable
from livebuild.english import app_kind, nlp, spelling
from livebuild.english.app_kind import RECORDS, app_kinds
from livebuild.providers.base import Message, ModelProvider, ProviderError, Task

log = logging.getLogger(__name__)

# A plan with eight records and their sample rows fits comfortably.
_MAX_TOKENS = 6000


def warm_offline_reader() -> None:
    """Load the English pipeline, dictionary and embeddings (about two seconds, once a process),
    so the first founder's plan is as quick as the rest."""
    nlp.warm()
    spelling.known("warm")
    app_kind.warm()


def offline_plan(idea: str, name: str | None = None, *, record_apps_only: bool = True) -> Brief:
    """The brief for `idea`; raises `UnreadableIdea` (a 422) when it is too vague or not English,
    and `NotARecordApp` (a 422) for a timer, game or page, unless `record_apps_only` is off."""
    check_readable(idea)
    brief = derive_brief(idea, name)
    if record_apps_only and brief.app_kind != RECORDS:
        kind = next(k for k in app_kinds().kinds if k.name == brief.app_kind)
        raise NotARecordApp(kind)
    return brief


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
    """The plan from `provider` if given, falling back to `offline_plan` on any failure.

    Without a model an idea that isn't a record-keeping app is answered plainly (a 422); when a
    configured model failed, the offline plan is the best there is, whatever the idea."""
    if provider is not None:
        try:
            return await model_plan(provider, idea, name, timeout_s=timeout_s)
        except (ProviderError, TimeoutError, PlanRejected) as error:
            # The reason is technical (a vendor message, a parse error): logs only.
            log.warning("model plan failed, using the offline plan: %s", error)
    # Reading takes tens of milliseconds of CPU: off the event loop.
    return await asyncio.to_thread(offline_plan, idea, name, record_apps_only=provider is None)
