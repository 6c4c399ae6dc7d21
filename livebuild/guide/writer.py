"""Writing the end-user documentation (and changelogs) with one streamed model call."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from livebuild.brief import Brief
from livebuild.brief.plan_diff import describe_changes
from livebuild.core.guide_status import GuideStatus
from livebuild.guide.offline import offline_changelog
from livebuild.guide.sections import SECTIONS, TITLES, SectionParser
from livebuild.providers.base import Message, ModelProvider, ProviderError, Task
from livebuild.safety.guardrails import founder_safe_markdown
from livebuild.safety.redact import redact_secrets

OnSection = Callable[[str, str], Awaitable[None]]

DOCS_SYSTEM_PROMPT = (
    "You write the user guide of a new web app for the people who will use it every day, not "
    "for its builders. Write Markdown with exactly four sections, in this order, each starting "
    "with a level-two heading: "
    + ", ".join(f"'## {TITLES[key]}'" for key in SECTIONS)
    + ". Overview: who it is for and the problem it solves. Features: a short list. Getting "
    "Started: numbered steps to add a first record and find it again. FAQ: four to six bold "
    "questions, each followed by a short answer. Be concrete about this product: its name, its "
    "records and their fields, the dashboard and the search. Never include code, commands, file "
    "names, technical architecture, programming languages, frameworks, databases or servers."
)

CHANGELOG_SYSTEM_PROMPT = (
    "You tell a non-technical founder what changed in the new version of their app, in two to "
    "four short sentences of plain English: what really changed (given below), and anything "
    "they asked for that could not be done. Never claim a change that is not listed. Never "
    "mention code, files, frameworks, databases or servers."
)


@dataclass
class DocsResult:
    status: GuideStatus
    sections: dict[str, str] = field(default_factory=dict)
    tokens: int = 0
    error: str | None = None  # technical; for logs only


def _docs_prompt(brief: Brief) -> str:
    lines = [
        f"Product: {brief.product_name} \u2014 {brief.tagline}",
        f"Users: {brief.target_users}",
        f"Problem: {brief.problem}",
        f"Features: {'; '.join(brief.features)}",
    ]
    for entity in brief.entities:
        fields = ", ".join(f.label for f in entity.fields)
        lines.append(f"Records: {entity.plural} (fields: {fields})")
    lines.append(
        "The app has a page per kind of record with an 'Add' button and a search box, a "
        "details page for each record, and a dashboard with totals."
    )
    return "\n".join(lines)


async def write_docs(
    provider: ModelProvider, brief: Brief, on_section: OnSection, *, timeout_s: float
) -> DocsResult:
    """Streams the guide and announces each section as soon as it is complete."""
    result = DocsResult(status=GuideStatus.FAILED)
    parser = SectionParser()
    stream = provider.stream(
        DOCS_SYSTEM_PROMPT,
        [Message("user", _docs_prompt(brief))],
        Task("docs", brief.to_dict()),
        max_tokens=3000,
    )

    async def announce(done: list[tuple[str, str]]) -> None:
        for key, body in done:
            # Many patterns over a whole section: beside the event loop, not on it.
            safe = await asyncio.to_thread(founder_safe_markdown, body)
            if safe:
                result.sections[key] = safe
                await on_section(key, safe)

    try:
        async with asyncio.timeout(timeout_s):
            async for delta in stream:
                await announce(parser.feed(delta))
            await announce(parser.finish())
    except (ProviderError, TimeoutError) as error:
        result.error = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    result.tokens = stream.usage.total
    if len(result.sections) == len(SECTIONS):
        result.status = GuideStatus.COMPLETE
    elif result.sections:
        result.status = GuideStatus.PARTIAL
    if result.error is None and result.status is not GuideStatus.COMPLETE:
        missing = [key for key in SECTIONS if key not in result.sections]
        result.error = f"the answer lacked sections: {', '.join(missing)}"
    return result


async def write_changelog(
    provider: ModelProvider,
    brief: Brief,
    previous_brief: Brief | None,
    change_request: str | None,
    *,
    timeout_s: float,
    unmade: tuple[str, ...] = (),
    restored_from: int | None = None,
    made: tuple[str, ...] | None = None,
) -> tuple[str | None, int]:
    """What changed since the previous version; None for a first version.

    `made` is what the runner itself says it made, which then stands for what changed.
    """
    if previous_brief is None and not change_request:
        return None, 0
    if change_request:
        change_request = redact_secrets(change_request)
    fallback = offline_changelog(
        brief,
        previous_brief,
        change_request,
        unmade=unmade,
        restored_from=restored_from,
        made=made,
    )
    if restored_from is not None:
        return fallback, 0  # a restore brings an old version back whole: nothing to describe
    before = list(previous_brief.features) if previous_brief else []
    if made is not None:
        changes = list(made)
    else:
        changes = describe_changes(previous_brief, brief) if previous_brief else []
    details = {
        "previous_brief": previous_brief.to_dict() if previous_brief else None,
        "change_request": change_request,
        "features_before": before,
        "features_after": list(brief.features),
        "changes": changes,
        "unmade": list(unmade),
        "made": None if made is None else list(made),
    }
    prompt = (
        f"Product: {brief.product_name}\n"
        f"Founder's request: {change_request or '(none)'}\n"
        f"What really changed: {'; '.join(changes) or '(nothing in the plan)'}\n"
        f"What we could not do: {'; '.join(unmade) or '(nothing)'}\n"
        f"Features before: {'; '.join(before) or '(first version)'}\n"
        f"Features now: {'; '.join(brief.features)}"
    )
    try:
        async with asyncio.timeout(timeout_s):
            completion = await provider.complete(
                CHANGELOG_SYSTEM_PROMPT,
                [Message("user", prompt)],
                Task("changelog", brief.to_dict(), details),
                max_tokens=400,
            )
    except (ProviderError, TimeoutError):
        return fallback, 0
    safe = await asyncio.to_thread(founder_safe_markdown, completion.text)
    return (safe or fallback), completion.usage.total
