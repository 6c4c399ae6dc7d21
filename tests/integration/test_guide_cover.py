"""A guide's PDF cover pictures the app itself: never the early "Coming soon" page, and never
a later version's records legibly (founders forward their guides; a later version's pictures
show their customers' names, phones and addresses)."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from PIL import Image, ImageChops, ImageStat

from livebuild.brief import derive_brief
from livebuild.core.clock import utcnow
from livebuild.screenshots.browser import find_chromium
from livebuild.services import Services
from livebuild.store.blobs import BlobStoreError
from livebuild.store.db.models import Snapshot
from livebuild.web.app import create_app
from tests.conftest import (
    IDEA,
    _client_for,
    built_then_changed,
    make_settings,
)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdfimages") is None or shutil.which("pdftotext") is None,
    reason="pdfimages and pdftotext (poppler-utils) are needed to read the PDF back",
)
needs_chromium = pytest.mark.skipif(find_chromium(None) is None, reason="no Chromium")
PLACEHOLDER = (230, 200, 40)  # the scaffold's "Coming soon" page
THE_APP = (30, 90, 200)  # the app's own pages, from the code stage on


@pytest.fixture
async def app_client(tmp_path: Path) -> AsyncIterator[tuple[httpx.AsyncClient, Services]]:
    app = create_app(make_settings(tmp_path))
    async for client in _client_for(app):
        yield client, app.state.services


def _png(colour: tuple[int, int, int]) -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (64, 40), colour).save(picture, format="PNG")
    return picture.getvalue()


async def _picture(services: Services, job_id: str, stage: str, colour: tuple[int, ...]) -> None:
    key = f"screenshots/{job_id}/{stage}.png"
    data = _png(colour)  # type: ignore[arg-type]
    await services.blobs.put(key, data, "image/png")
    await services.repository.add_snapshot(
        Snapshot(
            job_id=job_id,
            stage=stage,
            key=key,
            url=f"/shots/{stage}.png",
            width=64,
            height=40,
            size_bytes=len(data),
            sha256="0" * 64,
            captured_at=utcnow(),
        )
    )


def _read(pdf: bytes, tmp_path: Path) -> tuple[str, list[tuple[int, ...]]]:
    """The PDF's text, and the colour of each picture in it."""
    tmp_path.mkdir()
    path = tmp_path / "guide.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    subprocess.run(["pdfimages", "-png", str(path), str(tmp_path / "img")], check=True)
    colours = [
        tuple(Image.open(image).convert("RGB").getpixel((10, 10)))  # type: ignore[arg-type]
        for image in sorted(tmp_path.glob("img-*.png"))
    ]
    return " ".join(text.split()), colours


@needs_poppler
async def test_a_guide_downloaded_mid_build_never_shows_the_placeholder(
    app_client: tuple[httpx.AsyncClient, Services], tmp_path: Path
) -> None:
    client, services = app_client
    repository = services.repository
    project = await repository.create_project(
        "local", "Pawpath", IDEA, derive_brief(IDEA).to_dict()
    )
    job = await repository.create_job(project.id, "local", None)
    await repository.update_job(job.id, status="scaffold")
    await repository.save_section(job.id, "overview", "Pawpath books dog walks.")
    await _picture(services, job.id, "scaffold", PLACEHOLDER)

    early = await client.get(f"/api/jobs/{job.id}/docs.pdf")
    assert early.status_code == 200, early.text
    text, colours = _read(early.content, tmp_path / "early")
    assert colours == [], "the cover shows the Coming soon page as if it were the app"
    assert "Your app is still being built" in text

    await repository.update_job(job.id, status="code")
    await _picture(services, job.id, "code", THE_APP)
    later = await client.get(f"/api/jobs/{job.id}/docs.pdf")
    text, colours = _read(later.content, tmp_path / "later")
    assert colours == [THE_APP] and "still being built" not in text


