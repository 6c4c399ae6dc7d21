"""A burst of visitors to the generated app in the real bwrap sandbox: every one answered.

The sandbox lets an app run 64 threads (its process limit counts them); an app that starts
one a visitor had 18-25 of 200 simultaneous visitors turned away with no answer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from livebuild.engine.sandbox.base import Sandbox
from tests.boxed_app import booking_app_in_bwrap

_VISITORS = 200


@pytest.fixture
async def app_box(tmp_path: Path) -> AsyncIterator[Sandbox]:
    """The generated booking app, started in a bwrap sandbox with the default limits."""
    async with booking_app_in_bwrap(tmp_path, "burst") as box:
        yield box


async def _asked(port: int, path: str) -> bytes:
    """The status line a visitor gets, or what went wrong instead."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: app\r\nConnection: close\r\n\r\n".encode())
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(), 120)
        finally:
            writer.close()
    except (OSError, TimeoutError) as error:
        return repr(error).encode()
    return answer.split(b"\r\n", 1)[0] or b"(closed, no answer)"


@pytest.mark.parametrize("path", ["/healthz", "/"])
async def test_every_visitor_of_a_burst_in_the_sandbox_gets_an_answer(
    app_box: Sandbox, path: str
) -> None:
    port = app_box.port
    assert port is not None
    answers = await asyncio.gather(*(_asked(port, path) for _ in range(_VISITORS)))
    unanswered = [answer for answer in answers if answer != b"HTTP/1.1 200 OK"]
    assert unanswered == [], f"{len(unanswered)} of {_VISITORS} unanswered, e.g. {unanswered[:3]}"
    # And the app still serves once the burst is over.
    assert await _asked(port, path) == b"HTTP/1.1 200 OK"
