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
from livebuild.providers.local.server import ModelServer, watch_idle
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


async def _first_reload(
    server: ModelServer, choice: ThreadChoice, load: Any, tried: list[int] | None = None
) -> None:
    task = asyncio.create_task(server.retune_loop(choice, load, every_s=0.01))
    for _ in range(40):
        await asyncio.sleep(0.01)
        if choice.threads == 2 or (tried is not None and len(tried) >= 2):
            break
    server.closing = True
    await asyncio.wait_for(task, 1.0)


async def test_a_failed_reload_goes_back_to_the_count_that_loaded() -> None:
    # A reload that fails must not leave the server answering "being loaded again" for ever.
    server = ModelServer(Engine(1), ModelQueue(4), "token", 10.0)
    choice = ThreadChoice(2, 1, Others([0.0] * 50))
    tried: list[int] = []

    def load(threads: int) -> Engine:
        tried.append(threads)
        if threads == 2:
            raise RuntimeError("out of memory")
        return Engine(threads)

    await _first_reload(server, choice, load, tried)
    await asyncio.sleep(0)
    assert tried == [2, 1] and choice.threads == 1
    assert isinstance(server.engine, Engine) and server.engine.threads == 1


async def test_a_server_that_cannot_load_again_closes_so_a_new_one_starts() -> None:
    server = ModelServer(Engine(1), ModelQueue(4), "token", 10.0)
    choice = ThreadChoice(2, 1, Others([0.0] * 50))

    def load(threads: int) -> Engine:
        raise RuntimeError("the model file is gone")

    task = asyncio.create_task(server.retune_loop(choice, load, every_s=0.01))
    await asyncio.wait_for(task, 2.0)
    assert server.closing and not server.queue.busy


async def test_a_reload_is_not_use_so_an_idle_server_still_exits() -> None:
    server = ModelServer(Engine(1), ModelQueue(4), "token", 10.0)
    server.last_used -= 500.0
    before = server.last_used
    choice = ThreadChoice(2, 1, Others([0.0] * 50))
    await _first_reload(server, choice, Engine)
    assert choice.threads == 2 and server.last_used == before


async def test_a_closing_server_stops_watching_so_its_process_ends() -> None:
    # A server whose engine can't be loaded again sets `closing`: its process must end (so
    # the next reading starts a fresh one), not stay up failing every call.
    server = ModelServer(Engine(1), ModelQueue(4), "token", 10.0)
    server.closing = True
    stop = asyncio.Event()
    await asyncio.wait_for(watch_idle(server, 600.0, stop), 10.0)
    assert stop.is_set()
