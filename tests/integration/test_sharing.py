"""Sharing a finished build and its time-lapse: read-only links that anyone can open,
that reach nothing of the owner's, and that stop working when revoked."""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops, ImageStat
from sqlalchemy import select

from livebuild.cli import main
from livebuild.core.clock import utcnow
from livebuild.core.stages import Stage
from livebuild.screenshots.browser import find_chromium
from livebuild.services import Services
from livebuild.settings import AuthMode, Settings
from livebuild.store.db.models import Share, Snapshot
from livebuild.web.app import create_app
from tests.conftest import _client_for, built_then_changed, make_settings, start_build, wait_done
from tests.fakes import GatedRunner

CHROMIUM = find_chromium(None)


def _png_of(colour: tuple[int, int, int]) -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (96, 60), colour).save(picture, format="PNG")
    return picture.getvalue()


async def _snapshot(services: Services, job_id: str, stage: str, data: bytes | None) -> None:
    """A picture of `job_id` at `stage`, stored as `data` (None: its row, with nothing stored)."""
    key = f"snapshots/{job_id}/{stage}.png"
    if data is not None:
        await services.blobs.put(key, data, "image/png")
    await services.repository.add_snapshot(
        Snapshot(
            job_id=job_id,
            stage=stage,
            key=key,
            url=f"/shots/{stage}.png",
            width=96,
            height=60,
            size_bytes=len(data or b""),
            sha256="0" * 64,
            captured_at=utcnow(),
        )
    )


needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium for screenshots")


async def test_share_link_is_read_only_unguessable_and_revocable(settings: Settings) -> None:
    runner = GatedRunner(Stage.SCAFFOLD)
    app = create_app(settings, runner=runner)
    async for client in _client_for(app):
        build = await start_build(client)
        job = build["job_id"]
        await runner.reached.wait()
        early = await client.post(f"/api/jobs/{job}/share")
        assert early.status_code == 409 and "once it's built" in early.json()["detail"]
        runner.gate.set()
        await wait_done(client, job)

        shared = await client.post(f"/api/jobs/{job}/share")
        assert shared.status_code == 201
        token = shared.json()["token"]
        assert shared.json()["url"] == f"{settings.base_url}/s/{token}"
        assert len(token) >= 32 and re.fullmatch(r"[A-Za-z0-9_-]+", token)
        another = (await client.post(f"/api/jobs/{job}/share")).json()["token"]
        assert another != token
        # only a hash of the token is stored
        async with app.state.services.repository.sessions() as session:
            stored = list((await session.execute(select(Share.token_hash))).scalars())
        assert len(stored) == 2 and token not in stored and another not in stored

        page = await client.get(f"/s/{token}")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert page.headers["referrer-policy"] == "no-referrer"
        body = page.text
        project = (await client.get(f"/api/projects/{build['project_id']}")).json()
        assert project["name"] in body and "v0.1" in body
        for heading in ("Overview", "Features", "Getting Started", "FAQ"):
            assert f">{heading}</h3>" in body
        assert '<dl class="faq">' in body
        # no way into the owner's account, no actions, no technical details
        for leak in (job, build["project_id"], "/api/", "Technical", "127.0.0.1", "tokens"):
            assert leak not in body
        assert not re.search(r'href="/(?!s/|static/)', body)
        assert "<form" not in body and "<button" not in body.replace("data-timelapse-play", "")
        assert "Built in" in body and "Records seeded" in body

        assert (await client.get("/s/not-a-real-token")).status_code == 404
        assert (await client.get(f"/s/{token}x")).status_code == 404

        # one link at a time: the other keeps working; an unknown one is a plain 404
        listed = (await client.get(f"/api/jobs/{job}/shares")).json()["shares"]
        assert {link["token"] for link in listed} == {token, another}
        one = await client.delete(f"/api/jobs/{job}/shares/{another}")
        assert one.status_code == 204
        assert (await client.get(f"/s/{another}")).status_code == 404
        assert (await client.get(f"/s/{token}")).status_code == 200
        again = await client.delete(f"/api/jobs/{job}/shares/{another}")
        assert again.status_code == 404 and "link" in again.json()["detail"]
        huge = await client.delete(f"/api/jobs/{job}/shares/{'x' * 5000}")
        assert huge.status_code == 404
        another = (await client.post(f"/api/jobs/{job}/share")).json()["token"]

        revoked = await client.delete(f"/api/jobs/{job}/share")
        assert revoked.status_code == 204
        for link in (token, another):
            assert (await client.get(f"/s/{link}")).status_code == 404
            assert (await client.get(f"/s/{link}/timelapse")).status_code == 404
        assert (await client.get(f"/api/jobs/{job}/shares")).json() == {"shares": []}


