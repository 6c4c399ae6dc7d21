"""Many SSE followers of one build in one process, as cheap as a client can be.

Run as `python -m bench.sse_clients PORT JOB_ID COUNT EXPECTED TIMEOUT_S`. It opens COUNT event
streams, prints `connected` once every stream has its first frame, and prints one JSON line
when each stream has its EXPECTED events (or after TIMEOUT_S): how many streams got
exactly the events 1..EXPECTED, and the latencies (receipt minus the event's `ts`).

Receiving does nothing but note the time and keep the bytes: parsing happens after the
run, so the client's own work stays out of the latencies it measures. The benchmark starts
several of these so thousands of clients are not all behind one event loop.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from datetime import datetime

import uvloop

CONNECT_BATCH = 200


class Follower(asyncio.Protocol):
    def __init__(self) -> None:
        self.chunks: list[tuple[float, bytes]] = []
        self.connected = asyncio.get_running_loop().create_future()
        self.finished = asyncio.get_running_loop().create_future()

    def data_received(self, data: bytes) -> None:
        self.chunks.append((time.time(), data))
        if not self.connected.done() and b"retry:" in data:
            self.connected.set_result(None)
        if b"event: build.completed" in data and not self.finished.done():
            self.finished.set_result(None)

    def connection_lost(self, exc: Exception | None) -> None:
        for future in (self.connected, self.finished):
            if not future.done():
                future.set_result(None)

    def events(self) -> list[tuple[float, dict[str, object]]]:
        """(receipt time, event) for every data line, timed by the chunk that completed it."""
        found: list[tuple[float, dict[str, object]]] = []
        pending = b""
        for received, data in self.chunks:
            pending += data
            *lines, pending = pending.split(b"\n")
            for line in lines:
                if line.startswith(b"data: "):
                    found.append((received, json.loads(line[6:])))
        return found


async def _open(port: int, job_id: str) -> Follower:
    loop = asyncio.get_running_loop()
    transport, follower = await loop.create_connection(Follower, "127.0.0.1", port)
    transport.write(
        f"GET /api/jobs/{job_id}/events/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    return follower


async def main(port: int, job_id: str, count: int, expected: int, timeout_s: float) -> None:
    followers: list[Follower] = []
    for start in range(0, count, CONNECT_BATCH):
        batch = range(start, min(count, start + CONNECT_BATCH))
        opened = await asyncio.gather(*(_open(port, job_id) for _ in batch))
        await asyncio.gather(*(f.connected for f in opened))
        followers.extend(opened)
    print("connected", flush=True)
    await asyncio.wait([asyncio.gather(*(f.finished for f in followers))], timeout=timeout_s)
    want = list(range(1, expected + 1))
    complete = 0
    latencies: list[float] = []
    for follower in followers:
        events = follower.events()
        complete += [e["id"] for _, e in events] == want
        for received, event in events:
            sent = datetime.fromisoformat(str(event["ts"]).replace("Z", "+00:00")).timestamp()
            latencies.append(round((received - sent) * 1000, 2))
    print(json.dumps({"clients": count, "complete": complete, "latencies_ms": latencies}))
    sys.stdout.flush()


if __name__ == "__main__":
    # Thousands of sockets in one process: lift the soft limit to the hard one.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    port, job_id, count, expected, timeout_s = sys.argv[1:6]
    uvloop.run(main(int(port), job_id, int(count), int(expected), float(timeout_s)))
