"""Versions are stored by content in the blob store (a folder or S3), and outlive workspaces."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import boto3
import httpx

from livebuild.settings import Settings
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings, start_build, wait_done
from tests.integration.test_versions import app_files

STORAGE_PER_VERSION_GOAL = 20_000


def _local_sizes(settings: Settings) -> dict[str, int]:
    root = settings.data_dir / "blobs" / "sha256"
    return {str(p): p.stat().st_size for p in root.rglob("*") if p.is_file()}


def _s3_sizes(endpoint: str) -> dict[str, int]:
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    listing = s3.list_objects_v2(Bucket="versions", Prefix="lb/sha256/")
    return {o["Key"]: o["Size"] for o in listing.get("Contents", [])}


async def _versions_survive_cleanup(settings: Settings, sizes: Any) -> None:
    async for client in _client_for(create_app(settings)):
        first = await start_build(client)
        await wait_done(client, first["job_id"])
        before = sizes()
        assert before and all(len(Path(k).name) == 62 for k in before)
        change = await client.post(
            f"/api/projects/{first['project_id']}/builds",
            json={"change_request": "add a Rating field to " + await _first_plural(client, first)},
        )
        second = await wait_done(client, change.json()["job_id"])
        assert second["status"] == "ready", second["error"]
        added = {k: v for k, v in sizes().items() if k not in before}
        # One file changed (the app's content), so one blob is new; the manifest is on the job.
        assert 1 <= len(added) <= 2 and sum(added.values()) <= STORAGE_PER_VERSION_GOAL
        original = await app_files(client, first["job_id"])

        shutil.rmtree(settings.workspaces_dir)
        # Several downloads at once bring the files back once, each of them whole.
        downloads = await asyncio.gather(*(app_files(client, first["job_id"]) for _ in range(6)))
        assert all(files == original for files in downloads)
        leftovers = [p.name for p in settings.workspaces_dir.rglob("*") if "restoring" in p.name]
        assert leftovers == []
        restored = await client.post(
            f"/api/projects/{first['project_id']}/builds", json={"restore": "v0.1"}
        )
        third = await wait_done(client, restored.json()["job_id"])
        assert third["status"] == "ready", third["error"]
        assert sizes() == {**before, **added}  # restoring stored nothing new


async def _first_plural(client: httpx.AsyncClient, build: dict[str, Any]) -> str:
    project = (await client.get(f"/api/projects/{build['project_id']}")).json()
    return str(project["brief"]["entities"][0]["plural"])


async def test_versions_in_a_local_folder(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    await _versions_survive_cleanup(settings, lambda: _local_sizes(settings))


async def test_versions_in_s3(tmp_path: Path, s3_endpoint: str) -> None:
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(
        Bucket="versions"
    )
    settings = make_settings(
        tmp_path,
        blob_storage="s3",
        s3_bucket="versions",
        s3_prefix="lb",
        s3_endpoint_url=s3_endpoint,
    )
    await _versions_survive_cleanup(settings, lambda: _s3_sizes(s3_endpoint))
