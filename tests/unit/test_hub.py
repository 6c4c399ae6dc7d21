"""The in-process hub says when followers have joined and are waiting, so nothing that
depends on them has to sleep and hope."""

from __future__ import annotations

import asyncio

from livebuild.store.eventlog.hub import Hub


async def test_until_returns_once_the_followers_wait_for_news() -> None:
    hub = Hub()
    arrived = asyncio.create_task(hub.until("job", subscribed=2, waiting=2))
    subscriptions = [hub.subscribe("job") for _ in range(2)]
    waits = [asyncio.create_task(s.channel.wait(None)) for s in subscriptions]
    await asyncio.wait_for(arrived, 2)
    assert subscriptions[0].channel.waiting == 2
    for subscription in subscriptions:
        subscription.channel._news.set()  # what a published event does
    assert await asyncio.wait_for(asyncio.gather(*waits), 2) == [True, True]
    assert subscriptions[0].channel.waiting == 0
    for subscription in subscriptions:
        subscription.close()
    assert hub.subscriber_count("job") == 0


async def test_until_keeps_waiting_while_too_few_have_joined() -> None:
    hub = Hub()
    hub.subscribe("job")
    waiting = asyncio.create_task(hub.until("job", subscribed=2))
    await asyncio.sleep(0)
    assert not waiting.done()
    hub.subscribe("job")
    await asyncio.wait_for(waiting, 2)
