"""Settings: where stored files (screenshots) go: the data dir or an S3 bucket.

A new setting of this concept goes at the end of `StorageSettings`; its place here is its place
in the settings table of docs/operations.md.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class StorageSettings(BaseModel):
    blob_storage: str = Field(
        default="local",
        description="Where screenshots are stored: `local` (the data dir) or `s3`.",
    )
    blob_public_url: str | None = Field(
        default=None,
        description=(
            "Public base URL stored files are served from, e.g. a CDN in front of the "
            "bucket (S3 only; local files are served by livebuild)."
        ),
    )
    s3_bucket: str | None = Field(default=None, description="S3 bucket for stored files.")
    s3_prefix: str = Field(default="livebuild", description="Key prefix inside the bucket.")
    s3_endpoint_url: str | None = Field(
        default=None, description="S3-compatible endpoint (MinIO, R2, …); default AWS."
    )
    s3_region: str | None = Field(
        default=None, description="S3 region. Credentials come from the usual AWS variables."
    )
    s3_private_bucket: str | None = Field(
        default=None,
        description=(
            "S3 bucket for the private area (copies of founders' records, never served); "
            "default the blob bucket, under `private/` of the prefix."
        ),
    )
    records_copy_s: float = Field(
        default=30.0,
        ge=0,
        description=(
            "The longest a running app's changed records wait for their copy in the private "
            "area while writes go on, in seconds (0: copied only when it becomes ready, "
            "sleeps or is superseded)."
        ),
    )
    records_settle_s: float = Field(
        default=2.0,
        gt=0,
        le=60,
        description=(
            "A running app's records are copied to the private area this many seconds after "
            "its writes stop (a large database no more often than 10 % of the time)."
        ),
    )
