"""Narration from the model, in the co-founder voice, with the offline line as a safety net."""

from __future__ import annotations

import asyncio
import re

from livebuild.brief import Brief
from livebuild.core.stages import Stage, label
from livebuild.narration.offline import offline_narration
from livebuild.providers.base import Message, ModelProvider, ProviderError, Task
from livebuild.safety.guardrails import founder_safe

MAX_SENTENCE_CHARS = 220

SYSTEM_PROMPT = (
    "You are the calm, competent co-founder narrating a live build to a non-technical founder. "
    "Answer with exactly one sentence of at most 30 words, in the first-person plural, "
    'starting with "We\'re" or "We\'ve". Name the product and say, in plain words, what this '
    "step builds for its users. Never mention code, files, commands, programming languages, "
    "frameworks, databases, servers or errors. No quotes, no lists, no emoji."
)

_STAGE_WORK: dict[Stage, str] = {
    Stage.QUEUED: "the team is being lined up",
    Stage.STARTING: "a fresh workspace is being prepared",
    Stage.SCAFFOLD: "the home page and overall look",
    Stage.CODE: "the pages for the main records, with a form that saves new ones",
    Stage.DEPS: "a dashboard with totals and a search",
    Stage.CHECKS: "trying every page the way a user would, and saving a new record",
    Stage.READY: "the finished app, ready to open",
    Stage.FAILED: "stopping safely after a problem",
}
_FIRST_SENTENCE = re.compile(r"^.+?[.!?](?=\s|$)", re.DOTALL)
_FIRST_PERSON = re.compile(r"^We(?:'re|’re|'ve|’ve|'ll|’ll| are| have| will)?\b")


def _prompt(brief: Brief, stage: Stage, attempt: int) -> str:
    entities = ", ".join(e.plural.lower() for e in brief.entities) or "records"
    retry = " This is a second try after testing found a rough edge." if attempt > 1 else ""
    return (
        f"Product: {brief.product_name} \u2014 {brief.tagline}\n"
        f"For: {brief.target_users}\n"
        f"Features: {'; '.join(brief.features)}\n"
        f"Records it keeps: {entities}\n"
        f"Current step: {label(stage)} ({_STAGE_WORK[stage]}).{retry}\n"
        "Write the one sentence now."
    )


def usable_sentence(answer: str, product_name: str) -> str | None:
    """The first sentence of a model's answer if it is safe and in voice, else None."""
    text = founder_safe(answer).strip().strip("\"'\u201c\u201d*_ ")
    text = " ".join(text.split())
    match = _FIRST_SENTENCE.match(text)
    sentence = match.group(0) if match else text
    if sentence and sentence[-1] not in ".!?":
        sentence += "."
    if not _FIRST_PERSON.match(sentence) or len(sentence) > MAX_SENTENCE_CHARS:
        return None
    if product_name.lower() not in sentence.lower():
        return None
    return sentence


async def narrate(
    provider: ModelProvider, brief: Brief, stage: Stage, attempt: int, *, timeout_s: float
) -> tuple[str, int]:
    """One sentence for the stage and the tokens it cost; never fails, never runs late."""
    fallback = offline_narration(brief, stage, attempt)
    task = Task("narration", brief.to_dict(), {"stage": stage.value, "attempt": attempt})
    try:
        async with asyncio.timeout(timeout_s):
            completion = await provider.complete(
                SYSTEM_PROMPT,
                [Message("user", _prompt(brief, stage, attempt))],
                task,
                max_tokens=120,
            )
    except (ProviderError, TimeoutError):
        return fallback, 0
    sentence = usable_sentence(completion.text, brief.product_name)
    return (sentence or fallback), completion.usage.total
