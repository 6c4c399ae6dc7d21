"""A loopback TCP port on the host that forwards each connection to the app's socket.

Chromium and the smoke test speak TCP; the app has no network, only a Unix socket.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

# How many connections may wait for the sandbox's relay to take them (its Unix socket's
# queue). A visitor beyond it is turned away with no answer: 64 lost most of a burst of 200
# (a page of pictures, a link shared in a group chat).
QUEUE = 1024


class Relay:
    def __init__(self, socket_path: Callable[[], Path | None]) -> None:
        self._socket_path = socket_path
        self._server: asyncio.Server | None = None
        self._relayed: set[asyncio.StreamWriter] = set()

    async def open(self) -> None:
        self._server = await asyncio.start_server(self._connection, "127.0.0.1", 0)

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._relayed):
            writer.close()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        path = self._socket_path()
        try:
            if path is None:
                raise OSError("the sandbox is stopping")
            up_reader, up_writer = await asyncio.open_unix_connection(str(path))
        except OSError:
            writer.close()
            return
        self._relayed.update((writer, up_writer))
        try:
            await asyncio.gather(_copy(reader, up_writer), _copy(up_reader, writer))
        finally:
            for end in (writer, up_writer):
                self._relayed.discard(end)
                end.close()


async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
    except OSError:
        writer.close()
