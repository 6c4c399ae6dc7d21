"""Every version's app files, stored once by content in the blob store.

A version is a manifest (path -> SHA-256); each distinct file is one blob under
`sha256/ab/cdef…`, written only if it is not there yet, so a version that
changes one file costs one file plus its manifest.
"""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import uuid
from pathlib import Path

from livebuild.safety.paths import confined
from livebuild.store.blobs import BlobStore

Manifest = dict[str, str]

# What the running app wrote for itself is not part of it: its data and Python's caches.
_LEFT_OUT = frozenset({"data", "__pycache__"})


def blob_key(digest: str) -> str:
    return f"sha256/{digest[:2]}/{digest[2:]}"


def app_paths(workspace: Path) -> list[Path]:
    """The app's own files in the workspace: what a version holds, and a download too."""
    paths = []
    for path in sorted(workspace.rglob("*")):
        relative = path.relative_to(workspace)
        if not path.is_file() or path.is_symlink():
            continue
        if _LEFT_OUT & set(relative.parts) or any(p.startswith(".") for p in relative.parts):
            continue
        paths.append(path)
    return paths


def app_files(workspace: Path) -> dict[str, bytes]:
    """The app's own files in the workspace, by relative POSIX path."""
    return {
        path.relative_to(workspace).as_posix(): path.read_bytes() for path in app_paths(workspace)
    }


class VersionStore:
    def __init__(self, blobs: BlobStore) -> None:
        self.blobs = blobs

    async def save(self, workspace: Path) -> Manifest:
        """Store the workspace's app files; answer the version's manifest."""
        files = await asyncio.to_thread(app_files, workspace)
        manifest: Manifest = {}
        for path, data in files.items():
            digest = hashlib.sha256(data).hexdigest()
            key = blob_key(digest)
            if not await self.blobs.exists(key):
                await self.blobs.put(key, data, "application/octet-stream")
            manifest[path] = digest
        return manifest

    async def read(self, digest: str) -> bytes:
        data = await self.blobs.get(blob_key(digest))
        if data is None:
            raise FileNotFoundError(f"blob {digest} is missing")
        return data

    async def files(self, manifest: Manifest) -> dict[str, bytes]:
        return {path: await self.read(digest) for path, digest in sorted(manifest.items())}

    async def restore(self, manifest: Manifest, workspace: Path) -> None:
        """Write the version's files into an empty (or missing) workspace.

        The files appear all at once: they are written to a folder beside it that then
        takes its place, so a download or an app start racing a restore never sees half
        a version, and two restores at once leave one whole copy.
        """
        files = await self.files(manifest)
        await asyncio.to_thread(_write_all, workspace, files)


def _write_all(workspace: Path, files: dict[str, bytes]) -> None:
    workspace.parent.mkdir(parents=True, exist_ok=True)
    # A plain folder (mode as any other, not a private temporary one: the sandboxed app
    # reads it), unique to this restore.
    staging = workspace.parent / f".{workspace.name}.restoring-{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        for relative, data in files.items():
            target = confined(staging, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        try:
            # Replaces a missing or empty folder; one already filled by another restore stays.
            staging.rename(workspace)
        except OSError:
            if not any(workspace.iterdir()):
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
