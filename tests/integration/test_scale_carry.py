"""The founder's records follow each version from worker to worker in scale-out.

A real cluster on loopback: one API process and two workers on one PostgreSQL database,
versions' files in S3 (moto). Each change or restore is made to land on the worker that
did not run the version before it (that worker is paused until the other claims the
build), so its records have to come over the workers' internal route.

The change is asked for while both workers answer (it is held in the queue meanwhile), so
the API's check that the records can be reached is answered at once, as on a healthy
cluster; only then is the worker to avoid paused and the build let go.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import psycopg
import pytest

from livebuild.core.urls import CLUSTER_KEY_HEADER, worker_data_path
from livebuild.store.db.engine import libpq_url
from tests.cluster import Cluster, Process, cluster
from tests.conftest import API_HEADERS
from tests.week import FIRST, IDEA, WEEK, day_record

KEY = "carry-test-cluster-key-0123456789abcdef"


@pytest.fixture(scope="module")
def nodes(
    postgres_base: str, s3_endpoint: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cluster]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"postgresql://{postgres_base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {
        "LIVEBUILD_CLUSTER_KEY": KEY,
        "LIVEBUILD_BLOB_STORAGE": "s3",
        "LIVEBUILD_S3_BUCKET": "livebuild",
        "LIVEBUILD_S3_ENDPOINT_URL": s3_endpoint,
    }
    url = f"postgresql+asyncpg://{postgres_base}/{name}"
    with cluster(url, tmp_path_factory.mktemp("carry"), **env) as running:
        running.add_api()
        for _ in range(2):
            running.add_worker()
        running.wait_ready()
        yield running


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    import os

    import boto3
    from moto.server import ThreadedMotoServer

    from livebuild.core.net import free_port

    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    os.environ.update(
        AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1"
    )
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(
        Bucket="livebuild"
    )
    yield endpoint
    server.stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(autouse=True)
def _all_up(nodes: Cluster) -> None:
    """Every process a test did not kill answers before it starts."""
    nodes.wait_ready()


def _client(nodes: Cluster) -> httpx.Client:
    return httpx.Client(base_url=nodes.apis[0].url, timeout=60, headers=API_HEADERS)


def _row(nodes: Cluster, job_id: str, column: str) -> Any:
    with psycopg.connect(libpq_url(nodes.database_url)) as conn:
        row = conn.execute(f"SELECT {column} FROM jobs WHERE id = %s", (job_id,)).fetchone()
    assert row is not None
    return row[0]


def _worker_of(nodes: Cluster, job_id: str) -> Process:
    """The worker that built the job (its address is kept with the build)."""
    address = _row(nodes, job_id, "worker_address")
    assert address, "the build has no worker recorded"
    return next(w for w in nodes.workers if address.endswith(f":{w.port}"))


def _follow(client: httpx.Client, job_id: str, *, first_only: bool = False) -> None:
    """Read the build's event stream to its end (or its first event): woken by each event."""
    with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
        for line in stream.iter_lines():
            if first_only and line.startswith("data: "):
                return


def _wait(client: httpx.Client, job_id: str) -> dict[str, Any]:
    _follow(client, job_id)
    job = client.get(f"/api/jobs/{job_id}").json()
    assert job["status"] in ("ready", "failed"), job
    return dict(job)


# A waiting queue job with the project's lock, in a queue no worker reads, and ahead of
# any build: while it is there no worker may take a build of that project.
_HOLD = (
    "INSERT INTO procrastinate_jobs (queue_name, task_name, priority, lock) "
    "VALUES ('test-hold', 'test-hold', 1000, %s) RETURNING id"
)


@contextlib.contextmanager
def _held(nodes: Cluster, project_id: str) -> Iterator[Callable[[], None]]:
    """The project's next build waits in the queue until the hold is let go (by calling
    what this gives, or at the end of the block)."""
    with psycopg.connect(libpq_url(nodes.database_url), autocommit=True) as conn:
        row = conn.execute(_HOLD, (f"project:{project_id}",)).fetchone()
        assert row is not None

        def release() -> None:
            conn.execute("DELETE FROM procrastinate_jobs WHERE id = %s", (row[0],))

        try:
            yield release
        finally:
            release()


