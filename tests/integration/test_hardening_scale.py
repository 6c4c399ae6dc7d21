"""Scale-out, attacked: a preview's path stays inside its build, and a worker's internal
routes answer only the processes of its own cluster.

Real processes on loopback, as in tests/integration/test_scale.py: one cluster for the whole
module (`livebuild serve --no-worker` and one worker on one PostgreSQL database), to which the
tests that kill workers add the spare workers they need. Only the outage test starts its own:
its database is reached through a line it cuts, and its workers wait out a silence ten times
longer than the shared cluster's.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from livebuild.store.db.engine import libpq_url
from tests.cluster import Cluster, Process, cluster
from tests.conftest import API_HEADERS, IDEA
from tests.outage import cuttable
from tests.waits import all_ended


def _fresh_database(postgres_base: str) -> str:
    """A new, empty database on the session's PostgreSQL server: its URL."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"postgresql://{postgres_base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+asyncpg://{postgres_base}/{name}"


# A worker silent this long is taken for dead: the tests that kill workers see their builds
# move on within seconds.
STALL_S = 3.0


@pytest.fixture(scope="module")
def running(postgres_base: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """The module's one cluster: an API and a worker. Tests that kill workers add the spares
    they need (see `_live_workers`) and slow every stage down while they run."""
    url = _fresh_database(postgres_base)
    root = tmp_path_factory.mktemp("cluster")
    with cluster(url, root, LIVEBUILD_WORKER_STALL_S=str(STALL_S)) as nodes:
        nodes.add_api()
        nodes.add_worker()
        nodes.wait_ready()
        yield nodes


def _built(client: httpx.Client, idea: str = IDEA) -> dict[str, Any]:
    """A finished build of a new project: its status, preview address included."""
    project = client.post("/api/projects", json={"idea": idea})
    assert project.status_code == 201, project.text
    job_id = client.post(f"/api/projects/{project.json()['id']}/builds").json()["job_id"]
    with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
        last = [json.loads(line[6:]) for line in stream.iter_lines() if line.startswith("data: ")]
    assert last[-1]["type"] == "build.completed", last[-1]
    status: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
    return status


def _raw(url: str, method: str, path: str) -> tuple[int, str]:
    """A request whose path goes out exactly as written, as an attacker's client sends it."""
    parts = httpx.URL(url)
    assert parts.port is not None
    connection = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=30)
    try:
        connection.request(method, path, headers={"Host": parts.netloc.decode()})
        answer = connection.getresponse()
        return answer.status, answer.read().decode(errors="replace")
    finally:
        connection.close()


Builds = tuple[dict[str, Any], dict[str, Any]]


@pytest.fixture(scope="module")
def made_builds() -> list[Builds]:
    """The pairs of builds made so far in this module, the newest last."""
    return []


@pytest.fixture
def two_builds(running: Cluster, made_builds: list[Builds]) -> Builds:
    """Two finished builds whose apps run on live workers: made once, and made again only
    when a test that kills workers ran first and killed the worker serving them."""
    if not made_builds or not all(_serving(running, b["job_id"]) for b in made_builds[-1]):
        with httpx.Client(base_url=running.apis[0].url, timeout=60, headers=API_HEADERS) as api:
            recipes = "A recipe box for a family: recipes, shopping lists."
            made_builds.append((_built(api), _built(api, recipes)))
    return made_builds[-1]


def _serving(nodes: Cluster, job_id: str) -> Process | None:
    """The live worker recorded as running the build's app, if it is still alive."""
    with psycopg.connect(libpq_url(nodes.database_url)) as conn:
        row = conn.execute("SELECT worker_address FROM jobs WHERE id = %s", (job_id,)).fetchone()
    address = row[0] if row else None
    alive = [w for w in nodes.workers if w.popen.poll() is None]
    return next((w for w in alive if address and address.endswith(f":{w.port}")), None)


_CLIMBS = ["/../{other}/", "/..%2f{other}/", "/%2e%2e/{other}/", "/x/../../{other}/"]


def test_a_preview_path_cannot_climb_into_another_build(two_builds: Builds) -> None:
    mine, other = two_builds
    assert _raw(mine["preview_url"], "GET", "/")[0] == 200
    for climb in _CLIMBS:
        status, body = _raw(mine["preview_url"], "GET", climb.format(other=other["job_id"]))
        assert status in (400, 404), (climb, status, body[:200])


def test_a_preview_path_cannot_reach_the_workers_own_routes(two_builds: Builds) -> None:
    mine, other = two_builds
    for path in ["/../../../healthz/ready", "/%2e%2e/%2e%2e/%2e%2e/healthz/ready"]:
        status, body = _raw(mine["preview_url"], "GET", path)
        assert status in (400, 404) and "checks" not in body, (path, status, body[:200])
    for path in [f"/../../wake/{other['job_id']}", f"/%2e%2e/%2e%2e/wake/{other['job_id']}"]:
        status, body = _raw(mine["preview_url"], "POST", path)
        assert status in (400, 404), (path, status, body[:200])


