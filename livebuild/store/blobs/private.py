"""The private area beside the blob store: copies of founders' records, never served.

Unlike a blob, nothing here has a URL. The local folder is a sibling of the one served
under `/blobs/`, not inside it; in S3 objects are written private, in a bucket of their
own or under `private/` of the blob prefix. Objects go in and out as files, in chunks, so
memory stays flat however large they are; each carries when its contents last changed,
so a reader can tell the newer of two copies. Keys are checked as blob keys are.
"""

from __future__ import annotations

import abc
import asyncio
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from livebuild.core.safe_copy import CHUNK, CopyRefused, copy_regular, copy_stream
from livebuild.settings import Settings
from livebuild.store.blobs._s3 import S3Objects
from livebuild.store.blobs.base import PRIVATE, BlobStoreError, check_key


class PrivateStore(abc.ABC):
    @abc.abstractmethod
    async def put_file(self, key: str, path: Path, modified: float) -> None:
        """Store the file at `path` under `key` (replacing any), as changed at `modified`."""

    @abc.abstractmethod
    async def put_written(
        self, key: str, write: Callable[[BinaryIO], bool], modified: float
    ) -> bool:
        """Store under `key` what `write` writes into the empty file it is given (in a
        thread), as changed at `modified`; when it answers False nothing is stored and any
        object there is left as it was. Answer what `write` answered."""

    @abc.abstractmethod
    async def get_file(self, key: str, path: Path, limit: int) -> float | None:
        """Write the object into the new file `path`; answer when it last changed, or None
        when there is none. An object larger than `limit` bytes is refused."""

    @abc.abstractmethod
    async def modified(self, key: str) -> float | None:
        """When the object under `key` last changed, or None when there is none."""

    @abc.abstractmethod
    async def delete(self, key: str) -> None:
        """Remove the object under `key`; nothing happens when there is none."""


def create_private_store(settings: Settings) -> PrivateStore:
    if settings.blob_storage == "s3":
        return S3PrivateStore(settings)
    return LocalPrivateStore(settings.data_dir / PRIVATE)


class LocalPrivateStore(PrivateStore):
    """A folder of the data dir that livebuild never serves (`DATA_DIR/private`)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    async def put_file(self, key: str, path: Path, modified: float) -> None:
        await asyncio.to_thread(self._put, self._path(key), path, modified)

    def _put(self, target: Path, path: Path, modified: float) -> None:
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
            try:
                with os.fdopen(fd, "wb") as out, open(path, "rb") as source:
                    shutil.copyfileobj(source, out, CHUNK)
                os.utime(temporary, (modified, modified))
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise BlobStoreError(f"could not keep the copy: {error}") from error

    async def put_written(
        self, key: str, write: Callable[[BinaryIO], bool], modified: float
    ) -> bool:
        return await asyncio.to_thread(self._put_written, self._path(key), write, modified)

    def _put_written(
        self, target: Path, write: Callable[[BinaryIO], bool], modified: float
    ) -> bool:
        """Written straight into a file beside `target`, then put in its place at once: the
        copy's bytes are written here once, and a reader never sees half of one."""
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        except OSError as error:
            raise BlobStoreError(f"could not keep the copy: {error}") from error
        try:
            with os.fdopen(fd, "w+b") as out:
                if not write(out):
                    return False
            os.utime(temporary, (modified, modified))
            os.replace(temporary, target)
            return True
        except OSError as error:
            raise BlobStoreError(f"could not keep the copy: {error}") from error
        finally:
            Path(temporary).unlink(missing_ok=True)

    async def get_file(self, key: str, path: Path, limit: int) -> float | None:
        return await asyncio.to_thread(self._get, self._path(key), path, limit)

    @staticmethod
    def _get(source: Path, path: Path, limit: int) -> float | None:
        try:
            copied = copy_regular(source, path, limit)
        except CopyRefused as error:
            raise BlobStoreError(f"the stored copy {error}") from error
        return None if copied is None else copied.modified

    async def modified(self, key: str) -> float | None:
        try:
            info = await asyncio.to_thread(os.stat, self._path(key), follow_symlinks=False)
        except FileNotFoundError:
            return None
        return info.st_mtime if stat.S_ISREG(info.st_mode) else None

    async def delete(self, key: str) -> None:
        try:
            await asyncio.to_thread(self._path(key).unlink, missing_ok=True)
        except OSError as error:
            raise BlobStoreError(f"could not delete the copy: {error}") from error


