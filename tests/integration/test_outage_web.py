"""While the database can't be reached, the API says so: 503 with Retry-After, a plain
message, and service again as soon as the database is back (SCALE-05)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from livebuild.web.app import create_app
from tests.conftest import IDEA, _client_for, create_database, make_settings
from tests.tcp_proxy import TcpProxy


async def test_the_api_answers_503_with_retry_after_while_the_database_is_down(
    tmp_path: Path, postgres_base: str
) -> None:
    url = make_url(await create_database(postgres_base))
    async with TcpProxy(url.host or "127.0.0.1", url.port or 5432) as proxy:
        through = url.set(port=proxy.port).render_as_string(hide_password=False)
        settings = make_settings(tmp_path, database_url=through)
        async for client in _client_for(create_app(settings)):
            project = await client.post("/api/projects", json={"idea": IDEA})
            assert project.status_code == 201, project.text
            project_id = project.json()["id"]

            await proxy.cut()
            for method, path, body in (
                ("GET", "/api/projects", None),
                ("GET", f"/api/projects/{project_id}", None),
                ("POST", "/api/projects", {"idea": IDEA}),
                ("POST", f"/api/projects/{project_id}/builds", {}),
            ):
                answer = await client.request(method, path, json=body)
                assert answer.status_code == 503, (path, answer.status_code, answer.text)
                assert int(answer.headers["retry-after"]) >= 1
                detail = answer.json()["detail"]
                assert "try again" in detail
                for leak in ("Traceback", "asyncpg", "SQL", "postgres", "127.0.0.1"):
                    assert leak not in detail

            await proxy.restore()
            back = await client.get(f"/api/projects/{project_id}")
            assert back.status_code == 200 and back.json()["id"] == project_id
