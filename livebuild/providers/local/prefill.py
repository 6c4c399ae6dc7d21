"""Prompts read ahead: the opening of a reading a founder is likely to ask for next, read as
background work so that reading then reads only its own words.

A change request on an app is read by one call whose prompt is the instruction, then the
app's outline, then the request. The outline (~130 tokens) is read afresh on the first request
on each version, 13 s and more on two shared cores, past the founder's 7 s for a change. When
a version is ready (or a plan shown), the caller sends the prompt up to the request here;
llama.cpp keeps what it read, so the founder's request reads ~30 tokens.

Bounded: one pending opening per app (a newer version's replaces the older's, read or not),
at most `MOST` apps pending (the oldest dropped), and each read in steps of `WARM_STEP`
characters through the queue as background work, so a founder waits for one step at most.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass

# Apps whose openings wait to be read: the newest few are the ones a founder is looking at.
MOST = 4
# An app's key (its project id) is short; a longer one is no app's.
MOST_KEY = 200


@dataclass(frozen=True)
class Opening:
    """A reading's instruction and the start of its first message, read ahead for `key`."""

    key: str
    system: str
    user: str


def opening_of(body: dict[str, object]) -> Opening | None:
    """The opening a read-ahead request asks for, or None when it isn't one."""
    key, messages = body.get("key"), body.get("messages")
    if not isinstance(key, str) or not 0 < len(key) <= MOST_KEY:
        return None
    if not isinstance(messages, list) or len(messages) != 2:
        return None
    system, user = messages
    if not (isinstance(system, dict) and isinstance(user, dict)):
        return None
    if system.get("role") != "system" or user.get("role") != "user":
        return None
    texts = system.get("content"), user.get("content")
    if not all(isinstance(text, str) and text for text in texts):
        return None
    return Opening(key, str(texts[0]), str(texts[1]))


class Pending:
    """The openings waiting to be read, newest first; one per key."""

    def __init__(self) -> None:
        self._waiting: OrderedDict[str, Opening] = OrderedDict()
        self._put = asyncio.Event()
        # How many openings each key has been given: a read on from an older one stops.
        self._given: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._waiting)

    def put(self, opening: Opening) -> None:
        self._waiting.pop(opening.key, None)
        self._waiting[opening.key] = opening
        self._given[opening.key] = self._given.get(opening.key, 0) + 1
        while len(self._waiting) > MOST:
            old, _ = self._waiting.popitem(last=False)
            self._given.pop(old, None)
        if len(self._given) > 16 * MOST:  # keys read long ago: their counts are done with
            self._given = {key: self._given[key] for key in self._waiting}
        self._put.set()

    async def take(self) -> tuple[Opening, int]:
        """The newest opening waiting (waits for one), and its number for `current`."""
        while not self._waiting:
            self._put.clear()
            await self._put.wait()
        _, opening = self._waiting.popitem()
        return opening, self._given.get(opening.key, 0)

    def current(self, opening: Opening, number: int) -> bool:
        """No newer opening has been given for this opening's key."""
        return self._given.get(opening.key) == number