@pytest.fixture
def users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("LIVEBUILD_DATA_DIR", str(tmp_path / "data"))
    tokens = {}
    for name in ("ada", "bob"):
        result = CliRunner().invoke(main, ["users", "add", name])
        assert result.exit_code == 0, result.output
        tokens[name] = result.output.strip().splitlines()[-1]
    return tokens


@pytest.fixture
async def token_client(tmp_path: Path, users: dict[str, str]) -> AsyncIterator[httpx.AsyncClient]:
    settings = make_settings(
        tmp_path, auth_mode=AuthMode.TOKEN, screenshots_enabled=CHROMIUM is not None
    )
    async for client in _client_for(create_app(settings)):
        yield client


async def test_shared_page_works_signed_out_in_token_mode(
    token_client: httpx.AsyncClient, users: dict[str, str]
) -> None:
    ada = {"Authorization": f"Bearer {users['ada']}"}
    bob = {"Authorization": f"Bearer {users['bob']}"}
    token_client.headers.update(ada)
    build = await start_build(token_client)
    await wait_done(token_client, build["job_id"])
    job = build["job_id"]
    del token_client.headers["Authorization"]

    # someone else can neither share nor revoke ada's build
    assert (await token_client.post(f"/api/jobs/{job}/share", headers=bob)).status_code == 404
    assert (await token_client.post(f"/api/jobs/{job}/share")).status_code == 401
    token = (await token_client.post(f"/api/jobs/{job}/share", headers=ada)).json()["token"]
    assert (await token_client.delete(f"/api/jobs/{job}/share", headers=bob)).status_code == 404
    # nor list or revoke one of its links
    one = f"/api/jobs/{job}/shares/{token}"
    assert (await token_client.get(f"/api/jobs/{job}/shares", headers=bob)).status_code == 404
    assert (await token_client.delete(one, headers=bob)).status_code == 404
    listed = (await token_client.get(f"/api/jobs/{job}/shares", headers=ada)).json()["shares"]
    assert [link["token"] for link in listed] == [token]
    assert listed[0]["url"].endswith(f"/s/{token}") and listed[0]["created_at"]

    page = await token_client.get(f"/s/{token}")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    for frames in re.findall(r'data-frames="([^"]+)"', page.text):
        assets += json.loads(html.unescape(frames))
    pictures = [a for a in assets if "/snapshots/" in a or a.endswith("/timelapse")]
    if CHROMIUM is not None:
        assert pictures
    for asset in pictures:
        assert asset.startswith(f"/s/{token}/")
        answer = await token_client.get(asset)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("image/")
    # the owner's own picture addresses stay closed to the signed-out visitor
    for snapshot in (await token_client.get(f"/api/jobs/{job}/snapshots", headers=ada)).json()[
        "snapshots"
    ]:
        assert (await token_client.get(snapshot["url"])).status_code == 401
    assert (await token_client.get(f"/api/jobs/{job}/timelapse")).status_code == 401


