"""Blobs in S3-compatible storage, served from its public base URL (a CDN, say)."""

from __future__ import annotations

import asyncio
from typing import Any

from livebuild.settings import Settings
from livebuild.store.blobs.base import IMMUTABLE, PRIVATE, BlobStore, BlobStoreError, check_key


class S3BlobStore(BlobStore):
    def __init__(self, settings: Settings) -> None:
        import boto3
        from botocore.config import Config

        if not settings.s3_bucket:
            raise ValueError("LIVEBUILD_S3_BUCKET must be set to store blobs in S3.")
        self.bucket = settings.s3_bucket
        self.prefix = settings.s3_prefix.strip("/") + "/" if settings.s3_prefix.strip("/") else ""
        self.endpoint_url = settings.s3_endpoint_url
        self.public_base = settings.blob_public_url
        # Credentials come from the usual AWS variables and files.
        self._client: Any = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            region_name=settings.s3_region,
            config=Config(retries={"max_attempts": 2}, connect_timeout=5, read_timeout=20),
        )
        from botocore.exceptions import BotoCoreError, ClientError

        self._errors = (BotoCoreError, ClientError)

    def _key(self, key: str) -> str:
        if check_key(key).split("/")[0] == PRIVATE:
            # The private area's prefix (store/blobs/private.py) is never a public blob's.
            raise BlobStoreError(f"invalid key {key!r}")
        return self.prefix + key

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        try:
            await asyncio.to_thread(
                self._client.put_object,
                Bucket=self.bucket,
                Key=self._key(key),
                Body=data,
                ContentType=content_type,
                CacheControl=IMMUTABLE,
            )
        except self._errors as error:
            raise BlobStoreError(f"S3 upload failed: {error}") from error

    async def get(self, key: str) -> bytes | None:
        try:
            answer = await asyncio.to_thread(
                self._client.get_object, Bucket=self.bucket, Key=self._key(key)
            )
            body: bytes = await asyncio.to_thread(answer["Body"].read)
        except self._errors as error:
            code = getattr(error, "response", {}).get("Error", {}).get("Code")
            if code in ("NoSuchKey", "404"):
                return None
            raise BlobStoreError(f"S3 download failed: {error}") from error
        return body

    async def exists(self, key: str) -> bool:
        try:
            await asyncio.to_thread(
                self._client.head_object, Bucket=self.bucket, Key=self._key(key)
            )
        except self._errors as error:
            code = getattr(error, "response", {}).get("Error", {}).get("Code")
            if code in ("NoSuchKey", "404", "NotFound"):
                return False
            raise BlobStoreError(f"S3 lookup failed: {error}") from error
        return True

    async def delete(self, key: str) -> None:
        try:
            await asyncio.to_thread(
                self._client.delete_object, Bucket=self.bucket, Key=self._key(key)
            )
        except self._errors as error:
            raise BlobStoreError(f"S3 delete failed: {error}") from error

    def public_url(self, key: str, default_base: str) -> str:
        if self.public_base:
            return f"{self.public_base.rstrip('/')}/{self._key(key)}"
        if self.endpoint_url:
            return f"{self.endpoint_url.rstrip('/')}/{self.bucket}/{self._key(key)}"
        return f"https://{self.bucket}.s3.amazonaws.com/{self._key(key)}"
