"""The model server's thread count follows the machine: every core while other work leaves
them free, half while builds (or anything else) use them, changed only after several looks
agree, and the engine loaded again between calls, never under one."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from livebuild.providers.local.engine import Emit
from livebuild.providers.local.queue import ModelQueue
from livebuild.providers.local.server import ModelServer
from livebuild.providers.local.threads import WATCHES, CoreWatch, ThreadChoice, wanted


class Others(CoreWatch):
    """The other work's cores, as told."""

    def __init__(self, cores: Sequence[float | None]) -> None:
        self.cores = list(cores)

    def others(self) -> float | None:
        return self.cores.pop(0)


def test_quiet_cores_get_every_thread_and_busy_ones_half() -> None:
    assert wanted(0.0, 2, 1) == 2
    assert wanted(1.5, 2, 2) == 1
    assert wanted(0.5, 2, 2) == 2 and wanted(0.5, 2, 1) == 1  # in between: as it is
    assert wanted(3.0, 1, 1) == 1


def test_the_count_changes_only_once_several_looks_agree() -> None:
    choice = ThreadChoice(2, 1, Others([0.0] * (WATCHES - 1) + [1.2] + [0.0] * WATCHES))
    # A quiet moment then a busy one (a build starting): no reload.
    assert [choice.look() for _ in range(WATCHES)] == [None] * WATCHES
    assert [choice.look() for _ in range(WATCHES)][-1] == 2


def test_an_unreadable_machine_keeps_the_count() -> None:
    choice = ThreadChoice(2, 1, Others([None] * (WATCHES + 1)))
    assert all(choice.look() is None for _ in range(WATCHES + 1))


def test_the_watch_reads_this_machine(tmp_path: Path) -> None:
    watch = CoreWatch()
    assert (watch.others() or 0.0) >= 0.0
    stat = tmp_path / "stat"
    stat.write_text("not a stat file")
    assert CoreWatch(stat).others() is None


class Engine:
    def __init__(self, threads: int) -> None:
        self.threads, self.name = threads, "scripted"

    def generate(self, body: dict[str, Any], emit: Emit) -> None:
        emit({"choices": [{"index": 0, "delta": {"content": f"{self.threads}"}}]})


async def test_the_server_loads_its_engine_again_with_the_count_wanted() -> None:
    server = ModelServer(Engine(1), ModelQueue(4), "token", 10.0)
    choice = ThreadChoice(2, 1, Others([0.0] * 50))
    loaded: list[int] = []

    def load(threads: int) -> Engine:
        loaded.append(threads)
        return Engine(threads)

    task = asyncio.create_task(server.retune_loop(choice, load, every_s=0.01))
    for _ in range(200):
        await asyncio.sleep(0.01)
        if loaded:
            break
    server.closing = True
    await asyncio.wait_for(task, 1.0)
    assert loaded == [2] and choice.threads == 2
    assert isinstance(server.engine, Engine) and server.engine.threads == 2
    assert not server.queue.busy