def _detail(png: bytes) -> float:
    """How much fine detail (text, edges) a picture holds."""
    with Image.open(io.BytesIO(png)) as opened:
        grey = opened.convert("L")
    return float(ImageStat.Stat(ImageChops.difference(grey, ImageChops.offset(grey, 1, 0))).mean[0])


def _cover(pdf: bytes, folder: Path) -> tuple[bytes, str]:
    """The PDF's largest picture and its first page's text, as poppler reads them back."""
    folder.mkdir()
    (folder / "guide.pdf").write_bytes(pdf)
    subprocess.run(["pdfimages", "-png", "guide.pdf", "img"], cwd=folder, check=True)
    pictures = sorted(folder.glob("img-*.png"), key=lambda p: p.stat().st_size)
    text = subprocess.run(
        ["pdftotext", "-l", "1", "guide.pdf", "-"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return (pictures[-1].read_bytes() if pictures else b""), " ".join(text.split())


@needs_chromium
@needs_poppler
async def test_a_later_versions_guide_cover_shows_no_readable_records(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, screenshots_enabled=True)
    async for client in _client_for(create_app(settings)):
        first, changed = await built_then_changed(client, "use a dark theme")
        assert changed["status"] == "ready"
        job = changed["job_id"]
        shots = (await client.get(f"/api/jobs/{job}/snapshots")).json()["snapshots"]
        own = (await client.get(shots[-1]["url"])).content
        pdf = await client.get(f"/api/jobs/{job}/docs.pdf")
        assert pdf.status_code == 200
        picture, text = _cover(pdf.content, tmp_path / "later")
        # The cover still shows the app's shape and colours, with no line of it legible,
        # and says why, so a founder isn't puzzled by a smudge.
        assert picture and _detail(picture) < _detail(own) / 3
        assert "blurred" in text and "records kept in your app" in text
        # The first version's cover is of its sample records: sharp, with no such note.
        picture, text = _cover(
            (await client.get(f"/api/jobs/{first['job_id']}/docs.pdf")).content,
            tmp_path / "first",
        )
        assert picture and "blurred" not in text


async def _later_version(client: httpx.AsyncClient) -> str:
    _, changed = await built_then_changed(client, "use a dark theme")
    assert changed["status"] == "ready"
    return str(changed["job_id"])


@needs_poppler
async def test_a_damaged_picture_or_a_full_store_still_gives_the_guide(
    app_client: tuple[httpx.AsyncClient, Services], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, services = app_client
    job = await _later_version(client)
    # A damaged picture: the guide comes without a cover picture, not as an error.
    await services.blobs.put(f"screenshots/{job}/code.png", b"not a picture", "image/png")
    await services.repository.add_snapshot(
        Snapshot(
            job_id=job,
            stage="code",
            key=f"screenshots/{job}/code.png",
            url="/shots/code.png",
            width=64,
            height=40,
            size_bytes=13,
            sha256="0" * 64,
            captured_at=utcnow(),
        )
    )
    damaged = await client.get(f"/api/jobs/{job}/docs.pdf")
    assert damaged.status_code == 200, damaged.text
    assert _read(damaged.content, tmp_path / "damaged")[1] == []
    # A store that can't keep the blurred copy: the cover is still the blurred picture.
    await _picture(services, job, "checks", THE_APP)

    async def full(*_: object, **__: object) -> None:
        raise BlobStoreError("the store is full")

    monkeypatch.setattr(services.blobs, "put", full)
    kept_none = await client.get(f"/api/jobs/{job}/docs.pdf")
    assert kept_none.status_code == 200, kept_none.text
    text, colours = _read(kept_none.content, tmp_path / "full")
    assert len(colours) == 1 and "blurred" in text
    # The note under it claims nothing the app may not keep (a recipe box has no addresses).
    assert "may show the records kept in your app" in text
    assert "phone numbers and addresses you keep" not in text
