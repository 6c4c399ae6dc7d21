"""livebuild's own cookies: their names, and how a browser session is set and cleared."""

from __future__ import annotations

from starlette.responses import Response

from livebuild.core.urls import RESERVED_COOKIES, SESSION_COOKIE

__all__ = ["RESERVED_COOKIES", "SESSION_COOKIE", "clear_session", "set_session"]

SESSION_MAX_AGE_S = 30 * 24 * 3600


def set_session(response: Response, token: str, *, secure: bool) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=SESSION_MAX_AGE_S,
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure,
    )


def clear_session(response: Response, *, secure: bool) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure)
