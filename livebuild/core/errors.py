"""The error hierarchy. Each error carries its HTTP status and a founder-safe message."""

from __future__ import annotations

import math
from typing import Any


class LivebuildError(Exception):
    status_code = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    def body(self) -> dict[str, Any]:
        """The JSON answer: always `detail`, and whatever else helps a client point at the cause."""
        return {"detail": self.detail}

    def headers(self) -> dict[str, str]:
        return {}


class BadRequest(LivebuildError):
    status_code = 400


class Unauthorized(LivebuildError):
    status_code = 401


class NotFound(LivebuildError):
    status_code = 404

    def __init__(self, what: str = "page") -> None:
        super().__init__(f"We couldn't find that {what}.")


class Conflict(LivebuildError):
    status_code = 409


class Unprocessable(LivebuildError):
    status_code = 422

    def __init__(self, detail: str, where: str | None = None) -> None:
        super().__init__(detail)
        # A dotted path into the request body ("brief.entities.0.fields.2.kind"), so a
        # page can show the message next to the input it is about.
        self.where = where

    def body(self) -> dict[str, Any]:
        if self.where is None:
            return super().body()
        return {"detail": self.detail, "where": self.where}


class TooManyRequests(LivebuildError):
    status_code = 429

    def __init__(self, detail: str, retry_after_s: float) -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(max(1, math.ceil(self.retry_after_s)))}


class Unavailable(LivebuildError):
    status_code = 503


class TransitionRefused(LivebuildError):
    """A stage change the transition table does not allow."""

    status_code = 409

    def __init__(self, current: str, target: str) -> None:
        super().__init__(f"A build can't move from {current} to {target}.")
        self.current = current
        self.target = target


class BuildEnded(Conflict):
    """Something arrived for a build after its terminal event; the log refuses it."""

    def __init__(self) -> None:
        super().__init__("This build has already finished.")
