"""What both S3 stores share: the client, a key under the prefix, the errors, deleting."""

from __future__ import annotations

import asyncio
from typing import Any

from livebuild.settings import Settings
from livebuild.store.blobs.base import BlobStoreError, check_key

# The codes S3 answers with when there is no object under a key (HEAD says "NotFound").
_MISSING = ("NoSuchKey", "404", "NotFound")


class S3Objects:
    """Objects under `prefix` of `bucket` in S3-compatible storage."""

    def __init__(self, settings: Settings, bucket: str, prefix: str, read_timeout: float) -> None:
        import boto3
        from botocore.config import Config
        from botocore.exceptions import BotoCoreError, ClientError

        self.bucket = bucket
        prefix = prefix.strip("/")
        self.prefix = prefix + "/" if prefix else ""
        # Credentials come from the usual AWS variables and files.
        self._client: Any = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            region_name=settings.s3_region,
            config=Config(
                retries={"max_attempts": 2}, connect_timeout=5, read_timeout=read_timeout
            ),
        )
        self._errors = (BotoCoreError, ClientError)

    def _key(self, key: str) -> str:
        return self.prefix + check_key(key)

    def _missing(self, error: Exception) -> bool:
        return getattr(error, "response", {}).get("Error", {}).get("Code") in _MISSING

    async def delete(self, key: str) -> None:
        try:
            await asyncio.to_thread(
                self._client.delete_object, Bucket=self.bucket, Key=self._key(key)
            )
        except self._errors as error:
            raise BlobStoreError(f"S3 delete failed: {error}") from error
