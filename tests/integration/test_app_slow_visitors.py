"""Twenty-four slow or lingering visitors never stop the generated app answering another.

The app serves a bounded number of visitors at once (in its sandbox, 24). A visitor who
sends a request a byte at a time, or keeps a connection and re-asks before it would be
closed, must not hold a thread for good: the ordinary visitor who comes while they press is
answered. Real app, real sockets; run as a founder runs the download and in the sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest

from livebuild.appgen import app_files
from livebuild.core.stages import Stage
from tests.boxed_app import booking_app_in_bwrap
from tests.integration.test_app_records import walkers_and_walks
from tests.integration.test_appgen import running_app, write_app

_HOSTILE = 24
# A liveness limit, not a speed: the app's own head deadline is 10 s, and a visitor stopped
# for good is never answered at all.
_ANSWER_LIMIT_S = 90

Hostile = Callable[[int, asyncio.Event], Coroutine[Any, Any, None]]


async def _press(port: int, stop: asyncio.Event, opening: bytes, step: bytes, pause: float) -> None:
    """Send `opening`, then `step` every `pause` seconds; connect again when closed."""
    while not stop.is_set():
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(pause)
            continue
        try:
            writer.write(opening)
            await writer.drain()
            while not stop.is_set() and not reader.at_eof():
                await asyncio.sleep(pause)
                if reader.at_eof():
                    break
                writer.write(step)
                await writer.drain()
                if step.endswith(b"\r\n\r\n"):
                    await reader.readuntil(b"\r\n\r\n")  # the head of the answer
                    await reader.readuntil(b"ok")  # /healthz's body
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()


async def slow_headers(port: int, stop: asyncio.Event) -> None:
    await _press(port, stop, b"GET /healthz HTTP/1.1\r\nHost: app\r\n", b"X", 2)


async def slow_request_line(port: int, stop: asyncio.Event) -> None:
    await _press(port, stop, b"G", b"E", 2)


async def re_asking(port: int, stop: asyncio.Event) -> None:
    """A kept connection that asks again every 2 s, before the app would close it."""
    ask = b"GET /healthz HTTP/1.1\r\nHost: app\r\n\r\n"
    await _press(port, stop, b"", ask, 2)


async def _ordinary_visit(port: int) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: app\r\nConnection: close\r\n\r\n")
        await writer.drain()
        answer = await reader.read()
    finally:
        writer.close()
    return answer.split(b"\r\n", 1)[0] or b"(closed, no answer)"


async def _answered_while_pressed(port: int, hostile: Hostile) -> bytes:
    stop = asyncio.Event()
    pressing = [asyncio.create_task(hostile(port, stop)) for _ in range(_HOSTILE)]
    try:
        await asyncio.sleep(2)  # every hostile visitor connected and sending
        answer = await asyncio.wait_for(_ordinary_visit(port), _ANSWER_LIMIT_S)
        assert not any(task.done() for task in pressing), "a hostile visitor gave up"
        return answer
    finally:
        stop.set()
        await asyncio.gather(*pressing, return_exceptions=True)


_KINDS = [slow_headers, slow_request_line, re_asking]


@pytest.fixture
def direct_port(tmp_path: Path) -> Iterator[int]:
    """The founder's download, run with `python app.py`."""
    app = write_app(tmp_path / "app", app_files(walkers_and_walks(), Stage.CHECKS))
    with running_app(app, tmp_path / "data") as base:
        yield int(base.rsplit(":", 1)[1])


@pytest.fixture
async def sandbox_port(tmp_path: Path) -> AsyncIterator[int]:
    async with booking_app_in_bwrap(tmp_path, "slow") as box:
        assert box.port is not None
        yield box.port


@pytest.mark.parametrize("hostile", _KINDS, ids=lambda kind: kind.__name__)
async def test_slow_visitors_never_stop_the_download_answering(
    direct_port: int, hostile: Hostile
) -> None:
    assert await _answered_while_pressed(direct_port, hostile) == b"HTTP/1.1 200 OK"


@pytest.mark.parametrize("hostile", _KINDS, ids=lambda kind: kind.__name__)
async def test_slow_visitors_never_stop_the_app_in_its_sandbox_answering(
    sandbox_port: int, hostile: Hostile
) -> None:
    assert await _answered_while_pressed(sandbox_port, hostile) == b"HTTP/1.1 200 OK"