def test_a_worker_answers_its_internal_routes_only_to_its_cluster(
    running: Cluster, two_builds: Builds
) -> None:
    mine, _ = two_builds
    # The worker that runs this very app: it holds it, and still refuses a stranger.
    serving = _serving(running, mine["job_id"])
    assert serving is not None
    worker = serving.url
    # Health stays open to the operator's probes.
    assert httpx.get(f"{worker}/healthz/ready").status_code == 200
    relay = httpx.get(f"{worker}/internal/apps/{mine['job_id']}/", timeout=30)
    assert relay.status_code == 403 and "<html" not in relay.text.lower()
    wake = httpx.post(f"{worker}/internal/wake/{mine['job_id']}", timeout=30)
    assert wake.status_code == 403
    forged = httpx.get(
        f"{worker}/internal/apps/{mine['job_id']}/",
        headers={"X-Livebuild-Cluster-Key": "guess"},
        timeout=30,
    )
    assert forged.status_code == 403
    # The API process, which holds the key, still reaches the app.
    assert _raw(mine["preview_url"], "GET", "/")[0] == 200


def test_the_cluster_key_is_made_once_and_kept_in_the_database(
    running: Cluster,
) -> None:
    with psycopg.connect(libpq_url(running.database_url)) as conn:
        row = conn.execute("SELECT value FROM cluster_secrets WHERE name = 'worker'").fetchone()
    assert row is not None and len(row[0]) >= 32


# A short database outage in the middle of a build.

OUTAGE_S = 7.0


def _told(postgres_base: str, database: str, job_id: str) -> str:
    """The build's own technical log and end, read past the cut line: why it ended."""
    with psycopg.connect(f"postgresql://{postgres_base}/{database}", autocommit=True) as db:
        lines = db.execute(
            "SELECT line FROM job_logs WHERE job_id = %s ORDER BY id", (job_id,)
        ).fetchall()
        job = db.execute(
            "SELECT status, delivery, attempt, error_message, debug_id FROM jobs WHERE id = %s",
            (job_id,),
        ).fetchone()
    return f"job {job}\n" + "\n".join(row[0] for row in lines) + "\n--- worker ---\n"


