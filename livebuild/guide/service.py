"""Writing a build's user guide beside the build, section by section, never failing it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from livebuild.brief import Brief
from livebuild.core.events import DocumentationUpdated
from livebuild.core.guide_status import GuideStatus
from livebuild.guide.carry import carried_edits
from livebuild.guide.outcome import ChangeOutcome
from livebuild.guide.rendered import rendered_sections
from livebuild.guide.sections import CHANGELOG
from livebuild.guide.writer import write_changelog, write_docs
from livebuild.providers.base import ModelProvider
from livebuild.store.db.models import Job
from livebuild.store.eventlog import EventLog
from livebuild.store.guide_edits import GuideEdits
from livebuild.store.repository import Repository

log = logging.getLogger(__name__)


def _built_from(previous: Job | None, brief: Brief) -> Brief | None:
    """The brief the previous version was built from, to say what changed since."""
    if previous is None:
        return None
    # Builds from before each job kept its brief left no record of it; the current
    # brief at least never claims a change that did not happen.
    return Brief.from_dict(previous.brief) if previous.brief is not None else brief


class DocumentationService:
    def __init__(
        self,
        provider: ModelProvider,
        repository: Repository,
        events: EventLog,
        timeout_s: float,
    ) -> None:
        self.provider = provider
        self.repository = repository
        self.events = events
        self.timeout_s = timeout_s
        self.edits = GuideEdits(repository)

    async def _kept_edits(self, previous: Job | None, brief: Brief) -> dict[str, str]:
        if previous is None:
            return {}
        edits = await self.edits.edited(previous.id)
        return carried_edits(edits, previous.brief, brief.to_dict()) if edits else {}

    async def write(
        self,
        job_id: str,
        brief: Brief,
        *,
        project_id: str,
        version: int,
        change_request: str | None,
        note: Callable[[str], Awaitable[None]],
        base_job_id: str | None = None,
        restored_from: int | None = None,
        change: Awaitable[ChangeOutcome] | None = None,
    ) -> None:
        """Write, store and announce each section as it is ready; record how it went.

        What's New waits for `change`, what the change really made: it is known only once
        the new version passed its checks, long after the guide began.
        """
        await self.repository.update_job(job_id, docs_status=GuideStatus.GENERATING)
        kept: dict[str, str] = {}

        async def on_section(section: str, markdown: str) -> None:
            text = kept.get(section, markdown)
            if section in kept:
                await self.edits.save(job_id, section, text)
            else:
                await self.repository.save_section(job_id, section, text)
            # Rendered as it is stored, so no reader of the guide waits for it.
            await rendered_sections.html(section, text)
            await self.events.append(job_id, DocumentationUpdated(section=section))

        try:
            # A change or a restore is compared with the version it was built from.
            previous: Job | None = None
            if base_job_id is not None:
                previous = await self.repository.get_job(base_job_id)
            elif version > 1:
                previous = await self.repository.previous_build(project_id, version)
            kept.update(await self._kept_edits(previous, brief))
            result = await write_docs(self.provider, brief, on_section, timeout_s=self.timeout_s)
            tokens = result.tokens
            if result.error:
                await note(f"documentation {result.status}: {result.error}")
            if version > 1:
                outcome = ChangeOutcome() if change is None else await change
                text, used = await write_changelog(
                    self.provider,
                    brief,
                    _built_from(previous, brief),
                    change_request,
                    timeout_s=self.timeout_s,
                    unmade=outcome.unmade,
                    restored_from=restored_from,
                    made=outcome.made if outcome.reported else None,
                )
                tokens += used
                if text:
                    await on_section(CHANGELOG, text)
            await self.repository.add_tokens(job_id, tokens)
            await self.repository.update_job(job_id, docs_status=result.status)
            await note(f"documentation {result.status}, {tokens} tokens")
        # The documentation is a companion to the build: whatever breaks here is noted
        # for Technical details and the build carries on.
        except Exception as error:
            log.warning("documentation for %s failed", job_id, exc_info=error)
            await self.repository.update_job(job_id, docs_status=GuideStatus.FAILED)
            await note(f"documentation failed: {type(error).__name__}: {error}")
