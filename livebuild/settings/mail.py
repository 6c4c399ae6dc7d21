"""Settings: build-finished emails: the SMTP server and how many one user may ask for.

A new setting of this concept goes at the end of `MailSettings`; its place here is its place
in the settings table of docs/operations.md.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, SecretStr


class MailSettings(BaseModel):
    smtp_host: str | None = Field(
        default=None,
        description="SMTP server for build-finished emails (none: the page doesn't offer them).",
    )
    smtp_port: int = Field(default=587, ge=1, le=65535, description="Port of the SMTP server.")
    smtp_from: str | None = Field(
        default=None, description="Sender address of build-finished emails."
    )
    smtp_username: str | None = Field(default=None, description="SMTP user name, if it needs one.")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password.")
    smtp_starttls: bool = Field(
        default=True, description="Upgrade the SMTP connection with STARTTLS."
    )
    notify_emails_per_hour: int = Field(
        default=10,
        ge=1,
        description=(
            "Build-finished emails one user may ask for per hour, to any addresses (429 after "
            "that, and no more are sent)."
        ),
    )
