"""Per-user limits on costly actions, as dependencies of the routes they guard."""

from __future__ import annotations

from fastapi import Request

from livebuild.core.errors import TooManyRequests
from livebuild.safety.ratelimit import RateLimiter
from livebuild.web.auth import PrincipalDep
from livebuild.web.deps import SettingsDep


def _limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.rate_limiter
    return limiter


async def project_quota(request: Request, principal: PrincipalDep, settings: SettingsDep) -> None:
    wait = await _limiter(request).acquire(
        f"projects:{principal.user_id}", settings.projects_per_minute
    )
    if wait:
        raise TooManyRequests(
            "You're creating projects very quickly. Please wait a moment and try again.", wait
        )


async def build_quota(request: Request, principal: PrincipalDep, settings: SettingsDep) -> None:
    wait = await _limiter(request).acquire(
        f"builds:{principal.user_id}", settings.builds_per_minute
    )
    if wait:
        raise TooManyRequests(
            "You're starting builds very quickly. Please wait a moment and try again.", wait
        )
