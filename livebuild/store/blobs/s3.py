"""Blobs in S3-compatible storage, served from its public base URL (a CDN, say)."""

from __future__ import annotations

import asyncio

from livebuild.settings import Settings
from livebuild.store.blobs._s3 import S3Objects
from livebuild.store.blobs.base import IMMUTABLE, PRIVATE, BlobStore, BlobStoreError, check_key


class S3BlobStore(S3Objects, BlobStore):
    def __init__(self, settings: Settings) -> None:
        if not settings.s3_bucket:
            raise ValueError("LIVEBUILD_S3_BUCKET must be set to store blobs in S3.")
        super().__init__(settings, settings.s3_bucket, settings.s3_prefix, read_timeout=20)
        self.endpoint_url = settings.s3_endpoint_url
        self.public_base = settings.blob_public_url

    def _key(self, key: str) -> str:
        if check_key(key).split("/")[0] == PRIVATE:
            # The private area's prefix (store/blobs/private.py) is never a public blob's.
            raise BlobStoreError(f"invalid key {key!r}")
        return super()._key(key)

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
            if self._missing(error):
                return None
            raise BlobStoreError(f"S3 download failed: {error}") from error
        return body

    async def exists(self, key: str) -> bool:
        try:
            await asyncio.to_thread(
                self._client.head_object, Bucket=self.bucket, Key=self._key(key)
            )
        except self._errors as error:
            if self._missing(error):
                return False
            raise BlobStoreError(f"S3 lookup failed: {error}") from error
        return True

    def public_url(self, key: str, default_base: str) -> str:
        if self.public_base:
            return f"{self.public_base.rstrip('/')}/{self._key(key)}"
        if self.endpoint_url:
            return f"{self.endpoint_url.rstrip('/')}/{self.bucket}/{self._key(key)}"
        return f"https://{self.bucket}.s3.amazonaws.com/{self._key(key)}"