@contextlib.contextmanager
def _told_if_stuck(nodes: Cluster) -> Iterator[None]:
    """A wait on the cluster that fails (or outlasts the test's time) prints where the
    builds, the queue and the processes stood at that moment, before anything resumes."""
    try:
        yield
    except BaseException:
        print(nodes.state())
        raise


def _next_on(
    nodes: Cluster, client: httpx.Client, project_id: str, body: dict[str, str], avoid: Process
) -> dict[str, Any]:
    """Start the next version, and let the other worker than `avoid` claim it (`avoid` is
    paused from when the build is let go until it is claimed)."""
    with _held(nodes, project_id) as release:
        answer = client.post(f"/api/projects/{project_id}/builds", json=body)
        assert answer.status_code == 202, answer.text
        job_id = answer.json()["job_id"]
        # Both workers answered the API's check: nothing says the records are out of reach.
        told = client.get(f"/api/jobs/{job_id}").json()["change_result"] or {}
        assert not [m for m in told.get("made", []) if "can't be reached" in m], told
        avoid.popen.send_signal(signal.SIGSTOP)
        try:
            release()
            with _told_if_stuck(nodes):
                _follow(client, job_id, first_only=True)
            assert _row(nodes, job_id, "worker_id") is not None, "the build started unclaimed"
        finally:
            avoid.popen.send_signal(signal.SIGCONT)
    with _told_if_stuck(nodes):
        job = _wait(client, job_id)
    assert job["status"] == "ready", job["error"]
    assert _worker_of(nodes, job_id) is not avoid
    return job


def _app(url: str, method: str = "GET", **kwargs: Any) -> httpx.Response:
    """A request to an app's preview as a browser makes it, `*.localhost` on loopback."""
    parts = httpx.URL(url)
    direct = parts.copy_with(host="127.0.0.1")
    headers = {"Host": parts.netloc.decode()}
    return httpx.request(method, str(direct), headers=headers, timeout=30, **kwargs)


def _stable(client: httpx.Client, project_id: str, path: str) -> str:
    """A page of the project's app at its stable address, as the founder opens it."""
    hop = client.get(f"/app/{project_id}/{path}")
    assert hop.status_code == 307, hop.text
    page = _app(hop.headers["location"])
    assert page.status_code == 200, page.text[-300:]
    return page.text


def _add(job: dict[str, Any], slug: str, values: dict[str, str]) -> None:
    saved = _app(job["preview_url"] + slug, "POST", data=values)
    assert saved.status_code == 303, saved.text[-300:]


def _built(nodes: Cluster, client: httpx.Client) -> dict[str, Any]:
    created = client.post("/api/projects", json={"idea": IDEA})
    assert created.status_code == 201, created.text
    started = client.post(f"/api/projects/{created.json()['id']}/builds")
    with _told_if_stuck(nodes):
        job = _wait(client, started.json()["job_id"])
    assert job["status"] == "ready", job["error"]
    return job


def _bed_then_a_change(nodes: Cluster, client: httpx.Client) -> dict[str, Any]:
    """A first version holding one bed, then a change built on the worker that didn't
    build it: the change's build."""
    v1 = _built(nodes, client)
    _add(v1, "beds", {"bed": "Greenfield raised bed", "status": ""})
    return _next_on(
        nodes,
        client,
        v1["project_id"],
        {"change_request": "add a supplier to beds"},
        _worker_of(nodes, v1["job_id"]),
    )


def test_records_follow_a_change_and_a_restore_built_on_another_worker(nodes: Cluster) -> None:
    with _client(nodes) as client:
        v2 = _bed_then_a_change(nodes, client)
        project_id = v2["project_id"]
        assert "Greenfield raised bed" in _stable(client, project_id, "beds")
        _add(v2, "beds", {"bed": "Herb spiral", "supplier": "Acme", "status": ""})
        v3 = _next_on(
            nodes, client, project_id, {"restore": "v0.1"}, _worker_of(nodes, v2["job_id"])
        )
        assert v3["restored_from"] == "v0.1"
        beds = _stable(client, project_id, "beds")
        assert "Greenfield raised bed" in beds and "Herb spiral" in beds


def _stop_app(nodes: Cluster, job_id: str) -> None:
    """The app goes to sleep as after its idle timer: its process ends, no worker is
    recorded as running it."""
    for entry in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            if f"/{job_id}/" in os.readlink(f"/proc/{entry}/cwd") + "/":
                os.kill(int(entry), signal.SIGKILL)
    with psycopg.connect(libpq_url(nodes.database_url)) as conn:
        conn.execute("UPDATE jobs SET worker_address = NULL WHERE id = %s", (job_id,))


