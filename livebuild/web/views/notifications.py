"""Asking to be emailed when a build ends."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, field_validator

from livebuild.core.errors import Conflict
from livebuild.web.auth import JobDep
from livebuild.web.deps import NotifierDep
from livebuild.web.responses import CHANGES, errors
from livebuild.web.schemas import is_encodable

router = APIRouter(prefix="/api/jobs", tags=["builds"])

EMAIL_MAX = 254
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]{2,}$")


class NotifyRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    email: str

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        value = value.strip()
        if len(value) > EMAIL_MAX or not _EMAIL.match(value) or not is_encodable(value):
            raise ValueError("Please enter a valid email address, like ada@example.com.")
        return value


@router.post(
    "/{job_id}/notify",
    status_code=status.HTTP_202_ACCEPTED,
    responses=errors(*CHANGES, 404, 409, 422, 429),
)
async def notify_when_done(
    job: JobDep, body: NotifyRequest, notifier: NotifierDep
) -> dict[str, Any]:
    if not notifier.available:
        raise Conflict("Email notifications aren't set up here.")
    await notifier.subscribe(job, body.email)
    return {"job_id": job.id, "email": body.email}
