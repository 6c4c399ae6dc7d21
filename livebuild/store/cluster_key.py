"""The key the processes of one installation prove themselves to each other with.

A worker's internal routes (its app relay, its wake-up) answer only callers that send
it. The operator may set it; otherwise the first process to start makes one and keeps
it in the database, where every API process and worker on that database finds it.
"""

from __future__ import annotations

import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from livebuild.store.db.models import ClusterSecret

_NAME = "worker"


async def cluster_key(sessions: async_sessionmaker[AsyncSession]) -> str:
    """The installation's key, made and stored by whichever process asks first."""
    async with sessions() as session:
        stored = await session.get(ClusterSecret, _NAME)
        if stored is not None:
            return stored.value
    try:
        async with sessions.begin() as session:
            session.add(ClusterSecret(name=_NAME, value=secrets.token_urlsafe(32)))
    except IntegrityError:
        # Another process made it at the same moment: theirs is the one.
        pass
    async with sessions() as session:
        value = (
            await session.execute(select(ClusterSecret.value).where(ClusterSecret.name == _NAME))
        ).scalar_one()
        return value


def same_key(offered: str | None, key: str) -> bool:
    """Whether a caller's key is the installation's, compared in constant time."""
    return offered is not None and hmac.compare_digest(offered.encode(), key.encode())
