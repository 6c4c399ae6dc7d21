"""Settings: where livebuild keeps its data, where it answers, and who may use it.

A new setting of this concept goes at the end of `ServingSettings`; its place here is its place
in the settings table of docs/operations.md.
"""

from __future__ import annotations

import enum
from pathlib import Path

import platformdirs
from pydantic import BaseModel, Field, field_validator

from livebuild.core.preview_address import PreviewAddress


class AuthMode(enum.StrEnum):
    LOCAL = "local"
    TOKEN = "token"


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("livebuild", appauthor=False))


class ServingSettings(BaseModel):
    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Folder for the database, workspaces and stored files.",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL. Default: SQLite in the data dir. "
            "PostgreSQL: `postgresql+asyncpg://user:pass@host/db`."
        ),
    )
    host: str = Field(default="127.0.0.1", description="Address `livebuild serve` binds to.")
    port: int = Field(default=8321, ge=0, le=65535, description="Port `livebuild serve` binds to.")
    public_url: str | None = Field(
        default=None,
        description="Base URL founders reach livebuild at (default `http://HOST:PORT`).",
    )
    preview_port: int = Field(
        default=8322,
        ge=0,
        le=65535,
        description="Port `livebuild serve` answers previews of generated apps on.",
    )
    preview_url: str | None = Field(
        default=None,
        description=(
            "Address of a build's preview, with `{token}` where the build's secret goes, e.g. "
            "`https://{token}.preview.example.com`. Default `http://{token}.localhost:PREVIEW_PORT`."
        ),
    )
    auth_mode: AuthMode = Field(
        default=AuthMode.LOCAL,
        description="`local`: no credentials, one local user. `token`: bearer tokens per user.",
    )
    signin_link_ttl_s: float = Field(
        default=900.0, gt=0, description="How long a one-time sign-in link stays valid."
    )

    @field_validator("preview_url")
    @classmethod
    def _preview_template(cls, value: str | None) -> str | None:
        if value is not None:
            PreviewAddress(value)
        return value

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()
