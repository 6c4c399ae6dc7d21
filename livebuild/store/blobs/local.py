"""Blobs as files in a folder; livebuild serves them itself."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from livebuild.store.blobs.base import BlobStore, BlobStoreError, check_key


class LocalBlobStore(BlobStore):
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        await asyncio.to_thread(self._write, path, data)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a reader never sees half a file.
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except OSError as error:
            raise BlobStoreError(f"could not write blob: {error}") from error

    async def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise BlobStoreError(f"could not read blob: {error}") from error

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self._path(key).is_file)

    async def delete(self, key: str) -> None:
        try:
            await asyncio.to_thread(self._path(key).unlink, missing_ok=True)
        except OSError as error:
            raise BlobStoreError(f"could not delete blob: {error}") from error

    def public_url(self, key: str, default_base: str) -> str:
        return f"{default_base}/blobs/{check_key(key)}"
