"""Browser sessions and one-time sign-in links.

A session is an access token of its own, so signing out ends that browser's
session only; links and tokens are kept as hashes.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from livebuild.core.clock import utcnow
from livebuild.core.errors import NotFound
from livebuild.store.db.engine import session_factory
from livebuild.store.db.models import ApiToken, SigninLink, User
from livebuild.store.repository import hash_token

# Browser sessions are told apart from access tokens, so signing out never revokes a token.
SESSION_PREFIX = "lbs_"


class Sessions:
    def __init__(self, engine: AsyncEngine, clock: Callable[[], datetime] = utcnow) -> None:
        self._sessions = session_factory(engine)
        # What "now" is for a link's expiry; a test moves it on instead of waiting.
        self.clock = clock

    async def start(self, user_id: str) -> str:
        token = SESSION_PREFIX + secrets.token_urlsafe(32)
        async with self._sessions.begin() as session:
            session.add(
                ApiToken(token_hash=hash_token(token), user_id=user_id, created_at=utcnow())
            )
        return token

    async def end(self, token: str) -> None:
        if not token.startswith(SESSION_PREFIX):
            return
        async with self._sessions.begin() as session:
            await session.execute(delete(ApiToken).where(ApiToken.token_hash == hash_token(token)))

    async def create_link(self, user_name: str, ttl_s: float) -> str:
        code = secrets.token_urlsafe(32)
        async with self._sessions.begin() as session:
            user = (await session.execute(select(User).where(User.name == user_name))).scalar()
            if user is None:
                raise NotFound("user")
            session.add(
                SigninLink(
                    code_hash=hash_token(code),
                    user_id=user.id,
                    expires_at=self.clock() + timedelta(seconds=ttl_s),
                )
            )
        return code

    async def redeem(self, code: str) -> str | None:
        """The user id of a valid link, which is used up by this call; None otherwise."""
        now = self.clock()
        async with self._sessions.begin() as session:
            # One guarded update: two tabs opening the same link can't both sign in.
            claimed = (
                await session.execute(
                    update(SigninLink)
                    .where(
                        SigninLink.code_hash == hash_token(code),
                        SigninLink.used_at.is_(None),
                        SigninLink.expires_at > now,
                    )
                    .values(used_at=now)
                    .returning(SigninLink.user_id)
                )
            ).first()
        return None if claimed is None else str(claimed.user_id)
