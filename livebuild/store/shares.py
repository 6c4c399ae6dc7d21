"""Read-only links to finished builds: issued, looked up and revoked by token.

Only a hash of each token is stored, so the database alone can't open a link.
"""

from __future__ import annotations

import secrets

from sqlalchemy import delete, select

from livebuild.core.clock import utcnow
from livebuild.store.db.models import Job, Share
from livebuild.store.repository import Repository, hash_token

TOKEN_BYTES = 24


class Shares:
    def __init__(self, repository: Repository) -> None:
        self.sessions = repository.sessions

    async def create(self, job_id: str) -> str:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        async with self.sessions.begin() as session:
            session.add(Share(token_hash=hash_token(token), job_id=job_id, created_at=utcnow()))
        return token

    async def revoke(self, job_id: str) -> int:
        async with self.sessions.begin() as session:
            result = await session.execute(delete(Share).where(Share.job_id == job_id))
            return int(getattr(result, "rowcount", 0) or 0)

    async def job_for(self, token: str) -> Job | None:
        async with self.sessions() as session:
            query = (
                select(Job)
                .join(Share, Share.job_id == Job.id)
                .where(Share.token_hash == hash_token(token))
            )
            return (await session.execute(query)).scalar()
