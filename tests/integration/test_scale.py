"""Running at scale: two API processes and two workers on one PostgreSQL database and S3.

Everything is a real process on loopback: `livebuild serve --no-worker` for the API and
the worker server (stages slowed down, see tests/scale_worker.py) for builds.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import signal
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import httpx
import procrastinate
import psycopg
import pytest
from moto.server import ThreadedMotoServer

from livebuild.core.net import free_port
from livebuild.engine.queue.procrastinate import QUEUE_NAME, TASK_NAME
from livebuild.store.db.engine import libpq_url
from tests.cluster import Cluster, Process, cluster
from tests.conftest import API_HEADERS, IDEA

STALL_S = 3.0


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    s3.create_bucket(Bucket="livebuild")
    yield endpoint
    server.stop()


@pytest.fixture(scope="module")
def running(
    postgres_base: str, s3_endpoint: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cluster]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"postgresql://{postgres_base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {
        "LIVEBUILD_WORKER_STALL_S": str(STALL_S),
        "LIVEBUILD_BLOB_STORAGE": "s3",
        "LIVEBUILD_S3_BUCKET": "livebuild",
        "LIVEBUILD_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    url = f"postgresql+asyncpg://{postgres_base}/{name}"
    with cluster(url, tmp_path_factory.mktemp("cluster"), **env) as nodes:
        for _ in range(2):
            nodes.add_api()
            nodes.add_worker(stage_delay_s=1.0)
        nodes.wait_ready()
        yield nodes


@pytest.fixture(autouse=True)
def _all_up(running: Cluster) -> None:
    """Every process a test did not kill answers before it starts (a replacement for a
    killed worker comes up while the test that killed it goes on)."""
    running.wait_ready()


def _client(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, timeout=60, headers=API_HEADERS)


def _events(client: httpx.Client, job_id: str, until_stage: str | None = None) -> list[Any]:
    """Follow the stream to its end (or to the start of `until_stage`)."""
    events = []
    with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
        for line in stream.iter_lines():
            if line.startswith("data: "):
                event = json.loads(line[6:])
                events.append(event)
                if until_stage and event.get("stage") == until_stage:
                    break
    return events


def _new_project(client: httpx.Client) -> str:
    created = client.post("/api/projects", json={"idea": IDEA})
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _row(nodes: Cluster, job_id: str, column: str) -> Any:
    with psycopg.connect(libpq_url(nodes.database_url)) as conn:
        row = conn.execute(f"SELECT {column} FROM jobs WHERE id = %s", (job_id,)).fetchone()
    assert row is not None
    return row[0]


def test_every_process_answers_health_checks(running: Cluster) -> None:
    # Every process a test did not kill: the replacement of a killed worker included.
    for process in [p for p in [*running.apis, *running.workers] if not p.killed]:
        assert httpx.get(f"{process.url}/healthz/live").status_code == 200
        ready = httpx.get(f"{process.url}/healthz/ready")
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"] == {"database": True, "events": True}


def _open_preview(url: str) -> httpx.Response:
    """Fetch a preview as a browser would, resolving its `*.localhost` name to loopback."""
    parts = httpx.URL(url)
    direct = parts.copy_with(host="127.0.0.1")
    return httpx.get(str(direct), headers={"Host": parts.netloc.decode()}, timeout=30)


def test_a_build_started_on_one_api_process_is_followed_on_another(running: Cluster) -> None:
    first, second = running.apis
    with _client(first.url) as one, _client(second.url) as two:
        job_id = one.post(f"/api/projects/{_new_project(one)}/builds").json()["job_id"]
        events = _events(two, job_id)
        assert [e["id"] for e in events] == list(range(1, len(events) + 1))
        assert events[-1]["type"] == "build.completed"
        assert [e["type"] for e in events].count("build.completed") == 1
        status = one.get(f"/api/jobs/{job_id}").json()
        assert status["status"] == "ready" and status["preview_url"]
        # The app runs on a worker; either API process shows it, the founder can't tell.
        for client in (one, two):
            page = _open_preview(client.get(f"/api/jobs/{job_id}").json()["preview_url"])
            assert page.status_code == 200 and "<html" in page.text.lower()


def test_two_starts_through_two_api_processes_give_one_build(running: Cluster) -> None:
    first, second = running.apis
    with _client(first.url) as one, _client(second.url) as two:
        project_id = _new_project(one)
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            answers = list(
                pool.map(lambda c: c.post(f"/api/projects/{project_id}/builds"), (one, two))
            )
        assert sorted(a.status_code for a in answers) == [202, 409]
        started = next(a for a in answers if a.status_code == 202).json()["job_id"]
        assert _events(two, started)[-1]["type"] == "build.completed"


async def _deliver_again(database_url: str, job_id: str) -> None:
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=database_url))
    async with app.open_async():
        await app.configure_task(TASK_NAME, queue=QUEUE_NAME).defer_async(job_id=job_id)


def _deliveries_pending(nodes: Cluster, job_id: str) -> int:
    with psycopg.connect(libpq_url(nodes.database_url)) as conn:
        row = conn.execute(
            "SELECT count(*) FROM procrastinate_jobs "
            "WHERE args->>'job_id' = %s AND status IN ('todo', 'doing')",
            (job_id,),
        ).fetchone()
    return int(row[0]) if row else 0


def test_a_job_delivered_twice_builds_once(running: Cluster) -> None:
    with _client(running.apis[0].url) as one:
        job_id = one.post(f"/api/projects/{_new_project(one)}/builds").json()["job_id"]
        _events(one, job_id, until_stage="scaffold")
        # A second delivery of the same build, as an at-least-once queue may make.
        asyncio.run(_deliver_again(libpq_url(running.database_url), job_id))
        events = _events(one, job_id)
        types = [e["type"] for e in events]
        assert types.count("build.completed") == 1 and "build.failed" not in types
        assert types[-1] == "build.completed"
        deadline = time.monotonic() + 30
        # The duplicate runs once the first delivery lets go of the project's lock.
        while _deliveries_pending(running, job_id):
            assert time.monotonic() < deadline, "the second delivery never ran"
            time.sleep(0.1)
        after = one.get(f"/api/jobs/{job_id}/events").json()["events"]
        assert [e["type"] for e in after] == types
        assert one.get(f"/api/jobs/{job_id}").json()["status"] == "ready"


def test_a_killed_worker_leaves_no_build_stuck(running: Cluster) -> None:
    first, second = running.apis
    with _client(first.url) as one, _client(second.url) as two:
        project_id = _new_project(one)
        job_id = one.post(f"/api/projects/{project_id}/builds").json()["job_id"]
        _events(two, job_id, until_stage="code")
        victim = _owner(running, job_id)
        victim.kill()
        # Later tests count on two workers: the next one waits for this one to be up.
        running.add_worker(stage_delay_s=1.0)
        events = _events(two, job_id)
        types = [e["type"] for e in events]
        # It ran again, from the start, on a live worker (and once only: see
        # tests/integration/test_hardening_scale.py for a build killed twice).
        terminal = [t for t in types if t in ("build.completed", "build.failed")]
        assert terminal == [types[-1]]
        # On a loaded machine a 3-second lease may lapse on the second run too: then it
        # fails plainly, as interrupted (never twice, never silently).
        if types[-1] == "build.failed":
            assert "interrupted" in events[-1]["message"]
        # The project is free again, and a live worker builds it.
        again = two.post(f"/api/projects/{project_id}/builds")
        assert again.status_code == 202, again.text
        assert _events(one, again.json()["job_id"])[-1]["type"] == "build.completed"


def _built(client: httpx.Client) -> str:
    """A finished build of a new project, started and followed on `client`."""
    job_id = str(client.post(f"/api/projects/{_new_project(client)}/builds").json()["job_id"])
    assert _events(client, job_id)[-1]["type"] == "build.completed"
    return job_id


def _owner(nodes: Cluster, job_id: str) -> Process:
    address = _row(nodes, job_id, "worker_address")
    alive = [w for w in nodes.workers if w.popen.poll() is None]
    return next(w for w in alive if address.endswith(f":{w.port}"))


def _put_app_to_sleep(job_id: str) -> None:
    """Stop the build's app behind its worker's back, as a crash would."""
    stopped = 0
    for entry in filter(str.isdigit, os.listdir("/proc")):
        # A local app runs in its workspace; a sandboxed one has it mounted.
        with contextlib.suppress(OSError):
            seen = os.readlink(f"/proc/{entry}/cwd") + "/"
            seen += Path(f"/proc/{entry}/mountinfo").read_text()
            if f"/{job_id}/" in seen:
                os.kill(int(entry), signal.SIGKILL)
                stopped += 1
    assert stopped, "the app was not running"


def _awaits(check: Any, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_sleeping_app_wakes_through_an_api_process_that_runs_no_builds(
    running: Cluster,
) -> None:
    first, second = running.apis
    with _client(first.url) as one, _client(second.url) as two:
        job_id = _built(one)
        owner = _owner(running, job_id)
        url = one.get(f"/api/jobs/{job_id}").json()["preview_url"]
        _put_app_to_sleep(job_id)
        _awaits(lambda: _open_preview(url).status_code == 503)
        # The worker's relay has no app to reach: the founder still gets the resting page.
        assert "This preview is resting" in _open_preview(url).text
        woken = two.post(f"/api/jobs/{job_id}/preview")
        assert woken.status_code == 200, woken.text
        # It woke where it ran before, and both API processes' previews reach it.
        assert _owner(running, job_id) is owner
        for preview in (url, woken.json()["preview_url"]):
            page = _open_preview(preview)
            assert page.status_code == 200 and "<html" in page.text.lower()


def test_a_gone_workers_app_wakes_on_another_and_its_downloads_need_no_worker(
    running: Cluster,
) -> None:
    first, second = running.apis
    with _client(first.url) as one, _client(second.url) as two:
        job_id = _built(one)
        owner = _owner(running, job_id)
        owner.kill()
        # The founder's downloads, from the API process that did not run the build:
        # the guide from the database, the app's files from the shared blob store.
        guide = two.get(f"/api/jobs/{job_id}/docs.md")
        assert guide.status_code == 200, guide.text
        assert guide.text.startswith("# ") and "User Guide" in guide.text
        pdf = two.get(f"/api/jobs/{job_id}/docs.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        archive = two.get(f"/api/jobs/{job_id}/app.zip")
        assert archive.status_code == 200 and archive.content.startswith(b"PK")
        # The worker that ran the app is gone; waking it brings it up on one that lives.
        woken = two.post(f"/api/jobs/{job_id}/preview")
        assert woken.status_code == 200, woken.text
        assert _owner(running, job_id) is not owner
        for client in (one, two):
            preview = client.get(f"/api/jobs/{job_id}").json()["preview_url"]
            page = _open_preview(preview)
            assert page.status_code == 200 and "<html" in page.text.lower()
        # Later tests count on two workers: the next one waits for this one to be up.
        running.add_worker(stage_delay_s=1.0)
