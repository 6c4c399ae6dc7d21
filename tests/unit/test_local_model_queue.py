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


async def test_among_founders_the_reading_due_soonest_goes_first() -> None:
    """A change the founder waits seconds for goes before a plan reading with half a minute,
    whichever came first; background work still waits for both."""
    queue = ModelQueue(max_waiting=8)
    running = queue.admit(BACKGROUND)
    plan = queue.admit(FOUNDER, within_s=30)
    later = queue.admit(BACKGROUND)
    change = queue.admit(FOUNDER, within_s=7)
    order = []
    for ticket in (change, plan, later):
        queue.release(running)
        await asyncio.wait_for(queue.wait_turn(ticket), 1)
        order.append(ticket)
        running = ticket
    assert order == [change, plan, later]


async def test_a_caller_not_served_within_its_time_is_told_busy_and_the_next_goes() -> None:
    queue = ModelQueue(max_waiting=4)
    running = queue.admit(FOUNDER, within_s=30)
    hurried = queue.admit(FOUNDER, within_s=0.05)
    patient = queue.admit(BACKGROUND)
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(Busy):
        await queue.wait_turn(hurried)
    assert loop.time() - started < 1, "busy is said when its time runs out, not later"
    assert queue.waiting == 1, "the hurried call gave up its place"
    queue.release(running)
    await asyncio.wait_for(queue.wait_turn(patient), 1)
    assert not queue.waiting
