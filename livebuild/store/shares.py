"""Read-only links to finished builds: issued, listed, looked up and revoked.

A link is looked up by its token's hash; the token is kept beside it so the
build's owner can see every live link and revoke one at a time.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from livebuild.core.clock import utcnow
from livebuild.store.db.models import Job, Share
from livebuild.store.repository import Repository, hash_token

TOKEN_BYTES = 24


@dataclass(frozen=True)
class LiveLink:
    token: str | None
    created_at: datetime


class Shares:
    def __init__(self, repository: Repository) -> None:
        self.sessions = repository.sessions

    async def create(self, job_id: str) -> str:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        async with self.sessions.begin() as session:
            session.add(
                Share(token_hash=hash_token(token), token=token, job_id=job_id, created_at=utcnow())
            )
        return token

    async def live(self, job_id: str) -> list[LiveLink]:
        """The build's links that still open, oldest first."""
        async with self.sessions() as session:
            query = (
                select(Share.token, Share.created_at)
                .where(Share.job_id == job_id)
                .order_by(Share.created_at, Share.token_hash)
            )
            return [LiveLink(token, made) for token, made in (await session.execute(query)).all()]

    async def revoke(self, job_id: str) -> int:
        async with self.sessions.begin() as session:
            result = await session.execute(delete(Share).where(Share.job_id == job_id))
            return int(getattr(result, "rowcount", 0) or 0)

    async def revoke_one(self, job_id: str, token: str) -> bool:
        async with self.sessions.begin() as session:
            result = await session.execute(
                delete(Share).where(Share.job_id == job_id, Share.token_hash == hash_token(token))
            )
            return bool(getattr(result, "rowcount", 0))

    async def job_for(self, token: str) -> Job | None:
        async with self.sessions() as session:
            query = (
                select(Job)
                .join(Share, Share.job_id == Job.id)
                .where(Share.token_hash == hash_token(token))
            )
            return (await session.execute(query)).scalar()