def test_a_build_in_flight_waits_out_a_short_database_outage(
    postgres_base: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"postgresql://{postgres_base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    user, _, address = postgres_base.partition("@")
    with cuttable(int(address.rsplit(":", 1)[1])) as line:
        url = f"postgresql+asyncpg://{user}@127.0.0.1:{line.port}/{name}"
        root = tmp_path_factory.mktemp("outage")
        with cluster(url, root, LIVEBUILD_WORKER_STALL_S="30") as nodes:
            nodes.add_api()
            worker = nodes.add_worker(stage_delay_s=1.0)
            nodes.wait_ready()
            with httpx.Client(base_url=nodes.apis[0].url, timeout=60, headers=API_HEADERS) as api:
                project = api.post("/api/projects", json={"idea": IDEA}).json()["id"]
                job_id = api.post(f"/api/projects/{project}/builds").json()["job_id"]
                _until_stage(api, job_id, "code")
                line.cut()
                time.sleep(OUTAGE_S)
                line.restore()
                status = _finished(api, job_id, within_s=120)
                assert status == "ready", _told(postgres_base, name, job_id) + nodes.log(worker)
                # The worker still takes builds after the outage.
                project = api.post("/api/projects", json={"idea": IDEA}).json()["id"]
                after = api.post(f"/api/projects/{project}/builds").json()["job_id"]
                assert _finished(api, after, within_s=120) == "ready", nodes.log(worker)
            assert worker.popen.poll() is None, nodes.log(worker)


def _until_stage(api: httpx.Client, job_id: str, stage: str) -> None:
    with api.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
        for line in stream.iter_lines():
            if line.startswith("data: ") and json.loads(line[6:]).get("stage") == stage:
                return
    raise AssertionError(f"the build never reached {stage}")


def _finished(api: httpx.Client, job_id: str, within_s: float) -> str:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            answer = api.get(f"/api/jobs/{job_id}")
            if answer.status_code == 200 and answer.json()["status"] in ("ready", "failed"):
                return str(answer.json()["status"])
        time.sleep(0.5)
    raise AssertionError("the build never finished")


# A worker killed mid-build: the build runs again, once, elsewhere.


def _stream(api: httpx.Client, job_id: str, stop: Any = None) -> list[dict[str, Any]]:
    """The build's events up to its end, or up to the first event `stop` accepts."""
    events: list[dict[str, Any]] = []
    with api.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
        for line in stream.iter_lines():
            if line.startswith("data: "):
                events.append(json.loads(line[6:]))
                if stop is not None and stop(events):
                    break
    return events


def _owner(nodes: Cluster, job_id: str, within_s: float = 30.0) -> Any:
    """The live worker running the build's app. A run again records its worker when its
    app starts, a moment after its stage began: until then the row names the dead one."""
    deadline = time.monotonic() + within_s
    while True:
        with psycopg.connect(libpq_url(nodes.database_url)) as conn:
            query = "SELECT worker_address FROM jobs WHERE id = %s"
            row = conn.execute(query, (job_id,)).fetchone()
        alive = [w for w in nodes.workers if w.popen.poll() is None]
        found = [w for w in alive if row and row[0] and row[0].endswith(f":{w.port}")]
        if found:
            return found[0]
        assert time.monotonic() < deadline, (row, [(w.name, w.port) for w in alive])
        time.sleep(0.2)


def _holding(nodes: Cluster, job_id: str, delivery: int, within_s: float = 60.0) -> Any:
    """The live worker running this run of the build (1: its first, 2: its run again)
    once it has claimed it; None once the build is past that run (or has ended)."""
    deadline = time.monotonic() + within_s
    while True:
        with psycopg.connect(libpq_url(nodes.database_url)) as conn:
            query = "SELECT status, delivery, worker_address FROM jobs WHERE id = %s"
            row = conn.execute(query, (job_id,)).fetchone()
        assert row is not None
        status, current, address = row
        if current > delivery or status in ("ready", "failed"):
            return None
        alive = [w for w in nodes.workers if w.popen.poll() is None]
        found = [w for w in alive if address and address.endswith(f":{w.port}")]
        if current == delivery and status != "queued" and found:
            return found[0]
        assert time.monotonic() < deadline, (row, [(w.name, w.port) for w in alive])
        time.sleep(0.2)


def _bwrap_under_init(root: Path) -> list[int]:
    """Outer bwrap processes of this cluster's sandboxes that init has adopted."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError, IndexError):
            stat = Path(f"/proc/{entry}/stat").read_text()
            name, rest = stat.split("(", 1)[1].rsplit(")", 1)
            if name != "bwrap" or rest.split()[1] != "1":
                continue
            if str(root) in Path(f"/proc/{entry}/mountinfo").read_text():
                found.append(int(entry))
    return found


def _none_left(root: Path, within_s: float = 20.0) -> bool:
    """No sandbox of this cluster's killed workers is left running under init: the
    survivors' sweep ends one that got stuck, within a few seconds."""
    return all_ended(lambda: _bwrap_under_init(root), within_s)


def _code_started(times: int) -> Any:
    def seen(events: list[dict[str, Any]]) -> bool:
        starts = [e for e in events if e["type"] == "build.stage.started" and e["stage"] == "code"]
        return len(starts) >= times

    return seen


def _live_workers(nodes: Cluster, count: int) -> Cluster:
    """The module's cluster with `count` live workers, all ready: spares are started here,
    on demand, to replace workers killed before (by this test's twin, if it ran first) or
    to add to the first. Workers to spare are all ready before a build starts: one started
    mid-build may take longer to come up on a loaded machine than the build takes to
    finish."""
    live = [w for w in nodes.workers if w.popen.poll() is None]
    for _ in range(count - len(live)):
        nodes.add_worker()
    nodes.wait_ready()
    return nodes


@contextlib.contextmanager
def _building(nodes: Cluster) -> Iterator[tuple[httpx.Client, str]]:
    """A build of a new project started on `nodes` and into its code stage, each of its
    stages a second long until the block ends."""
    with (
        nodes.paced(1.0),
        httpx.Client(base_url=nodes.apis[0].url, timeout=60, headers=API_HEADERS) as api,
    ):
        project = api.post("/api/projects", json={"idea": IDEA}).json()["id"]
        job_id = api.post(f"/api/projects/{project}/builds").json()["job_id"]
        _stream(api, job_id, _code_started(1))
        yield api, job_id


def test_a_killed_workers_build_runs_again_once_elsewhere(running: Cluster) -> None:
    # Killed once, it needs a second worker to run again on.
    spares = _live_workers(running, 2)
    with _building(spares) as (api, job_id):
        # Killed once: it runs again on another worker and ends ready.
        first = _owner(spares, job_id)
        first.kill()
        events = _stream(api, job_id)
        types = [e["type"] for e in events]
        assert types[-1] == "build.completed" and "build.failed" not in types, events[-1]
        assert _owner(spares, job_id) is not first
        assert _none_left(spares.root)


def test_a_build_killed_on_its_run_again_too_fails_plainly_once(running: Cluster) -> None:
    # Killed twice, it needs a third worker to fail it plainly.
    spares = _live_workers(running, 3)
    with _building(spares) as (api, job_id):
        # Killed on its first run and on its run again: it fails plainly, once. Each run
        # is killed once it holds the build. Which run that is is read from the build's
        # row: on a loaded machine a first worker may have gone silent past the stall time
        # on its own, and the build moved on to its run again.
        for run in (1, 2):
            owner = _holding(spares, job_id, run)
            if owner is not None:
                owner.kill()
        events = _stream(api, job_id)
        types = [e["type"] for e in events]
        assert types[-1] == "build.failed" and types.count("build.failed") == 1, types
        assert "interrupted" in events[-1]["message"]
        assert _none_left(spares.root)