@needs_chromium
async def test_timelapse_is_an_animation_of_every_screenshot(tmp_path: Path) -> None:
    runner = GatedRunner(Stage.DEPS)
    settings = make_settings(tmp_path, screenshots_enabled=True)
    async for client in _client_for(create_app(settings, runner=runner)):
        build = await start_build(client)
        job = build["job_id"]
        await runner.reached.wait()
        shots = (await client.get(f"/api/jobs/{job}/snapshots")).json()["snapshots"]
        if len(shots) < 2:
            early = await client.get(f"/api/jobs/{job}/timelapse")
            assert early.status_code == 409 and "two pictures" in early.json()["detail"]
        runner.gate.set()
        await wait_done(client, job)
        shots = (await client.get(f"/api/jobs/{job}/snapshots")).json()["snapshots"]
        assert len(shots) >= 2

        answer = await client.get(f"/api/jobs/{job}/timelapse")
        assert answer.status_code == 200 and answer.headers["content-type"] == "image/webp"
        with Image.open(io.BytesIO(answer.content)) as picture:
            assert picture.format == "WEBP"
            assert getattr(picture, "is_animated", False)
            assert getattr(picture, "n_frames", 1) == len(shots)
            assert picture.width <= 960
        cached = list((settings.data_dir / "blobs" / "timelapse" / job).glob("*.webp"))
        assert len(cached) == 1 and cached[0].read_bytes() == answer.content
        again = await client.get(f"/api/jobs/{job}/timelapse")
        assert again.content == answer.content

        token = (await client.post(f"/api/jobs/{job}/share")).json()["token"]
        shared = await client.get(f"/s/{token}/timelapse")
        assert shared.status_code == 200 and shared.content == answer.content
        name = shots[-1]["url"].rsplit("/", 1)[-1]
        png = await client.get(f"/s/{token}/snapshots/{name}")
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
        assert (await client.get(f"/s/{token}/snapshots/../../x.png")).status_code == 404


async def test_a_shared_later_version_never_calls_the_records_the_visitors(
    client: httpx.AsyncClient,
) -> None:
    first, changed = await built_then_changed(client, "use a dark theme")
    assert changed["status"] == "ready"
    job = changed["job_id"]
    # The owner's own page: the records are theirs, carried over.
    owner = await client.get(f"/projects/{first['project_id']}/build?job_id={job}")
    assert "Your records" in owner.text and "Carried over" in owner.text
    # Someone given the link has no records in it: the page says what the version did.
    token = (await client.post(f"/api/jobs/{job}/share")).json()["token"]
    visitor = (await client.get(f"/s/{token}")).text
    assert "Your records" not in visitor and "Carried over" not in visitor
    assert "Kept from the version before" in visitor


def _detail(png: bytes) -> float:
    """How much fine detail (text, edges) a picture holds: the mean difference between
    neighbouring pixels."""
    with Image.open(io.BytesIO(png)) as opened:
        grey = opened.convert("L")
    return float(ImageStat.Stat(ImageChops.difference(grey, ImageChops.offset(grey, 1, 0))).mean[0])


@needs_chromium
async def test_a_shared_later_version_blurs_the_pictures_of_the_founders_own_records(
    tmp_path: Path,
) -> None:
    # A later version's pictures are taken of the app as the founder uses it: a share link
    # showed a bike mechanic's real customers, with their phones and addresses, to anyone.
    settings = make_settings(tmp_path, screenshots_enabled=True)
    async for client in _client_for(create_app(settings)):
        first, changed = await built_then_changed(client, "use a dark theme")
        assert changed["status"] == "ready"
        job = changed["job_id"]
        shots = (await client.get(f"/api/jobs/{job}/snapshots")).json()["snapshots"]
        assert shots  # the founder's own page has them, sharp
        token = (await client.post(f"/api/jobs/{job}/share")).json()["token"]
        page = (await client.get(f"/s/{token}")).text
        assert "blurred" in page and f"/s/{token}/snapshots/" in page
        for shot in shots:
            own = (await client.get(shot["url"])).content
            name = shot["url"].rsplit("/", 1)[-1]
            seen = await client.get(f"/s/{token}/snapshots/{name}")
            assert seen.status_code == 200 and seen.headers["content-type"] == "image/png"
            # No line of text survives: far less fine detail than the founder's own picture.
            assert _detail(seen.content) < _detail(own) / 3
        timelapse = await client.get(f"/s/{token}/timelapse")
        assert timelapse.status_code == (200 if len(shots) >= 2 else 409)
        # The first version's pictures are of its sample records: they are shared as taken.
        token = (await client.post(f"/api/jobs/{first['job_id']}/share")).json()["token"]
        page = (await client.get(f"/s/{token}")).text
        assert f"/s/{token}/snapshots/" in page and "blurred" not in page
        first_shot = (await client.get(f"/api/jobs/{first['job_id']}/snapshots")).json()
        url = first_shot["snapshots"][0]["url"]
        taken = (await client.get(url)).content
        shared = await client.get(f"/s/{token}/snapshots/{url.rsplit('/', 1)[-1]}")
        assert shared.content == taken


