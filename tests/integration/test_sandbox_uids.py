"""Sandbox uids are unique on the machine, not just in one process.

The process limit is counted per host uid: two sandboxes sharing a uid share the limit,
and each can signal the other's processes. Two workers on one host take uids from the
same range, so each uid is held by a lock the whole machine sees. These are the locks'
workings; what they are for, two running apps that cannot read each other's records even
given the path, is `test_containment.py::test_two_builds_apps_cannot_read_each_others_files`.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from livebuild.engine.sandbox._bwrap_setup import _Uids
from tests.uid_slots import same_slot_as
from tests.waits import still_running

BASE = 200_000

# Another livebuild process on the host: it takes a sandbox uid for a build, says which,
# and keeps it until it is ended.
_OTHER_WORKER = """
import sys
from pathlib import Path
from livebuild.engine.sandbox._bwrap_setup import _Uids
uids = _Uids(int(sys.argv[1]), Path(sys.argv[2]))
print(uids.take(sys.argv[3]), flush=True)
sys.stdin.read()
"""


@pytest.fixture
def other_worker(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", _OTHER_WORKER, str(BASE), str(tmp_path), "build-0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    yield process
    process.kill()
    process.wait()


def test_two_workers_never_give_two_sandboxes_one_uid(
    tmp_path: Path, other_worker: subprocess.Popen[str]
) -> None:
    assert other_worker.stdout is not None
    theirs = int(other_worker.stdout.readline())
    uids = _Uids(BASE, tmp_path)
    ours = uids.take(same_slot_as("build-0"))
    assert ours != theirs
    # Given back, a uid is free for the next sandbox; one still held stays taken.
    uids.give_back(ours)
    assert uids.take(same_slot_as("build-0")) == ours
    assert uids.take("build-0") != theirs


def test_a_uid_held_by_a_worker_that_dies_is_free_again(
    tmp_path: Path, other_worker: subprocess.Popen[str]
) -> None:
    assert other_worker.stdout is not None
    theirs = int(other_worker.stdout.readline())
    other_worker.send_signal(signal.SIGKILL)
    assert not still_running([other_worker.pid], within_s=30)
    assert _Uids(BASE, tmp_path).take(same_slot_as("build-0")) == theirs


def test_a_builds_app_and_its_smoke_test_share_its_uid_until_both_give_it_back(
    tmp_path: Path,
) -> None:
    uids, others = _Uids(BASE, tmp_path), _Uids(BASE, tmp_path)
    first = uids.take("build-0")
    assert uids.take("build-0") == first
    uids.give_back(first)
    assert others.take(same_slot_as("build-0")) != first
    uids.give_back(first)
    assert _Uids(BASE, tmp_path).take(same_slot_as("build-0")) == first


def test_a_host_without_a_writable_lock_folder_still_gets_uids(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    uids = _Uids(BASE, blocked / "sandbox-uids")
    first = uids.take("build-a")
    assert first >= BASE and uids.take("build-b") != first
