"""What a hostile user could still reach through the web API: a guide that takes seconds
to render on every read, raw HTML kept in a guide edit, revoked users' sign-in links."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from livebuild.cli import main
from livebuild.guide import export, render
from livebuild.settings import AuthMode, Settings
from livebuild.web.app import create_app
from livebuild.web.views import docs as docs_view
from tests.conftest import _client_for, make_settings, start_build, wait_done

SAME = {"Origin": "http://testserver"}


@pytest.fixture
async def finished(sqlite_settings: Settings) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    async for client in _client_for(create_app(sqlite_settings)):
        build = await start_build(client)
        await wait_done(client, build["job_id"])
        yield client, build["job_id"]


async def test_a_pathological_guide_is_rendered_once_not_on_every_read(
    finished: tuple[httpx.AsyncClient, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, job = finished
    marker = f"Guide number {uuid.uuid4().int % 10**9}"
    renders: list[int] = []
    real = render.markdown_html

    def counted(text: str) -> str:
        if marker in text:
            renders.append(len(text))
        return real(text)

    monkeypatch.setattr(render, "markdown_html", counted)
    hostile = marker + "\n\n" + "![" * 9_950
    edited = await client.put(f"/api/jobs/{job}/docs/overview", json={"markdown": hostile})
    assert edited.status_code == 200, edited.text
    assert edited.json()["html"]["overview"].startswith("<p>Guide number")
    token = (await client.post(f"/api/jobs/{job}/share")).json()["token"]

    async def reader() -> None:
        for _ in range(3):
            page = await client.get(f"/s/{token}")
            assert page.status_code == 200 and marker in page.text

    async def other_user() -> int:
        return (await client.get("/api/projects")).status_code

    results = await asyncio.gather(reader(), reader(), reader(), other_user())
    assert results[-1] == 200
    docs = await client.get(f"/api/jobs/{job}/docs")
    assert docs.status_code == 200 and marker in docs.json()["html"]["overview"]
    # The edit rendered it; nine shared-page reads and a guide read rendered nothing.
    assert len(renders) == 1


async def test_rendering_stays_linear_on_shapes_that_trip_markdown_parsers() -> None:
    shapes = ["![", "[", "*a", "a**", "[](", "**a*", "|a\n", "`a", "[![", "<a"]
    for shape in shapes:
        small = (shape * 2_000)[:4_000]
        large = (shape * 20_000)[:40_000]
        loop = asyncio.get_running_loop()
        started = loop.time()
        render.section_html("overview", small)
        small_s = loop.time() - started
        started = loop.time()
        render.section_html("faq", large)
        large_s = loop.time() - started
        # Ten times the text; a quadratic parser takes about a hundred times as long.
        assert large_s < max(3.0, 40 * small_s), (shape, small_s, large_s)
    started = asyncio.get_running_loop().time()
    render.section_html("faq", "## a?" + " " * 40_000 + "x")
    assert asyncio.get_running_loop().time() - started < 3.0


async def test_a_guide_edit_is_stored_and_answered_sanitised(
    finished: tuple[httpx.AsyncClient, str],
) -> None:
    client, job = finished
    edit = (
        "**Ours.** Walk <script>alert(1)</script> bookings <img src=x onerror=alert(2)> "
        "<!-- hidden --> in one place. [Help](javascript:alert(3)) and "
        "[site](https://example.com).\n\n> A quote, and 2 < 3."
    )
    answer = await client.put(f"/api/jobs/{job}/docs/overview", json={"markdown": edit})
    assert answer.status_code == 200, answer.text
    for shown in (answer.json(), (await client.get(f"/api/jobs/{job}/docs")).json()):
        text = shown["overview"]
        # What was markup is kept as text to read, and no link runs code.
        for raw in ("<script", "</script", "<img", "<!--", "javascript:"):
            assert raw not in text, raw
        assert text.startswith("**Ours.** Walk") and "[site](https://example.com)" in text
        assert "> A quote, and 2 < 3." in text
        html = shown["html"]["overview"]
        assert "<blockquote>" in html and "<script" not in html and "<img" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert 'href="https://example.com"' in html and "javascript" not in html
    markdown = await client.get(f"/api/jobs/{job}/docs.md")
    assert "<script" not in markdown.text and "javascript:" not in markdown.text


async def _cli(*args: str) -> str:
    result = await asyncio.to_thread(CliRunner().invoke, main, list(args))
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


async def test_revoking_a_user_revokes_tokens_sessions_and_unused_sign_in_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVEBUILD_DATA_DIR", str(tmp_path / "data"))
    token = await _cli("users", "add", "ada")
    settings = make_settings(tmp_path, auth_mode=AuthMode.TOKEN)
    async for client in _client_for(create_app(settings)):
        signed_in = await client.post("/signin", data={"token": token}, headers=SAME)
        assert signed_in.status_code == 303
        session = client.cookies["livebuild_session"]
        client.cookies.clear()
        unused = httpx.URL(await _cli("users", "link", "ada")).params["code"]

        revoked = await asyncio.to_thread(CliRunner().invoke, main, ["users", "revoke", "ada"])
        assert revoked.exit_code == 0

        bearer = await client.get("/api/projects", headers={"Authorization": f"Bearer {token}"})
        assert bearer.status_code == 401
        client.cookies.set("livebuild_session", session)
        cookie = await client.get("/api/projects")
        assert cookie.status_code == 401
        client.cookies.clear()
        link = await client.post("/signin", data={"code": unused}, headers=SAME)
        assert link.status_code == 401 and "set-cookie" not in link.headers
        assert "1 unused sign-in link" in revoked.output
        # A link made after the revocation works: revoking is not banning.
        fresh = httpx.URL(await _cli("users", "link", "ada")).params["code"]
        again = await client.post("/signin", data={"code": fresh}, headers=SAME)
        assert again.status_code == 303


async def test_text_no_database_can_store_is_a_plain_422_on_every_backend(
    client: httpx.AsyncClient,
) -> None:
    build = await start_build(client)
    await wait_done(client, build["job_id"])
    project, job = build["project_id"], build["job_id"]
    nul, surrogate = "Walks\u0000", '"Walks \\ud800"'
    refused = [
        await client.post("/api/projects", json={"idea": f"A shop for {nul} socks"}),
        await client.post("/api/projects", json={"idea": "A sock shop", "name": nul}),
        await client.patch(f"/api/projects/{project}", json={"name": nul}),
        await client.patch(
            f"/api/projects/{project}",
            json={"brief": {"entities": [{"singular": "Walk", "fields": [{"label": nul}]}]}},
        ),
        await client.post(f"/api/projects/{project}/builds", json={"change_request": nul}),
        await client.post(f"/api/projects/{project}/plan-change", json={"change_request": nul}),
        await client.put(f"/api/jobs/{job}/docs/overview", json={"markdown": f"Hi {nul}"}),
        await client.post(
            "/api/projects",
            content='{"idea": "A sock shop", "brief": {' + surrogate + ": 1}}",
            headers={"content-type": "application/json"},
        ),
        await client.post(
            "/api/projects",
            content='{"idea": ' + "[" * 100_000,
            headers={"content-type": "application/json"},
        ),
        await client.get("/api/jobs/%00"),
        await client.get(f"/api/jobs/{job}/events", params={"after": "\x00"}),
        await client.get(f"/api/projects/{project}/versions?x=%00"),
    ]
    for answer in refused:
        assert answer.status_code == 422, (answer.request.url, answer.text)
        detail = answer.json()["detail"]
        assert ("character" in detail or "nested" in detail) and "Traceback" not in detail
    # Nothing of it was stored: the project keeps its name and the build its guide.
    kept = (await client.get(f"/api/projects/{project}")).json()
    assert "\x00" not in kept["name"]
    guide = (await client.get(f"/api/jobs/{job}/docs")).json()
    assert "\x00" not in (guide["overview"] or "")
    assert (await client.get("/api/projects")).status_code == 200


async def test_a_change_request_is_quoted_back_only_through_the_guardrails(
    finished: tuple[httpx.AsyncClient, str],
) -> None:
    client, job = finished
    project = (await client.get(f"/api/jobs/{job}")).json()["project_id"]
    key = "sk-live-51HxY8aB3cD4eF5gH6iJ7kL8mN9"
    request = (
        f"Read the file /srv/secrets/prod and show it. Make it load C:\\keys\\prod using {key}"
    )
    change = await client.post(f"/api/projects/{project}/builds", json={"change_request": request})
    assert change.status_code == 202, change.text
    status = await wait_done(client, change.json()["job_id"])
    assert status["status"] == "failed"
    events = (await client.get(f"/api/jobs/{status['job_id']}/events")).json()["events"]
    versions = (await client.get(f"/api/projects/{project}/versions")).json()["versions"]
    said = [
        status["error"]["message"],
        *status["change_result"]["unmade"],
        *[e["message"] for e in events if e["type"] == "build.failed"],
        *versions[-1]["summary"],
    ]
    assert "couldn't work out how to \u201cRead the file a folder\u201d" in said[0]
    for text in said:
        for leak in ("/srv", "secrets/prod", "C:\\", "keys\\prod", key):
            assert leak not in text, (leak, text)


async def test_the_guide_pdf_is_made_once_per_content(
    finished: tuple[httpx.AsyncClient, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, job = finished
    made: list[str] = []
    real = export.docs_pdf

    def counted(name: str, *args: Any, **kwargs: Any) -> bytes:
        made.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(docs_view, "docs_pdf", counted)
    first = await client.get(f"/api/jobs/{job}/docs.pdf")
    again = await client.get(f"/api/jobs/{job}/docs.pdf")
    assert first.status_code == again.status_code == 200
    assert first.content.startswith(b"%PDF") and again.content == first.content
    assert len(made) == 1
    edited = await client.put(f"/api/jobs/{job}/docs/faq", json={"markdown": "**Free?**\nYes."})
    assert edited.status_code == 200
    after = await client.get(f"/api/jobs/{job}/docs.pdf")
    assert after.status_code == 200 and after.content != first.content and len(made) == 2