@needs_chromium
async def test_a_shared_duplicate_blurs_its_pictures_of_the_records_it_brought_over(
    tmp_path: Path,
) -> None:
    # A duplicate's first version is the source version brought over with its records: its
    # pictures show the founder's customers as much as a later version's do.
    settings = make_settings(tmp_path, screenshots_enabled=True)
    async for client in _client_for(create_app(settings)):
        first = await start_build(client)
        await wait_done(client, first["job_id"])
        copy = (await client.post(f"/api/projects/{first['project_id']}/duplicate")).json()
        assert (await wait_done(client, copy["job_id"]))["status"] == "ready"
        shots = (await client.get(f"/api/jobs/{copy['job_id']}/snapshots")).json()["snapshots"]
        token = (await client.post(f"/api/jobs/{copy['job_id']}/share")).json()["token"]
        page = (await client.get(f"/s/{token}")).text
        if shots:
            assert "blurred" in page
            name = shots[0]["url"].rsplit("/", 1)[-1]
            own = (await client.get(shots[0]["url"])).content
            seen = (await client.get(f"/s/{token}/snapshots/{name}")).content
            assert seen != own and _detail(seen) < _detail(own) / 3
        else:
            assert f"/s/{token}/snapshots/" not in page


async def test_a_damaged_or_missing_picture_never_breaks_a_share_link(tmp_path: Path) -> None:
    # The guide's cover guards its blur against a damaged picture; the share link's pictures
    # and time-lapse went through the same blur with no guard, and answered 500.
    app = create_app(make_settings(tmp_path))
    async for client in _client_for(app):
        services = app.state.services
        _, changed = await built_then_changed(client, "use a dark theme")
        job = changed["job_id"]
        pictures = {
            "scaffold": _png_of((230, 200, 40)),
            "code": b"not a picture",
            "deps": None,
            "checks": _png_of((30, 90, 200)),
        }
        for stage, data in pictures.items():
            await _snapshot(services, job, stage, data)
        token = (await client.post(f"/api/jobs/{job}/share")).json()["token"]
        page = await client.get(f"/s/{token}")
        assert page.status_code == 200 and "blurred" in page.text
        seen = {stage: await client.get(f"/s/{token}/snapshots/{stage}.png") for stage in pictures}
        assert seen["scaffold"].status_code == 200 and seen["checks"].status_code == 200
        for stage in ("code", "deps"):  # damaged, or gone from the store: no picture, plainly
            assert seen[stage].status_code == 404, seen[stage].text
            assert "picture" in seen[stage].json()["detail"]
        # The time-lapse plays the pictures it can read, blurred.
        timelapse = await client.get(f"/s/{token}/timelapse")
        assert timelapse.status_code == 200, timelapse.text
        with Image.open(io.BytesIO(timelapse.content)) as played:
            assert getattr(played, "n_frames", 1) == 2
        owners = await client.get(f"/api/jobs/{job}/timelapse")
        assert owners.status_code == 200, owners.text
