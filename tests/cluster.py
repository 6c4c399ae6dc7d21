"""A livebuild cluster of real processes on loopback: API processes and workers on one database."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from livebuild.core.net import free_port

# What a stuck cluster test prints: the builds not yet ended, the queue's waiting and
# running jobs with the queue workers' heartbeats, and what each database session waits on.
_STATE = {
    "builds not ended": (
        "SELECT id, status, worker_address, delivery, last_event_id, lease_expires_at "
        "FROM jobs WHERE status NOT IN ('ready', 'failed') ORDER BY created_at"
    ),
    "queue jobs waiting or running": (
        "SELECT id, queue_name, status, lock, queueing_lock, worker_id, attempts "
        "FROM procrastinate_jobs WHERE status IN ('todo', 'doing') ORDER BY id"
    ),
    "queue workers (seconds since heartbeat)": (
        "SELECT id, round(extract(epoch FROM now() - last_heartbeat)) "
        "FROM procrastinate_workers ORDER BY id"
    ),
    "database sessions not idle": (
        "SELECT pid, client_port, state, wait_event_type, wait_event, "
        "round(extract(epoch FROM now() - xact_start)), left(query, 120) "
        "FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' "
        "AND pid <> pg_backend_pid()"
    ),
}


@dataclass
class Process:
    name: str
    port: int
    popen: subprocess.Popen[bytes]
    killed: bool = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        self.killed = True
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(10)


@dataclass
class Cluster:
    database_url: str
    root: Path
    env: dict[str, str]
    apis: list[Process] = field(default_factory=list)
    workers: list[Process] = field(default_factory=list)

    def _start(self, name: str, argv: list[str], port: int, **env: str) -> Process:
        data_dir = self.root / name
        environment = {
            **os.environ,
            **self.env,
            **env,
            "LIVEBUILD_DATA_DIR": str(data_dir),
            "LIVEBUILD_PORT": str(port),
        }
        log = (self.root / f"{name}.log").open("wb")
        popen = subprocess.Popen(
            [sys.executable, *argv], env=environment, stdout=log, stderr=subprocess.STDOUT
        )
        return Process(name, port, popen)

    def add_api(self) -> Process:
        port = free_port()
        name = f"api{len(self.apis) + 1}"
        # Each API process serves previews on a port of its own beside its main one.
        process = self._start(
            name,
            ["-m", "livebuild", "serve", "--no-worker"],
            port,
            LIVEBUILD_PREVIEW_PORT=str(free_port()),
        )
        self.apis.append(process)
        return process

    def add_worker(self, *, stage_delay_s: float = 0.0, **env: str) -> Process:
        port = free_port()
        name = f"worker{len(self.workers) + 1}"
        process = self._start(
            name,
            ["-m", "tests.scale_worker", str(port)],
            port,
            SCALE_STAGE_DELAY_S=str(stage_delay_s),
            **env,
        )
        self.workers.append(process)
        return process

    def wait_ready(self, timeout_s: float = 180.0, *, only: list[Process] | None = None) -> None:
        """Until each process (but those a test killed) answers on its port (five processes
        starting at once on a loaded machine can take past a minute and a half). A replacement
        started without waiting, right after a kill, comes up while the test goes on, and
        the next test waits here for it."""
        deadline = time.monotonic() + timeout_s
        everyone = [p for p in [*self.apis, *self.workers] if not p.killed]
        for process in only if only is not None else everyone:
            # Other processes bind these ports: nothing here can wake us when they do.
            while not _answers(process.port):
                if process.popen.poll() is not None:
                    raise RuntimeError(f"{process.name} exited: {self.log(process)}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{process.name} did not start: {self.log(process)}")
                time.sleep(0.05)

    @contextlib.contextmanager
    def paced(self, stage_delay_s: float) -> Iterator[None]:
        """Every worker's stages, the running ones' included, take `stage_delay_s` each
        until the block ends: slow enough for a test to act mid-build on a cluster it
        shares with tests whose builds run at full speed."""
        pace = Path(self.env["SCALE_PACE_FILE"])
        pace.write_text(str(stage_delay_s))
        try:
            yield
        finally:
            pace.unlink()

    def log(self, process: Process) -> str:
        return (self.root / f"{process.name}.log").read_text(errors="replace")[-3000:]

    def state(self) -> str:
        """What a test that failed or timed out waiting on the cluster prints: where each
        build and queue job stands, and each process's log, so the failure names its cause."""
        import psycopg

        from livebuild.store.db.engine import libpq_url

        lines = []
        try:
            with psycopg.connect(libpq_url(self.database_url), autocommit=True) as conn:
                for title, query in _STATE.items():
                    lines.append(f"-- {title}")
                    lines += [repr(row) for row in conn.execute(query).fetchall()]
        except psycopg.Error as error:
            lines.append(f"-- the database could not be read: {error}")
        for process in [*self.apis, *self.workers]:
            ended = process.popen.poll()
            status = "killed" if process.killed else f"exited {ended}" if ended is not None else ""
            lines.append(f"-- {process.name} (port {process.port}) {status}")
            lines.append(self.log(process))
        return "\n".join(lines)

    def stop(self) -> None:
        for process in [*self.apis, *self.workers]:
            if process.popen.poll() is None:
                process.popen.terminate()
        for process in [*self.apis, *self.workers]:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.popen.wait(20)
            if process.popen.poll() is None:
                process.kill()


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def cluster(database_url: str, root: Path, **env: str) -> Iterator[Cluster]:
    base_env = {
        "LIVEBUILD_DATABASE_URL": database_url,
        "LIVEBUILD_SCREENSHOTS_ENABLED": "false",
        "LIVEBUILD_SANDBOX_KEEPALIVE_S": "120",
        # Workers take their pace from this file while a test holds `Cluster.paced`.
        "SCALE_PACE_FILE": str(root / "pace"),
        **env,
    }
    running = Cluster(database_url, root, base_env)
    try:
        yield running
    finally:
        running.stop()