def test_a_sleeping_app_wakes_where_its_records_are(nodes: Cluster) -> None:
    with _client(nodes) as client:
        for attempt in range(2):
            job = _built(nodes, client)
            keeper = _worker_of(nodes, job["job_id"])
            name = f"Greenfield raised bed {attempt}"
            _add(job, "beds", {"bed": name, "status": ""})
            _stop_app(nodes, job["job_id"])
            # Opened at its stable address, it wakes on the worker that keeps its records.
            assert name in _stable(client, job["project_id"], "beds")
            assert _worker_of(nodes, job["job_id"]) is keeper


def _internal(worker: Process, job_id: str, for_job: str, key: str | None) -> httpx.Response:
    headers = {} if key is None else {CLUSTER_KEY_HEADER: key}
    url = worker.url + worker_data_path(job_id)
    return httpx.get(url, params={"for": for_job}, headers=headers, timeout=30)


def test_a_worker_hands_no_records_to_another_projects_build_or_a_stranger(
    nodes: Cluster,
) -> None:
    with _client(nodes) as client:
        a = _built(nodes, client)
        b = _built(nodes, client)
        keeper = _worker_of(nodes, a["job_id"])
        # Without the installation's key: refused outright.
        assert _internal(keeper, a["job_id"], b["job_id"], None).status_code == 403
        assert _internal(keeper, a["job_id"], b["job_id"], "wrong").status_code == 403
        # With it, but for project B's build: nothing of project A.
        asked = _internal(keeper, a["job_id"], b["job_id"], KEY)
        assert asked.status_code == 404 and asked.content == b""
        # Nor for a finished build of A itself, nor a made-up one, nor a climbing id.
        assert _internal(keeper, a["job_id"], a["job_id"], KEY).status_code == 404
        assert _internal(keeper, a["job_id"], str(uuid.uuid4()), KEY).status_code == 404
        for bad in ("..", "%2e%2e", "a/../../etc"):
            got = httpx.get(
                keeper.url + worker_data_path(bad),
                params={"for": b["job_id"]},
                headers={CLUSTER_KEY_HEADER: KEY},
            )
            assert got.status_code in (404, 422), got.text


def test_a_week_of_changes_and_restores_across_workers_never_loses_a_record(
    nodes: Cluster,
) -> None:
    with _client(nodes) as client:
        job = _built(nodes, client)
        project_id = job["project_id"]
        names = [FIRST["bed"]]
        _add(job, "beds", FIRST)
        for day, (body, shown, values) in enumerate(WEEK, start=2):
            job = _next_on(nodes, client, project_id, body, _worker_of(nodes, job["job_id"]))
            page = _stable(client, project_id, shown)
            lost = [n for n in names if n not in page]
            assert not lost, f"after {json.dumps(body)}: lost {lost}"
            name, form = day_record(day, shown, values)
            _add(job, shown, form)
            names.append(name)
        # The notes field, kept aside since v0.4, came back with v0.1's plan and is kept.
        found = re.search(r'href="/beds/(\d+)"', _stable(client, project_id, "beds?q=Day+one"))
        assert found is not None
        record = _stable(client, project_id, f"beds/{found.group(1)}")
        assert "South facing" in record
        # And v0.3's vendor, kept aside while v0.1's plan ran, is back with v0.3's.
        found = re.search(r'href="/beds/(\d+)"', _stable(client, project_id, "beds?q=Day+3"))
        assert found is not None
        assert "Birch &amp; Co" in _stable(client, project_id, f"beds/{found.group(1)}")


@contextlib.contextmanager
def _keeper_lost(nodes: Cluster, job_id: str, *, replace_at_once: bool = False) -> Iterator[None]:
    """The worker that keeps the job's records is killed, as a machine that is gone. A
    fresh worker (keeping none of them) takes its place, started at once or after the
    block: later tests count on two workers. It comes up while the test goes on, and the
    next test waits for it."""
    _worker_of(nodes, job_id).kill()
    if replace_at_once:
        nodes.add_worker()
    try:
        yield
    finally:
        if not replace_at_once:
            nodes.add_worker()