_MODIFIED = "livebuild-modified"


class S3PrivateStore(S3Objects, PrivateStore):
    """Private objects in S3-compatible storage: no public URL is ever made for one."""

    def __init__(self, settings: Settings) -> None:
        from boto3.s3.transfer import TransferConfig

        bucket = settings.s3_private_bucket or settings.s3_bucket
        if not bucket:
            raise ValueError("LIVEBUILD_S3_BUCKET must be set to keep copies in S3.")
        prefix = settings.s3_prefix.strip("/")
        if not settings.s3_private_bucket:
            prefix = f"{prefix}/{PRIVATE}" if prefix else PRIVATE
        super().__init__(settings, bucket, prefix, read_timeout=60)
        # One part in flight at a time: memory stays at a part, not the whole copy.
        self._transfer = TransferConfig(
            multipart_threshold=8 * CHUNK, multipart_chunksize=8 * CHUNK, max_concurrency=1
        )

    async def put_file(self, key: str, path: Path, modified: float) -> None:
        extra = {
            "ACL": "private",
            "ContentType": "application/octet-stream",
            "Metadata": {_MODIFIED: f"{modified:.6f}"},
        }
        try:
            await asyncio.to_thread(
                self._client.upload_file,
                str(path),
                self.bucket,
                self._key(key),
                ExtraArgs=extra,
                Config=self._transfer,
            )
        except self._errors as error:
            raise BlobStoreError(f"S3 upload failed: {error}") from error

    async def put_written(
        self, key: str, write: Callable[[BinaryIO], bool], modified: float
    ) -> bool:
        # An upload needs the whole file first: written once here, then sent in parts.
        with tempfile.TemporaryDirectory(prefix="livebuild-put-") as folder:
            path = Path(folder) / "copy"
            if not await asyncio.to_thread(_write_into, path, write):
                return False
            await self.put_file(key, path, modified)
            return True

    async def get_file(self, key: str, path: Path, limit: int) -> float | None:
        return await asyncio.to_thread(self._get, key, path, limit)

    def _get(self, key: str, path: Path, limit: int) -> float | None:
        try:
            answer = self._client.get_object(Bucket=self.bucket, Key=self._key(key))
            if int(answer.get("ContentLength", 0)) > limit:
                answer["Body"].close()
                raise BlobStoreError("the stored copy is larger than allowed")
            copy_stream(answer["Body"], path, limit)
        except CopyRefused as error:
            raise BlobStoreError(f"the stored copy {error}") from error
        except self._errors as error:
            if self._missing(error):
                return None
            raise BlobStoreError(f"S3 download failed: {error}") from error
        return _stamp(answer.get("Metadata", {}))

    async def modified(self, key: str) -> float | None:
        try:
            answer = await asyncio.to_thread(
                self._client.head_object, Bucket=self.bucket, Key=self._key(key)
            )
        except self._errors as error:
            if self._missing(error):
                return None
            raise BlobStoreError(f"S3 lookup failed: {error}") from error
        return _stamp(answer.get("Metadata", {}))


def _write_into(path: Path, write: Callable[[BinaryIO], bool]) -> bool:
    with open(path, "w+b") as out:
        return write(out)


def _stamp(metadata: dict[str, str]) -> float:
    try:
        return float(metadata.get(_MODIFIED, "0"))
    except ValueError:
        return 0.0
