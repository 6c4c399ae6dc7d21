"""How fast the local model is on this machine: one short timed call, and what it means for a
founder's readings (`livebuild doctor` says it).

The speeds are llama.cpp's own timings for the call (prompt tokens read a second, answer
tokens written a second); the readings' sizes are those measured (docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass

import httpx

from livebuild.providers.local.machine import ServerPlan, find_or_start
from livebuild.providers.local.server import PRIORITY_HEADER, WITHIN_HEADER
from livebuild.providers.sse import event_data, event_object

# A plan reading (measured on round 9's ideas): its instruction, ~340 tokens, read once after
# the model starts and kept; the idea and its wrapping, 30-100 more; an answer of 70-100.
PLAN_INSTRUCTION, PLAN_READ, PLAN_WRITE = 340, 80, 90
# A change reading: its instruction ~300 tokens, kept; the plan's outline and the request
# ~150; an answer of 20-110 (compact JSON).
CHANGE_INSTRUCTION, CHANGE_READ, CHANGE_WRITE = 300, 150, 60
# The timed call: a fresh prompt (nothing of it cached) of ~60 tokens, a short answer.
_CHECK_SYSTEM = "Check {nonce}. You name kinds of records a small business app keeps."
_CHECK_USER = (
    "A dog walker walks about thirty dogs for their owners; each walk has a date, a length "
    "and a price, and some owners pay by the month. Name the records, comma-separated."
)
_CHECK_TOKENS = 12


class SpeedUnknown(Exception):
    """The model could not be timed; the message says why, plainly."""


@dataclass(frozen=True)
class Speed:
    read_per_s: float  # prompt tokens read a second
    write_per_s: float  # answer tokens written a second

    def seconds(self, read: int, write: int) -> float:
        return read / self.read_per_s + write / self.write_per_s

    def plan_s(self, *, first: bool = False) -> float:
        """A plan reading's time; `first`: the first after the model starts (it reads the
        instruction too)."""
        return self.seconds(PLAN_READ + (PLAN_INSTRUCTION if first else 0), PLAN_WRITE)

    def change_s(self) -> float:
        return self.seconds(CHANGE_READ, CHANGE_WRITE)


async def measure(plan: ServerPlan, within_s: float = 120.0) -> Speed:
    """Time one short call on the machine's model server (started if need be), as background
    work: a founder's reading goes first. Raises `SpeedUnknown`."""
    try:
        found = await asyncio.to_thread(find_or_start, plan)
    except Exception as error:
        raise SpeedUnknown(f"the local model could not start ({type(error).__name__})") from error
    body = {
        "messages": [
            {"role": "system", "content": _CHECK_SYSTEM.format(nonce=os.urandom(4).hex())},
            {"role": "user", "content": _CHECK_USER},
        ],
        "max_tokens": _CHECK_TOKENS,
        "temperature": 0,
        "stream": True,
    }
    headers = {
        "authorization": f"Bearer {found.token}",
        PRIORITY_HEADER: "background",
        WITHIN_HEADER: f"{within_s:.0f}",
    }
    timings: dict[str, object] = {}
    try:
        async with (
            httpx.AsyncClient(timeout=within_s + 10) as client,
            client.stream("POST", f"{found.url}/chat/completions", json=body, headers=headers) as r,
        ):
            if r.status_code == 503:
                raise SpeedUnknown("the local model is busy with other work; try again later")
            if r.status_code != 200:
                raise SpeedUnknown(f"the local model answered {r.status_code}")
            async for data in event_data(r.aiter_bytes()):
                if data.startswith("[DONE]"):
                    break
                event = event_object(data) or {}
                if isinstance(event.get("error"), dict):
                    kind = event["error"].get("type")
                    raise SpeedUnknown(
                        "the local model is busy with other work; try again later"
                        if kind == "busy"
                        else f"the local model did not finish a short answer in {within_s:g} s"
                    )
                if isinstance(event.get("timings"), dict):
                    timings = event["timings"]
    except httpx.HTTPError as error:
        raise SpeedUnknown(
            f"the local model could not be reached ({type(error).__name__})"
        ) from error
    read, write = timings.get("prompt_per_second"), timings.get("predicted_per_second")
    if not isinstance(read, (int, float)) or not isinstance(write, (int, float)):
        raise SpeedUnknown("the local model did not say how long it took")
    if read <= 0 or write <= 0:
        raise SpeedUnknown("the local model's timings were empty")
    return Speed(float(read), float(write))
