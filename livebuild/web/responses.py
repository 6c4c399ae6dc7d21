"""The error answers routes really give, for the OpenAPI document: `{"detail": str}` each."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ErrorBody(BaseModel):
    detail: str


_DESCRIPTIONS = {
    400: "A malformed header, or a host name livebuild doesn't answer to.",
    401: "No valid token (token mode only).",
    403: "A cross-site request, or a body-less change without the X-Livebuild header.",
    404: "Unknown, or another user's.",
    408: "The body took longer than LIVEBUILD_BODY_TIMEOUT_S to arrive.",
    409: "Not possible in the current state.",
    413: "The body is over LIVEBUILD_MAX_BODY_BYTES.",
    415: "The body is neither JSON nor, for a CSV import, text/csv, and has no X-Livebuild header.",
    422: "The request doesn't pass validation; the detail says why.",
    429: "Over a per-user limit; Retry-After says when to try again.",
    503: "The database can't be reached for a moment; Retry-After says when to try again.",
}

# Every route can meet these: the host check, in token mode sign-in, a database outage.
EVERY_ROUTE = (400, 401, 503)
# And every state-changing route these: the cross-site check and the body limits.
CHANGES = (403, 408, 413, 415)


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorBody, "description": _DESCRIPTIONS[code]} for code in codes}
