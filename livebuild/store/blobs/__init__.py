"""Blob storage for screenshots and other files: a local folder or S3-compatible storage."""

from __future__ import annotations

from livebuild.settings import Settings
from livebuild.store.blobs.base import BlobStore, BlobStoreError


def create_blob_store(settings: Settings) -> BlobStore:
    if settings.blob_storage == "local":
        from livebuild.store.blobs.local import LocalBlobStore

        return LocalBlobStore(settings.data_dir / "blobs")
    if settings.blob_storage == "s3":
        from livebuild.store.blobs.s3 import S3BlobStore

        return S3BlobStore(settings)
    raise ValueError(f"Unknown blob storage {settings.blob_storage!r}; use 'local' or 's3'.")


__all__ = ["BlobStore", "BlobStoreError", "create_blob_store"]
