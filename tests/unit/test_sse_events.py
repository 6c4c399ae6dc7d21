"""Server-sent events read from a byte stream: each event's data whole, however the bytes
were cut, and a line or event past the bound refused rather than held."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from livebuild.providers.sse import EventTooLong, event_data, event_object


async def _bytes(*pieces: bytes) -> AsyncIterator[bytes]:
    for piece in pieces:
        yield piece


async def _events(*pieces: bytes, most: int = 1024) -> list[str]:
    return [data async for data in event_data(_bytes(*pieces), most)]


async def test_events_are_read_whole_however_the_bytes_are_cut() -> None:
    stream = (
        b': ping\n\ndata: {"a": 1}\r\n\r\nevent: x\nid: 4\ndata: one\ndata: two\n\ndata: [DONE]\n\n'
    )
    whole = await _events(stream)
    assert whole == ['{"a": 1}', "one\ntwo", "[DONE]"]
    assert await _events(*(stream[i : i + 1] for i in range(len(stream)))) == whole
    # An event the stream ends inside is not one (as the standard says).
    assert await _events(b"data: one\n\ndata: cut") == ["one"]


async def test_a_line_or_an_event_past_the_bound_is_refused() -> None:
    with pytest.raises(EventTooLong):
        await _events(b"data: " + b"x" * 2000)
    with pytest.raises(EventTooLong):
        await _events(b"data: " + b"x" * 600 + b"\ndata: " + b"y" * 600 + b"\n\n")


def test_only_an_object_is_an_event_object() -> None:
    assert event_object('{"choices": []}') == {"choices": []}
    assert event_object("[1, 2]") is None
    assert event_object("not json") is None
    assert event_object("[" * 100_000) is None
