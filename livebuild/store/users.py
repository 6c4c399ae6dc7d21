"""Users and their ways in: API tokens, and revoking every way in at once."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from livebuild.core.clock import utcnow
from livebuild.core.errors import Conflict, NotFound
from livebuild.core.ids import new_id
from livebuild.store.db.models import ApiToken, SigninLink, User
from livebuild.store.db.patience import PatientStore

LOCAL_USER_ID = "local"


def _count(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class UserRecords(PatientStore):
    """The users part of `Repository`."""

    sessions: async_sessionmaker[AsyncSession]

    async def ensure_local_user(self) -> None:
        try:
            async with self.sessions.begin() as session:
                if await session.get(User, LOCAL_USER_ID) is None:
                    session.add(User(id=LOCAL_USER_ID, name="local", created_at=utcnow()))
        except IntegrityError:
            # Another process starting at the same moment made it first: that is the goal.
            pass

    async def create_user(self, name: str) -> User:
        async with self.sessions.begin() as session:
            existing = (await session.execute(select(User).where(User.name == name))).scalar()
            if existing is not None:
                raise Conflict(f"A user called {name!r} already exists.")
            user = User(id=new_id(), name=name, created_at=utcnow())
            session.add(user)
        return user

    async def list_users(self) -> list[User]:
        async with self.sessions() as session:
            return list((await session.execute(select(User).order_by(User.name))).scalars())

    async def create_token(self, user_name: str) -> str:
        token = "lb_" + secrets.token_urlsafe(32)
        async with self.sessions.begin() as session:
            user = (await session.execute(select(User).where(User.name == user_name))).scalar()
            if user is None:
                raise NotFound("user")
            session.add(
                ApiToken(token_hash=hash_token(token), user_id=user.id, created_at=utcnow())
            )
        return token

    async def revoke_access(self, user_name: str) -> tuple[int, int]:
        """End every way in of the user: tokens, browser sessions and unused sign-in links.

        Answers how many tokens and sessions, and how many links, were revoked.
        """
        async with self.sessions.begin() as session:
            user = (await session.execute(select(User).where(User.name == user_name))).scalar()
            if user is None:
                raise NotFound("user")
            tokens = await session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
            links = await session.execute(
                delete(SigninLink).where(
                    SigninLink.user_id == user.id, SigninLink.used_at.is_(None)
                )
            )
            return _count(tokens), _count(links)

    async def user_for_token(self, token: str) -> User | None:
        async with self.sessions() as session:
            query = select(User).join(ApiToken).where(ApiToken.token_hash == hash_token(token))
            return (await session.execute(query)).scalar()
