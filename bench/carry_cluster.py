"""A change to an app holding 10,000 records, built on the worker that did not run it.

Scale-out: one API process and two workers on PostgreSQL, versions' files in S3 (moto).
The change is made to land on the other worker (the first is paused until it is claimed),
so every record comes over the workers' internal route. Compare with
`bench.app_records` (the same change on one machine).
"""

from __future__ import annotations

import os
import re
import signal
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import boto3
import httpx
import psycopg
from moto.server import ThreadedMotoServer

from bench.app_records import HEADERS, IDEA, RECORDS, sheet
from livebuild.core.net import free_port
from livebuild.store.db.engine import libpq_url
from tests.cluster import Cluster, cluster
from tests.postgres import find_bindir, postgres_server

CHANGE = {"change_request": "add a supplier to parts"}


def _column(nodes: Cluster, job_id: str, column: str) -> Any:
    with psycopg.connect(libpq_url(nodes.database_url)) as conn:
        row = conn.execute(f"SELECT {column} FROM jobs WHERE id = %s", (job_id,)).fetchone()
    return None if row is None else row[0]


def _carry_line(nodes: Cluster, job_id: str) -> tuple[float, float]:
    """The `starting` stage's seconds (files restored, records carried) and bytes carried."""
    with psycopg.connect(libpq_url(nodes.database_url)) as conn:
        stage = conn.execute(
            "SELECT duration_s FROM stage_runs WHERE job_id = %s AND stage = 'starting'", (job_id,)
        ).fetchone()
        lines = conn.execute(
            "SELECT line FROM job_logs WHERE job_id = %s AND line LIKE 'carried the records%%'",
            (job_id,),
        ).fetchall()
    carried = re.search(r"\(([\d,]+) bytes\)", lines[0][0]) if lines else None
    return (
        float(stage[0]) if stage and stage[0] is not None else -1.0,
        float(carried.group(1).replace(",", "")) if carried else 0.0,
    )


def _done(client: httpx.Client, job_id: str) -> None:
    while client.get(f"/api/jobs/{job_id}").json()["status"] not in ("ready", "failed"):
        time.sleep(0.05)
    job = client.get(f"/api/jobs/{job_id}").json()
    assert job["status"] == "ready", job["error"]


def _across(
    nodes: Cluster, client: httpx.Client, project_id: str, job_id: str
) -> tuple[float, str]:
    """Seconds from asking for the change to its version being ready, on the other worker."""
    address = _column(nodes, job_id, "worker_address")
    keeper = next(w for w in nodes.workers if address.endswith(f":{w.port}"))
    keeper.popen.send_signal(signal.SIGSTOP)
    try:
        started = time.perf_counter()
        new = client.post(f"/api/projects/{project_id}/builds", json=CHANGE).json()["job_id"]
        while _column(nodes, new, "worker_id") is None:
            time.sleep(0.02)
    finally:
        keeper.popen.send_signal(signal.SIGCONT)
    _done(client, new)
    elapsed = time.perf_counter() - started
    assert not _column(nodes, new, "worker_address").endswith(f":{keeper.port}")
    return elapsed, new


def _peak_mb(nodes: Cluster) -> float:
    """The largest peak resident memory of the workers so far, in MB (VmHWM)."""
    peaks = []
    for worker in nodes.workers:
        with open(f"/proc/{worker.popen.pid}/status", encoding="utf-8") as status:
            found = re.search(r"VmHWM:\s+(\d+) kB", status.read())
        peaks.append(int(found.group(1)) / 1024 if found else 0.0)
    return max(peaks, default=0.0)


def _measure(nodes: Cluster) -> dict[str, float]:
    figures: dict[str, float] = {}
    with httpx.Client(base_url=nodes.apis[0].url, headers=HEADERS, timeout=300) as client:
        for label, rows in (("empty", 0), ("full", RECORDS)):
            project = client.post("/api/projects", json={"idea": IDEA}).json()["id"]
            first = client.post(f"/api/projects/{project}/builds").json()["job_id"]
            _done(client, first)
            url = f"/api/projects/{project}/data/parts.csv"
            if rows:
                answer = client.post(url, content=sheet(rows))
                assert answer.json() == {"imported": rows}, answer.text[:300]
            took, new = _across(nodes, client, project, first)
            figures[f"cluster_change_{label}_s"] = took
            starting, carried = _carry_line(nodes, new)
            figures[f"cluster_{label}_starting_s"] = starting
            figures[f"cluster_{label}_carried_bytes"] = carried
            figures[f"cluster_{label}_carried"] = float(client.get(url).text.count("Spoke "))
            figures[f"cluster_{label}_worker_peak_mb"] = _peak_mb(nodes)
    figures["cluster_change_ratio"] = (
        figures["cluster_change_full_s"] / figures["cluster_change_empty_s"]
    )
    return figures


def run() -> dict[str, float] | None:
    bindir = find_bindir()
    if bindir is None:
        return None
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench")
    s3 = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    s3.start()
    host, port = s3.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(
        Bucket="livebuild"
    )
    try:
        with postgres_server(bindir) as base, tempfile.TemporaryDirectory() as root:
            name = f"bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(f"postgresql://{base}/postgres", autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
            env = {
                "LIVEBUILD_DOCS_ENABLED": "false",
                "LIVEBUILD_BLOB_STORAGE": "s3",
                "LIVEBUILD_S3_BUCKET": "livebuild",
                "LIVEBUILD_S3_ENDPOINT_URL": endpoint,
                "AWS_DEFAULT_REGION": "us-east-1",
            }
            url = f"postgresql+asyncpg://{base}/{name}"
            with cluster(url, Path(root), **env) as nodes:
                nodes.add_api()
                nodes.add_worker()
                nodes.add_worker()
                nodes.wait_ready()
                return _measure(nodes)
    finally:
        s3.stop()


if __name__ == "__main__":
    for key, value in (run() or {}).items():
        print(f"{key:>28}: {value:,.3f}")
