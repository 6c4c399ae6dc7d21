"""Hostile input over real HTTP: secrets pasted by mistake, texts shaped to be slow, bad strings."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx

from livebuild.web.app import create_app
from livebuild.web.server import BackgroundServer
from tests.conftest import _client_for, make_settings, start_build, stream_all, wait_done

ANTHROPIC = "sk-ant-api03-Q7wErTy8uIoP1aSdFgH2jKlZ3xCvBnM4"
AWS = "AKIAIOSFODNN7EXAMPLE"
PASSWORD = "Tr0ub4dor-and-3"
LEAKS = (ANTHROPIC[10:], AWS, PASSWORD)


async def test_a_change_request_with_secrets_reaches_no_surface(
    client: httpx.AsyncClient,
) -> None:
    first = await start_build(client)
    await wait_done(client, first["job_id"])
    change = f"Add reviews. My key is {ANTHROPIC}, aws {AWS} and password={PASSWORD}"
    second = await client.post(
        f"/api/projects/{first['project_id']}/builds", json={"change_request": change}
    )
    assert second.status_code == 202, second.text
    job_id = second.json()["job_id"]
    events = await stream_all(client, job_id)
    surfaces = [
        str(events),
        (await client.get(f"/api/jobs/{job_id}")).text,
        (await client.get(f"/api/jobs/{job_id}/events")).text,
        (await client.get(f"/api/jobs/{job_id}/docs")).text,
        (await client.get(f"/api/jobs/{job_id}/docs.md")).text,
        (await client.get(f"/api/jobs/{job_id}/logs")).text,
        (await client.get(f"/api/projects/{first['project_id']}")).text,
    ]
    docs = (await client.get(f"/api/jobs/{job_id}/docs")).json()
    # The changelog says what really changed, never the request quoted back.
    assert docs["changelog"] and "Reviews" in docs["changelog"]
    for text in surfaces:
        for leak in LEAKS:
            assert leak not in text


async def test_an_idea_and_name_with_secrets_are_stored_redacted(
    client: httpx.AsyncClient,
) -> None:
    answer = await client.post(
        "/api/projects",
        json={"idea": f"A recipe box. Use {ANTHROPIC} for the AI bit", "name": f"Box {AWS}"},
    )
    assert answer.status_code == 201
    for leak in LEAKS:
        assert leak not in answer.text
    listed = await client.get("/api/projects")
    assert ANTHROPIC[10:] not in listed.text and AWS not in listed.text


async def test_slow_shaped_ideas_do_not_hold_up_other_requests(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    app = create_app(settings)
    ideas = ["a-" * 10000, "token-" * 3333, "a" * 20000, "x=" * 10000]
    async with (
        BackgroundServer(app, "127.0.0.1", settings.port),
        httpx.AsyncClient(base_url=settings.base_url, timeout=120) as client,
    ):
        creating = [
            asyncio.create_task(client.post("/api/projects", json={"idea": idea})) for idea in ideas
        ]
        slowest = 0.0
        while not all(task.done() for task in creating):
            started = time.perf_counter()
            assert (await client.get("/api/projects")).status_code == 200
            slowest = max(slowest, time.perf_counter() - started)
            await asyncio.sleep(0.05)
        answers = await asyncio.gather(*creating)
    # Shapes with no words in them may be refused as too vague to plan; what matters is
    # that each is answered and the server stays responsive meanwhile.
    assert all(a.status_code in (201, 422) for a in answers)
    assert slowest < 2.0


async def test_lone_surrogates_are_a_clear_422(client: httpx.AsyncClient) -> None:
    body = '{"idea": "A shop for \\ud800 socks"}'
    headers = {"content-type": "application/json"}
    idea = await client.post("/api/projects", content=body, headers=headers)
    assert idea.status_code == 422 and "character" in idea.json()["detail"]
    named = await client.post(
        "/api/projects", content='{"idea": "A sock shop", "name": "S\\udfffocks"}', headers=headers
    )
    assert named.status_code == 422
    project = (await client.post("/api/projects", json={"idea": "A sock shop"})).json()
    change = await client.post(
        f"/api/projects/{project['id']}/builds",
        content='{"change_request": "Add \\ud83d colours"}',
        headers=headers,
    )
    assert change.status_code == 422 and "character" in change.json()["detail"]


async def _without_client_header(
    client: httpx.AsyncClient, method: str, url: str, **kwargs: Any
) -> httpx.Response:
    # What a foreign page can make a browser send: no custom header.
    request = client.build_request(method, url, **kwargs)
    del request.headers["x-livebuild"]
    return await client.send(request)


async def test_cross_site_simple_requests_are_refused(client: httpx.AsyncClient) -> None:
    form = await _without_client_header(
        client, "POST", "/api/projects", data={"idea": "A shop for socks"}
    )
    assert form.status_code == 415 and "JSON" in form.json()["detail"]
    project = (await client.post("/api/projects", json={"idea": "A shop for socks"})).json()
    # A body-less post as a browser would make it (it names its origin, even its own,
    # or carries a cookie) needs the header...
    for browser_marks in ({"Origin": "http://testserver"}, {"Cookie": "livebuild_session=x"}):
        bare = await _without_client_header(
            client, "POST", f"/api/projects/{project['id']}/builds", headers=browser_marks
        )
        assert bare.status_code == 403 and "X-Livebuild" in bare.json()["detail"]
    # ...while an API client following the contract (no body, no browser marks) is served.
    plain = await _without_client_header(client, "POST", f"/api/projects/{project['id']}/builds")
    assert plain.status_code == 202, plain.text
    foreign = await client.post(
        "/api/projects", json={"idea": "A shop"}, headers={"Origin": "https://evil.example"}
    )
    assert foreign.status_code == 403 and "another site" in foreign.json()["detail"]
    fetched = await client.post(
        "/api/projects", json={"idea": "A shop"}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert fetched.status_code == 403
    own = await client.post(
        "/api/projects",
        json={"idea": "A shop"},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert own.status_code == 201
    json_only = await _without_client_header(
        client, "POST", "/api/projects", json={"idea": "A shop for hats"}
    )
    assert json_only.status_code == 201
    listed = await _without_client_header(client, "GET", "/api/projects")
    assert listed.status_code == 200


async def test_an_unknown_host_is_refused(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, allowed_hosts="", public_url="https://build.example.com")
    app = create_app(settings)
    async with (
        BackgroundServer(app, "127.0.0.1", settings.port),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{settings.port}") as client,
    ):
        rebound = await client.get("/api/projects", headers={"Host": "evil.example"})
        assert rebound.status_code == 400 and "address" in rebound.json()["detail"]
        wrong_port = await client.get("/", headers={"Host": "localhost:1"})
        assert wrong_port.status_code == 400
        for host in (
            "build.example.com",
            f"localhost:{settings.port}",
            f"[::1]:{settings.port}",
        ):
            assert (await client.get("/api/projects", headers={"Host": host})).status_code == 200
        assert (await client.get("/api/projects")).status_code == 200
    extra = make_settings(tmp_path / "x", allowed_hosts="app.internal, other.example:9000")
    async for c in _client_for(create_app(extra)):
        assert (
            await c.get("/api/projects", headers={"Host": "app.internal:81"})
        ).status_code == 200
        assert (
            await c.get("/api/projects", headers={"Host": "other.example:9001"})
        ).status_code == 400
        assert (await c.get("/api/projects", headers={"Host": "testserver"})).status_code == 400


async def test_a_chunked_body_over_the_limit_is_a_413(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"idea": "'
        for _ in range(40):
            yield b"x" * 10_000

    answer = await client.post(
        "/api/projects",
        content=chunks(),
        headers={"content-type": "application/json"},
    )
    assert "content-length" not in answer.request.headers
    assert answer.status_code == 413 and "too large" in answer.json()["detail"]


async def test_a_body_that_trickles_forever_times_out(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, body_timeout_s=1.0)
    async with BackgroundServer(create_app(settings), "127.0.0.1", settings.port):
        reader, writer = await asyncio.open_connection("127.0.0.1", settings.port)
        writer.write(
            b"POST /api/projects HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" % settings.port
        )
        started = time.perf_counter()

        async def trickle() -> None:
            while True:
                writer.write(b"1\r\n \r\n")
                await writer.drain()
                await asyncio.sleep(0.2)

        dripping = asyncio.create_task(trickle())
        try:
            status_line = await asyncio.wait_for(reader.readline(), timeout=20)
        finally:
            dripping.cancel()
            writer.close()
        assert status_line.startswith(b"HTTP/1.1 408"), status_line
        assert time.perf_counter() - started < 10


async def test_projects_and_builds_per_minute_are_limited(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, projects_per_minute=3, builds_per_minute=2)
    async for client in _client_for(create_app(settings)):
        made = [await client.post("/api/projects", json={"idea": f"Shop {n}"}) for n in range(4)]
        assert [a.status_code for a in made] == [201, 201, 201, 429]
        refused = made[-1]
        assert "creating projects very quickly" in refused.json()["detail"]
        assert 1 <= int(refused.headers["retry-after"]) <= 20
        builds = [
            await client.post(f"/api/projects/{p.json()['id']}/builds", json={}) for p in made[:3]
        ]
        assert [b.status_code for b in builds] == [202, 202, 429]
        assert "Retry-After" in builds[-1].headers
        for build in builds[:2]:
            await wait_done(client, build.json()["job_id"])


async def test_huge_event_ids_are_a_clear_4xx(client: httpx.AsyncClient) -> None:
    build = await start_build(client)
    job = f"/api/jobs/{build['job_id']}"
    for after in (str(2**31), str(2**63), "9" * 5000, str(2**64 + 1)):
        listed = await client.get(f"{job}/events", params={"after": after})
        assert listed.status_code == 422, after[:20]
        streamed = await client.get(f"{job}/events/stream", params={"after": after})
        assert streamed.status_code == 422
        resumed = await client.get(f"{job}/events/stream", headers={"Last-Event-ID": after})
        assert resumed.status_code == 400 and "Last-Event-ID" in resumed.json()["detail"]
    largest = await client.get(f"{job}/events", params={"after": str(2**31 - 1)})
    assert largest.status_code == 200 and largest.json() == {"events": []}
    await wait_done(client, build["job_id"])


async def test_the_project_list_comes_in_bounded_pages(client: httpx.AsyncClient) -> None:
    made = [
        (await client.post("/api/projects", json={"idea": f"A shop for item {n}"})).json()["id"]
        for n in range(5)
    ]
    seen: list[str] = []
    url: str | None = "/api/projects?limit=2"
    while url is not None:
        page = (await client.get(url)).json()
        assert len(page["projects"]) <= 2
        seen += [p["id"] for p in page["projects"]]
        url = page["next"]
    assert seen == made[::-1]
    everything = (await client.get("/api/projects")).json()
    assert len(everything["projects"]) == 5 and everything["next"] is None
    for bad in ("limit=0", "limit=101", "offset=-1", "offset=99999999999", "limit=" + "9" * 5000):
        assert (await client.get(f"/api/projects?{bad}")).status_code == 422, bad[:20]


async def test_a_csv_import_sent_as_csv_needs_no_extra_header(
    client: httpx.AsyncClient,
) -> None:
    # The contract's import takes a text/csv body and names no header; a foreign page can't
    # send text/csv without a preflight, as it can't send JSON. Sent as anything else, the
    # refusal says how to send it.
    project = (await client.post("/api/projects", json={"idea": "A shop for socks"})).json()
    url = f"/api/projects/{project['id']}/data/socks.csv"
    sent = await _without_client_header(
        client, "POST", url, content=b"Name\nWool\n", headers={"content-type": "text/csv"}
    )
    assert sent.status_code not in (403, 415)
    as_text = await _without_client_header(
        client, "POST", url, content=b"Name\nWool\n", headers={"content-type": "text/plain"}
    )
    assert as_text.status_code == 415
    detail = as_text.json()["detail"]
    assert "Content-Type: text/csv" in detail and "JSON" not in detail
    cross_site = await _without_client_header(
        client,
        "POST",
        url,
        content=b"Name\nWool\n",
        headers={"content-type": "text/csv", "sec-fetch-site": "cross-site"},
    )
    assert cross_site.status_code == 403
    api = (Path(__file__).parents[2] / "docs" / "api.md").read_text()
    founders_data = next(p for p in api.split("\n\n") if "imports them" in p)
    assert "Content-Type: text/csv" in founders_data


async def test_a_csv_body_sent_anywhere_but_an_import_is_not_told_about_an_import(
    client: httpx.AsyncClient,
) -> None:
    refused = await _without_client_header(
        client,
        "POST",
        "/api/projects",
        content=b"idea\nA shop for socks\n",
        headers={"content-type": "text/csv"},
    )
    assert refused.status_code == 415
    assert "import" not in refused.json()["detail"] and "JSON" in refused.json()["detail"]
