"""The blob-storage contract: write-once objects under keys, each with a public URL."""

from __future__ import annotations

import abc
import re

IMMUTABLE = "public, max-age=31536000, immutable"
# The private area's folder (local) or prefix (S3): never a public blob's.
PRIVATE = "private"
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*(?:/[A-Za-z0-9][A-Za-z0-9._\-]*)*$")


class BlobStoreError(Exception):
    """Storing or reading failed; the message is technical."""


def check_key(key: str) -> str:
    """Keys are relative, slash-separated names without dot-segments."""
    if not _KEY.match(key) or ".." in key.split("/"):
        raise BlobStoreError(f"invalid key {key!r}")
    return key


class BlobStore(abc.ABC):
    @abc.abstractmethod
    async def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store `data` under `key`. Keys are never reused, so objects never change."""

    @abc.abstractmethod
    async def get(self, key: str) -> bytes | None:
        """The object's bytes, or None when there is none."""

    async def exists(self, key: str) -> bool:
        """Whether an object is stored under `key`; backends may answer without reading it."""
        return await self.get(key) is not None

    @abc.abstractmethod
    async def delete(self, key: str) -> None:
        """Remove the object under `key`; nothing happens when there is none."""

    @abc.abstractmethod
    def public_url(self, key: str, default_base: str) -> str:
        """Where a browser fetches the object; `default_base` is livebuild's own URL."""
