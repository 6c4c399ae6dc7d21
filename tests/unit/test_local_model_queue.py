"""The model's queue on its own: one call at a time, founders first then in order of arrival,
a bound on waiting work, and a caller who leaves gives up its place."""

from __future__ import annotations

import asyncio

import pytest

from livebuild.providers.local.queue import BACKGROUND, FOUNDER, Busy, ModelQueue


async def test_calls_take_turns_founders_first_then_in_order() -> None:
    queue = ModelQueue(max_waiting=8)
    ran: list[str] = []

    async def call(name: str, priority: int) -> None:
        ticket = queue.admit(priority)
        await queue.wait_turn(ticket)
        ran.append(name)
        await asyncio.sleep(0.01)
        queue.release(ticket)

    first = asyncio.create_task(call("bg-0", BACKGROUND))
    await asyncio.sleep(0)
    later = [
        asyncio.create_task(call(n, p))
        for n, p in (("bg-1", BACKGROUND), ("f-1", FOUNDER), ("bg-2", BACKGROUND), ("f-2", FOUNDER))
    ]
    await asyncio.gather(first, *later)
    assert ran == ["bg-0", "f-1", "f-2", "bg-1", "bg-2"]
    assert not queue.busy


async def test_past_the_bound_background_is_busy_and_a_founder_takes_its_place() -> None:
    queue = ModelQueue(max_waiting=1)
    running = queue.admit(BACKGROUND)
    waiting = queue.admit(BACKGROUND)
    with pytest.raises(Busy):
        queue.admit(BACKGROUND)
    founder = queue.admit(FOUNDER)
    assert running.preempted, "the background call running is asked to stop"
    with pytest.raises(Busy):
        await queue.wait_turn(waiting)
    with pytest.raises(Busy):
        queue.admit(FOUNDER)  # a founder never bumps another founder
    queue.release(running)
    await queue.wait_turn(founder)


async def test_a_caller_who_leaves_gives_up_its_place() -> None:
    queue = ModelQueue(max_waiting=2)
    running = queue.admit(BACKGROUND)
    leaving = queue.admit(FOUNDER)
    staying = queue.admit(BACKGROUND)
    waiter = asyncio.create_task(queue.wait_turn(leaving))
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.gather(waiter, return_exceptions=True)
    assert queue.waiting == 1
    queue.release(running)
    await asyncio.wait_for(queue.wait_turn(staying), 1)


async def test_a_queue_bound_of_zero_still_runs_one_call() -> None:
    queue = ModelQueue(max_waiting=0)
    running = queue.admit(FOUNDER)
    with pytest.raises(Busy):
        queue.admit(FOUNDER)
    queue.release(running)
    queue.release(queue.admit(BACKGROUND))
