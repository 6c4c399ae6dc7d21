"""Random requests against every operation of the OpenAPI document: never a 5xx.

A fixed number of examples, each a quick request (a stream counts by its opening answer),
so it stays a normal part of the suite; each run draws new inputs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.types import ASGIApp, Message

from livebuild.web.app import create_app
from tests.conftest import API_HEADERS, IDEA, make_settings

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=8,
)
# URLs can't carry a lone surrogate at all; JSON bodies can, and get them below.
_url_text = st.text(st.characters(codec="utf-8"), max_size=40)
_numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.just("9" * 5000),
    _url_text,
)
_header_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30)
_text = st.one_of(st.text(max_size=60), st.just("\ud800"), st.just("a-" * 300))


def _body(schema: dict[str, Any], spec: dict[str, Any]) -> st.SearchStrategy[Any]:
    ref = schema.get("$ref") or next(
        (s["$ref"] for s in schema.get("anyOf", []) if "$ref" in s), None
    )
    properties: dict[str, Any] = {}
    if ref:
        properties = spec["components"]["schemas"][ref.rsplit("/", 1)[-1]].get("properties", {})
    shaped = st.fixed_dictionaries({}, optional={name: _text | _json for name in properties})
    return st.one_of(shaped, _json)


async def _opening_status(app: ASGIApp, request: httpx.Request) -> int:
    """The status a streaming answer opens with, without waiting for the stream to end.

    (httpx's ASGI transport collects the whole body first: a stream on a running build
    would hold the test until the build ends.) The client leaves once the answer starts.
    """
    loop = asyncio.get_running_loop()
    opened: asyncio.Future[int] = loop.create_future()
    body = [request.read()]

    async def receive() -> Message:
        if body:
            return {"type": "http.request", "body": body.pop(), "more_body": False}
        await asyncio.shield(opened)
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start" and not opened.done():
            opened.set_result(message["status"])

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": "http",
        "path": unquote(request.url.path),
        "raw_path": request.url.raw_path.split(b"?")[0],
        "query_string": request.url.query,
        "root_path": "",
        "headers": [(name.lower(), value) for name, value in request.headers.raw],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    serving = asyncio.ensure_future(app(scope, receive, send))
    try:
        # An app that fails before answering still answers: a 500 from the outermost layer.
        return await asyncio.wait_for(asyncio.shield(opened), 30)
    finally:
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
        if path.startswith("/api/")
    ]


def test_random_requests_never_get_a_5xx(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path, builds_per_minute=2, body_timeout_s=2.0))
    with asyncio.Runner() as runner:
        lifespan = app.router.lifespan_context(app)
        runner.run(lifespan.__aenter__())
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://testserver",
            headers=API_HEADERS,
            timeout=30,
        )
        project = runner.run(client.post("/api/projects", json={"idea": IDEA})).json()
        build = runner.run(client.post(f"/api/projects/{project['id']}/builds", json={})).json()
        ids = {"project_id": project["id"], "job_id": build["job_id"]}
        spec = runner.run(client.get("/api/openapi.json")).json()
        operations = _operations(spec)
        seen: list[tuple[str, str, int]] = []

        @settings(
            max_examples=400,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(data=st.data())
        def probe(data: st.DataObject) -> None:
            method, path, operation = data.draw(st.sampled_from(operations))
            url = path
            query: dict[str, str] = {}
            headers: dict[str, str] = {}
            for parameter in operation.get("parameters", []):
                name, where = parameter["name"], parameter["in"]
                if where == "path":
                    value = data.draw(
                        st.one_of(st.just(ids.get(name, "x")), _url_text.filter(bool))
                    )
                    url = url.replace("{" + name + "}", quote(value, safe=""))
                elif where == "query" and data.draw(st.booleans()):
                    query[name] = data.draw(_numbers)
                elif where == "header" and data.draw(st.booleans()):
                    headers[name] = data.draw(st.one_of(_numbers.filter(str.isascii), _header_text))
            kwargs: dict[str, Any] = {"params": query, "headers": headers}
            if "requestBody" in operation and data.draw(st.booleans()):
                content = operation["requestBody"]["content"]["application/json"]["schema"]
                # Escaped JSON, as any client sends it: "\\ud800" arrives as a lone surrogate.
                kwargs["content"] = json.dumps(data.draw(_body(content, spec))).encode()
                headers["content-type"] = "application/json"
            if path.endswith("/stream"):
                # A stream that opens stays open; only its opening answer matters here.
                status = runner.run(
                    _opening_status(app, client.build_request(method, url, **kwargs))
                )
            else:
                status = runner.run(client.request(method, url, **kwargs)).status_code
            seen.append((method, path, status))
            assert status < 500, (method, url, kwargs)

        try:
            probe()
            # Hypothesis's draws are not uniform: an operation it never drew (rare, 1 of 31
            # once in CI) is still asked, plainly, so every operation is reached every run.
            for method, path, operation in operations:
                if any((method, path) == (m, p) for m, p, _ in seen):
                    continue
                url = path
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "path":
                        name = parameter["name"]
                        url = url.replace("{" + name + "}", quote(ids.get(name, "x"), safe=""))
                asked = client.build_request(method, url)
                if path.endswith("/stream"):
                    status = runner.run(_opening_status(app, asked))
                else:
                    status = runner.run(client.send(asked)).status_code
                seen.append((method, path, status))
                assert status < 500, (method, url)
        finally:
            runner.run(client.aclose())
            runner.run(lifespan.__aexit__(None, None, None))
    assert len(seen) >= 50
    assert len({(method, path) for method, path, _ in seen}) == len(operations)
