"""Settings: what one request, one event stream and one user may ask of the web app.

A new setting of this concept goes at the end of `RequestSettings`; its place here is its place
in the settings table of docs/operations.md.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class RequestSettings(BaseModel):
    heartbeat_s: float = Field(
        default=15.0, gt=0, le=15.0, description="Idle event streams send a heartbeat this often."
    )
    max_body_bytes: int = Field(
        default=256 * 1024, ge=1024, description="Largest request body accepted, in bytes."
    )
    max_import_bytes: int = Field(
        default=16 * 1024 * 1024,
        ge=1024,
        description="Largest spreadsheet (CSV) imported into a hosted app at once, in bytes.",
    )
    body_timeout_s: float = Field(
        default=15.0,
        gt=0,
        description="Longest a request body may take to arrive (408 after that).",
    )
    allowed_hosts: str = Field(
        default="",
        description=(
            "More names livebuild answers to, comma-separated (`host` or `host:port`; `*` turns "
            "the check off). Always allowed: the host of the public URL, and loopback names "
            "with the port in `local` mode."
        ),
    )
    projects_per_minute: int = Field(
        default=20, ge=1, description="Projects one user may create per minute (429 after that)."
    )
    builds_per_minute: int = Field(
        default=20, ge=1, description="Builds one user may start per minute (429 after that)."
    )
