"""The user guide written beside the build, its downloads, and model providers end to end."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from livebuild.core.net import free_port
from livebuild.settings import Settings
from livebuild.store.db.models import Project
from livebuild.web.app import create_app
from tests.conftest import IDEA, _client_for, make_settings, start_build, stream_all, wait_done
from tests.shared_build import FinishedBuild
from tests.vendor_servers import Reply, VendorServer

SECTIONS = ["overview", "features", "getting_started", "faq"]
SCRIPTED = (
    "We're shaping Pawpath around the walks your clients book.\n\n"
    "## Overview\nPawpath keeps every walk in one place.\n\n"
    "## Features\n- Book walks\n- See your schedule\n\n"
    "## Getting Started\n1. Open Walks.\n2. Press Add walk.\n\n"
    "## FAQ\n**Can I change a walk?** Yes, open it and edit it.\n"
)


async def _client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client_for(create_app(settings)):
        yield client


def _types(events: list[dict[str, Any]]) -> list[str]:
    return [e["type"] for e in events]


async def test_offline_docs_arrive_section_by_section_during_the_build(
    tmp_path: Path, finished_build_with_screenshots: FinishedBuild
) -> None:
    # The event log keeps the order things happened in during the build.
    build = finished_build_with_screenshots.build
    async with finished_build_with_screenshots.client() as client:
        events = await stream_all(client, build["job_id"])
        docs_events = [e for e in events if e["type"] == "documentation.updated"]
        assert [e["section"] for e in docs_events] == SECTIONS
        scaffold_done = next(
            i
            for i, e in enumerate(events)
            if e["type"] == "build.stage.completed" and e["stage"] == "scaffold"
        )
        first_doc = events.index(docs_events[0])
        assert scaffold_done < first_doc < len(events) - 1
        docs = (await client.get(f"/api/jobs/{build['job_id']}/docs")).json()
        assert docs["status"] == "complete" and docs["changelog"] is None
        project = (await client.get(f"/api/projects/{build['project_id']}")).json()
        for key in SECTIONS:
            assert docs[key] and "```" not in docs[key]
        assert project["name"] in docs["overview"]
        status = (await client.get(f"/api/jobs/{build['job_id']}")).json()
        assert status["docs_ready"] is True

        markdown = await client.get(f"/api/jobs/{build['job_id']}/docs.md")
        assert markdown.status_code == 200
        assert "attachment" in markdown.headers["content-disposition"]
        assert markdown.headers["content-disposition"].endswith('-v0.1-user-guide.md"')
        text = markdown.text
        assert text.startswith(f"# {project['name']}") and "v0.1" in text.splitlines()[2]
        headings = [line for line in text.splitlines() if line.startswith("## ")]
        assert headings == ["## Overview", "## Features", "## Getting Started", "## FAQ"]

        pdf = await client.get(f"/api/jobs/{build['job_id']}/docs.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert pdf.headers["content-type"] == "application/pdf"
        if shutil.which("pdftotext"):
            out = tmp_path / "guide.pdf"
            out.write_bytes(pdf.content)
            words = await asyncio.to_thread(
                subprocess.run, ["pdftotext", str(out), "-"], capture_output=True, text=True
            )
            assert project["name"] in words.stdout and "Getting Started" in words.stdout


async def test_a_second_version_carries_a_changelog(tmp_path: Path) -> None:
    async for client in _client(make_settings(tmp_path)):
        build = await start_build(client)
        await wait_done(client, build["job_id"])
        second = await client.post(
            f"/api/projects/{build['project_id']}/builds",
            json={"change_request": "Add a Reminders page with due date"},
        )
        events = await stream_all(client, second.json()["job_id"])
        sections = [e["section"] for e in events if e["type"] == "documentation.updated"]
        assert sections == [*SECTIONS, "changelog"]
        docs = (await client.get(f"/api/jobs/{second.json()['job_id']}/docs")).json()
        # What's New says what really changed, not the request restated.
        assert "Added a Reminders page with due date" in docs["changelog"]
        markdown = (await client.get(f"/api/jobs/{second.json()['job_id']}/docs.md")).text
        assert "v0.2" in markdown and "## What's New" in markdown


async def test_docs_can_be_switched_off(tmp_path: Path) -> None:
    async for client in _client(make_settings(tmp_path, docs_enabled=False)):
        build = await start_build(client)
        events = await stream_all(client, build["job_id"])
        assert "documentation.updated" not in _types(events)
        docs = (await client.get(f"/api/jobs/{build['job_id']}/docs")).json()
        assert docs["status"] == "disabled" and docs["overview"] is None
        missing = await client.get(f"/api/jobs/{build['job_id']}/docs.md")
        assert missing.status_code == 409 and "isn't written yet" in missing.json()["detail"]


async def test_an_unreachable_provider_never_fails_the_build(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path,
        model_provider="openai",
        model_api_key="sk-test",
        model_base_url=f"http://127.0.0.1:{free_port()}/v1",
        llm_narration_enabled=True,
        model_timeout_s=2.0,
    )
    async for client in _client(settings):
        build = await start_build(client)
        events = await stream_all(client, build["job_id"])
        assert events[-1]["type"] == "build.completed"
        narrations = [e["narration"] for e in events if e["type"] == "build.stage.started"]
        assert all(n.startswith("We") for n in narrations)
        docs = (await client.get(f"/api/jobs/{build['job_id']}/docs")).json()
        assert docs["status"] == "failed" and docs["overview"] is None
        logs = "\n".join((await client.get(f"/api/jobs/{build['job_id']}/logs")).json()["lines"])
        assert "documentation failed" in logs and "sk-test" not in logs


async def test_a_hanging_provider_never_stalls_the_build(tmp_path: Path) -> None:
    async with VendorServer() as server:
        server.script(
            Reply.hang("## Overview\nPawpath keeps every walk in one place.\n\n## Features\n")
        )
        settings = make_settings(
            tmp_path,
            model_provider="anthropic",
            model_api_key="test-key",
            model_base_url=server.anthropic_url,
            llm_narration_enabled=True,
            narration_timeout_s=0.5,
            docs_timeout_s=2.0,
        )
        async for client in _client(settings):
            build = await start_build(client)
            status = await wait_done(client, build["job_id"])
            # Well under the 180 s the guide would wait by default: the 2 s cut-off held,
            # with room for a loaded machine (the build itself takes seconds).
            assert status["status"] == "ready" and status["elapsed_s"] < 60
            docs = (await client.get(f"/api/jobs/{build['job_id']}/docs")).json()
            assert docs["status"] == "partial" and docs["overview"] and docs["faq"] is None


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
async def test_real_sdks_give_the_same_experience(tmp_path: Path, provider: str) -> None:
    async with VendorServer() as server:
        server.script(Reply(SCRIPTED))
        url = server.anthropic_url if provider == "anthropic" else server.openai_url
        settings = make_settings(
            tmp_path,
            model_provider=provider,
            model_api_key="test-key",
            model_base_url=url,
            llm_narration_enabled=True,
        )
        async for client in _client(settings):
            project = await client.post("/api/projects", json={"idea": IDEA, "name": "Pawpath"})
            build = (await client.post(f"/api/projects/{project.json()['id']}/builds")).json()
            events = await stream_all(client, build["job_id"])
            assert events[-1]["type"] == "build.completed"
            narrations = {e["narration"] for e in events if e["type"] == "build.stage.started"}
            assert narrations == {"We're shaping Pawpath around the walks your clients book."}
            sections = [e["section"] for e in events if e["type"] == "documentation.updated"]
            assert sections == SECTIONS
            docs = (await client.get(f"/api/jobs/{build['job_id']}/docs")).json()
            assert "Book walks" in docs["features"]
        assert all(
            r.headers.get("x-api-key", r.headers.get("authorization", "")) for r in server.requests
        )


async def test_secrets_in_the_idea_reach_nothing_a_founder_sees(tmp_path: Path) -> None:
    secret = "sk-ant-api03-" + "Zx9" * 12
    aws = "AKIAIOSFODNN7EXAMPLE"
    idea = f"A booking app for dog walkers. Our key is {secret} and {aws}, see /home/ada/keys.txt"
    async for client in _client(make_settings(tmp_path)):
        project = (await client.post("/api/projects", json={"idea": idea})).json()
        assert secret not in str(project["brief"]) and aws not in str(project["brief"])
        build = (await client.post(f"/api/projects/{project['id']}/builds")).json()
        events = await stream_all(client, build["job_id"])
        docs = (await client.get(f"/api/jobs/{build['job_id']}/docs")).json()
        page = (await client.get(f"/preview/{build['job_id']}/", follow_redirects=True)).text
        logs = (await client.get(f"/api/jobs/{build['job_id']}/logs")).text
        for shown in (str(events), str(docs), page, logs):
            assert secret not in shown and aws not in shown
        assert "/home/ada" not in str(events) + str(docs)


async def test_the_changelog_names_what_changed_in_the_plan(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path))
    async for client in _client_for(app):
        first = await start_build(client)
        await wait_done(client, first["job_id"])
        added = "Owners get a reminder before each walk"
        async with app.state.services.repository.sessions.begin() as session:
            project = await session.get(Project, first["project_id"])
            assert project is not None
            project.brief = {**project.brief, "features": [*project.brief["features"], added]}
        second = await client.post(f"/api/projects/{first['project_id']}/builds")
        assert second.status_code == 202
        await wait_done(client, second.json()["job_id"])
        docs = (await client.get(f"/api/jobs/{second.json()['job_id']}/docs")).json()
        assert docs["changelog"] and added.lower() in docs["changelog"].lower()


def _has_colour(pdf: bytes, colour: str, tmp_path: Path) -> bool:
    """Whether the PDF's cover shows `colour` (#rrggbb), as poppler draws it."""
    from PIL import Image

    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "cover.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(path), str(tmp_path / "c")],
        check=True,
    )
    want = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    image = Image.open(next(tmp_path.glob("c*.png"))).convert("RGB")
    # Its palette, with how often each colour appears: the accent is one of them or isn't.
    found = image.getcolors(maxcolors=image.width * image.height) or []
    pixels = [pixel for _, pixel in found if isinstance(pixel, tuple)]
    return any(all(abs(a - b) <= 6 for a, b in zip(p, want, strict=True)) for p in pixels)


async def test_a_changed_versions_guide_prints_in_that_versions_colours(tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils is not installed to draw the PDF back")
    async for client in _client(make_settings(tmp_path)):
        first = await start_build(client)
        await stream_all(client, first["job_id"])
        project = f"/api/projects/{first['project_id']}"
        before = (await client.get(project)).json()["brief"]["theme"]["primary"]
        asked = await client.post(
            f"{project}/builds", json={"change_request": "make it dark green"}
        )
        changed = asked.json()["job_id"]
        await stream_all(client, changed)
        after = (await client.get(project)).json()["brief"]["theme"]["primary"]
        assert after != before
        old = (await client.get(f"/api/jobs/{first['job_id']}/docs.pdf")).content
        new = (await client.get(f"/api/jobs/{changed}/docs.pdf")).content
        # The green version's guide is green; the first version's keeps its own colour.
        assert _has_colour(new, after, tmp_path / "new") and not _has_colour(
            new, before, tmp_path / "n"
        )
        assert _has_colour(old, before, tmp_path / "old")
