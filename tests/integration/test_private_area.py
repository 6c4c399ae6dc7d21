"""The private area: copies of founders' records that no browser may ever reach.

Local folder and S3-compatible storage (moto, as the other S3 tests): what goes in comes
back byte for byte with when it was written; climbing keys, links and oversized objects
are refused; nothing in it has a URL, and livebuild's public routes don't serve it.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import BinaryIO

import boto3
import httpx
import pytest

from livebuild.settings import Settings
from livebuild.store.blobs import create_blob_store
from livebuild.store.blobs.base import BlobStoreError
from livebuild.store.blobs.private import LocalPrivateStore, PrivateStore, create_private_store
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings

SECRET = b"SQLite format 3\x00Greenfield HOA, 12 Elm Road" * 100


def _local(tmp_path: Path) -> PrivateStore:
    return create_private_store(make_settings(tmp_path))


def _s3(tmp_path: Path, endpoint: str) -> PrivateStore:
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(
        Bucket="livebuild"
    )
    settings = make_settings(
        tmp_path, blob_storage="s3", s3_bucket="livebuild", s3_endpoint_url=endpoint
    )
    return create_private_store(settings)


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> PrivateStore:
    if request.param == "local":
        return _local(tmp_path)
    return _s3(tmp_path, request.getfixturevalue("s3_endpoint"))


async def test_a_copy_comes_back_byte_for_byte_with_when_it_was_written(
    store: PrivateStore, tmp_path: Path
) -> None:
    source = tmp_path / "records.tar"
    source.write_bytes(SECRET)
    assert await store.modified("records/p1/j1.tar") is None
    assert await store.get_file("records/p1/j1.tar", tmp_path / "none", 10**6) is None
    await store.put_file("records/p1/j1.tar", source, 1_765_000_000.25)
    assert await store.modified("records/p1/j1.tar") == pytest.approx(1_765_000_000.25)
    back = tmp_path / "back.tar"
    assert await store.get_file("records/p1/j1.tar", back, 10**6) == pytest.approx(1_765_000_000.25)
    assert back.read_bytes() == SECRET
    # A newer copy replaces the old one.
    source.write_bytes(b"newer")
    await store.put_file("records/p1/j1.tar", source, 1_765_000_100.0)
    newer = tmp_path / "newer.tar"
    assert await store.get_file("records/p1/j1.tar", newer, 10**6) == pytest.approx(1_765_000_100)
    assert newer.read_bytes() == b"newer"
    await store.delete("records/p1/j1.tar")
    assert await store.modified("records/p1/j1.tar") is None


async def test_climbing_keys_and_oversized_copies_are_refused(
    store: PrivateStore, tmp_path: Path
) -> None:
    source = tmp_path / "records.tar"
    source.write_bytes(SECRET)
    for key in ("../blobs/x.tar", "records/../../x", "/etc/passwd", "records//x", ".hidden"):
        with pytest.raises(BlobStoreError):
            await store.put_file(key, source, 1.0)
        with pytest.raises(BlobStoreError):
            await store.get_file(key, tmp_path / "out", 10**6)
    await store.put_file("records/p1/j1.tar", source, 1.0)
    with pytest.raises(BlobStoreError):
        await store.get_file("records/p1/j1.tar", tmp_path / "small", len(SECRET) - 1)
    assert not (tmp_path / "small").exists() or (tmp_path / "small").stat().st_size < len(SECRET)


async def test_a_linked_copy_in_the_local_area_is_refused(tmp_path: Path) -> None:
    store = _local(tmp_path)
    secret = tmp_path / "livebuild-secrets.txt"
    secret.write_text("the installation's key")
    area = tmp_path / "data" / "private" / "records" / "p1"
    area.mkdir(parents=True)
    (area / "j1.tar").symlink_to(secret)
    with pytest.raises(BlobStoreError):
        await store.get_file("records/p1/j1.tar", tmp_path / "out", 10**6)
    assert not (tmp_path / "out").exists()


async def test_a_pipe_in_the_local_area_is_refused_at_once(tmp_path: Path) -> None:
    store = _local(tmp_path)
    area = tmp_path / "data" / "private" / "records" / "p1"
    area.mkdir(parents=True)
    os.mkfifo(area / "j1.tar")  # nothing ever writes to it: a blocking read would wait forever
    with pytest.raises(BlobStoreError):
        await asyncio.wait_for(store.get_file("records/p1/j1.tar", tmp_path / "out", 10**6), 10)
    assert not (tmp_path / "out").exists()


async def test_the_local_area_is_never_served(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    store = create_private_store(settings)
    source = tmp_path / "records.tar"
    source.write_bytes(SECRET)
    await store.put_file("records/p1/j1.tar", source, 1.0)
    # Not inside the folder served under /blobs/, and readable by livebuild alone.
    private = settings.data_dir / "private"
    assert not private.resolve().is_relative_to((settings.data_dir / "blobs").resolve())
    assert (private.stat().st_mode & 0o077) == 0
    assert ((private / "records/p1/j1.tar").stat().st_mode & 0o077) == 0
    blobs = create_blob_store(settings)
    assert "private" not in blobs.public_url("records/p1/j1.tar", settings.base_url)
    paths = [
        "/blobs/records/p1/j1.tar",
        "/blobs/private/records/p1/j1.tar",
        "/blobs/../private/records/p1/j1.tar",
        "/blobs/%2e%2e/private/records/p1/j1.tar",
        "/blobs/snapshots/p1/..%2f..%2fprivate%2frecords%2fp1%2fj1.tar",
        "/private/records/p1/j1.tar",
        "/private/",
        "/blobs/",
        "/data/private/records/p1/j1.tar",
    ]
    async for client in _clients(settings):
        for path in paths:
            answer = await client.get(path)
            assert answer.status_code in (400, 404, 422), (path, answer.status_code)
            assert b"Greenfield HOA" not in answer.content, path


async def _clients(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client_for(create_app(settings)):
        yield client


async def test_an_s3_copy_has_no_url_and_a_stranger_is_refused(
    s3_endpoint: str, tmp_path: Path
) -> None:
    store = _s3(tmp_path, s3_endpoint)
    source = tmp_path / "records.tar"
    source.write_bytes(SECRET)
    await store.put_file("records/p1/j1.tar", source, 1.0)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    # Beside the public blobs' keys, under a prefix of its own, granted to its owner alone.
    key = "livebuild/private/records/p1/j1.tar"
    grants = client.get_object_acl(Bucket="livebuild", Key=key)["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]
    assert all(g["Grantee"].get("Type") == "CanonicalUser" for g in grants)
    # Fetched by URL without the installation's credentials: refused.
    async with httpx.AsyncClient() as anyone:
        stranger = await anyone.get(f"{s3_endpoint}/livebuild/{key}")
    assert stranger.status_code == 403 and b"Greenfield HOA" not in stranger.content
    assert not hasattr(store, "public_url")
    # A public blob can never be written into the private area's prefix.
    blobs = create_blob_store(
        make_settings(
            tmp_path, blob_storage="s3", s3_bucket="livebuild", s3_endpoint_url=s3_endpoint
        )
    )
    with pytest.raises(BlobStoreError):
        await blobs.put("private/records/p1/j1.tar", b"overwritten", "application/x-tar")


async def test_a_copy_written_straight_in_is_kept_whole_or_not_at_all(
    store: PrivateStore, tmp_path: Path
) -> None:
    def written(out: BinaryIO) -> bool:
        out.write(SECRET)
        return True

    assert await store.put_written("records/p1/j1.tar", written, 1_765_000_000.5)
    back = tmp_path / "back"
    assert await store.get_file("records/p1/j1.tar", back, 10**6) == pytest.approx(1_765_000_000.5)
    assert back.read_bytes() == SECRET

    def nothing(out: BinaryIO) -> bool:
        out.write(b"half")
        return False

    def broken(out: BinaryIO) -> bool:
        out.write(b"half")
        raise OSError("the app's disk went away")

    # A copy that was not made leaves the one before as it was, and nothing half-written.
    assert not await store.put_written("records/p1/j1.tar", nothing, 1_765_000_100.0)
    with pytest.raises((OSError, BlobStoreError)):
        await store.put_written("records/p1/j1.tar", broken, 1_765_000_100.0)
    again = tmp_path / "again"
    assert await store.get_file("records/p1/j1.tar", again, 10**6) == pytest.approx(1_765_000_000.5)
    assert again.read_bytes() == SECRET
    if isinstance(store, LocalPrivateStore):
        assert [p.name for p in (store.root / "records" / "p1").iterdir()] == ["j1.tar"]
