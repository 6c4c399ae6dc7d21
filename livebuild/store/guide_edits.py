"""The founder's own wording of guide sections, kept apart from what a writer produced."""

from __future__ import annotations

from sqlalchemy import select

from livebuild.core.clock import utcnow
from livebuild.store.db.models import DocSection
from livebuild.store.db.patience import PatientStore
from livebuild.store.repository import Repository


class GuideEdits(PatientStore):
    def __init__(self, repository: Repository) -> None:
        self.sessions = repository.sessions

    async def save(self, job_id: str, section: str, markdown: str) -> None:
        now = utcnow()
        async with self.sessions.begin() as session:
            await session.merge(
                DocSection(
                    job_id=job_id, section=section, markdown=markdown, updated_at=now, edited_at=now
                )
            )

    async def edited(self, job_id: str) -> dict[str, str]:
        """The sections of this build the founder wrote, by section."""
        async with self.sessions() as session:
            query = select(DocSection.section, DocSection.markdown).where(
                DocSection.job_id == job_id, DocSection.edited_at.is_not(None)
            )
            return {row.section: row.markdown for row in (await session.execute(query)).all()}