def test_a_change_says_before_it_runs_when_the_machine_with_the_records_is_gone(
    nodes: Cluster,
) -> None:
    with _client(nodes) as client:
        v1 = _built(nodes, client)
        _add(v1, "beds", {"bed": "Greenfield raised bed", "status": ""})
        # The replacement, starting meanwhile, keeps no records of v0.1 either.
        with _keeper_lost(nodes, v1["job_id"], replace_at_once=True):
            answer = client.post(
                f"/api/projects/{v1['project_id']}/builds",
                json={"change_request": "add a supplier to beds"},
            )
            assert answer.status_code == 202, answer.text
            told = client.get(f"/api/jobs/{answer.json()['job_id']}").json()["change_result"]
            # The copy kept when v0.1 became ready is all there is: the bed came after it.
            assert any(
                line.startswith(
                    "The machine that keeps the records of v0.1 isn't answering,"
                    " so this version starts from the copy of them kept"
                )
                and line.endswith("anything added after that can't be carried.")
                for line in told["made"]
            ), told["made"]
            v2 = _wait(client, answer.json()["job_id"])
            # The change is still made, on a worker that lives, as it said.
            assert v2["status"] == "ready", v2["error"]
            assert "Greenfield raised bed" not in _stable(client, v1["project_id"], "beds")


def test_a_spreadsheet_imported_through_livebuild_follows_a_change_to_another_worker(
    nodes: Cluster,
) -> None:
    with _client(nodes) as client:
        v1 = _built(nodes, client)
        url = f"/api/projects/{v1['project_id']}/data/beds.csv"
        sheet = "Bed,Status\nGreenfield raised bed,\nHerb spiral,\n"
        imported = client.post(url, content=sheet, headers={"Content-Type": "text/csv"})
        assert imported.status_code == 200 and imported.json() == {"imported": 2}, imported.text
        _next_on(
            nodes,
            client,
            v1["project_id"],
            {"change_request": "add a supplier to beds"},
            _worker_of(nodes, v1["job_id"]),
        )
        exported = client.get(url)
        assert exported.status_code == 200, exported.text
        assert "Greenfield raised bed" in exported.text and "Herb spiral" in exported.text
        assert exported.text.splitlines()[0].lower().count("supplier") == 1


def _kept(s3_endpoint: str, job: dict[str, Any]) -> None:
    """Wait until the private area holds the version's records (written after it is ready)."""
    import boto3

    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    key = f"livebuild/private/records/{job['project_id']}/{job['job_id']}.tar"
    deadline = time.monotonic() + 60
    while True:
        try:
            s3.head_object(Bucket="livebuild", Key=key)
            return
        except s3.exceptions.ClientError:
            assert time.monotonic() < deadline, "the version's records were never kept"
            time.sleep(0.2)


def test_records_outlive_the_worker_that_kept_them(nodes: Cluster, s3_endpoint: str) -> None:
    with _client(nodes) as client:
        v2 = _bed_then_a_change(nodes, client)
        project_id = v2["project_id"]
        # v0.2 carried the bed; its copy is kept in the private area once it is ready.
        _kept(s3_endpoint, v2)
        with _keeper_lost(nodes, v2["job_id"]):
            # Its app, woken on the worker that is left, comes back with the bed.
            assert "Greenfield raised bed" in _stable(client, project_id, "beds")
            answer = client.post(
                f"/api/projects/{project_id}/builds", json={"change_request": "add a phone to beds"}
            )
            assert answer.status_code == 202, answer.text
            v3 = _wait(client, answer.json()["job_id"])
            assert v3["status"] == "ready", v3["error"]
            assert "Greenfield raised bed" in _stable(client, project_id, "beds")


def test_the_private_area_is_not_reachable_by_url(nodes: Cluster, s3_endpoint: str) -> None:
    with _client(nodes) as client:
        v1 = _built(nodes, client)
        _kept(s3_endpoint, v1)
        key = f"livebuild/private/records/{v1['project_id']}/{v1['job_id']}.tar"
        assert httpx.get(f"{s3_endpoint}/livebuild/{key}").status_code == 403
        running = [w for w in nodes.workers if w.popen.poll() is None]
        for node in (nodes.apis[0], *running):
            for path in (f"/blobs/{key}", f"/blobs/private/records/{v1['project_id']}/"):
                assert httpx.get(node.url + path).status_code == 404
