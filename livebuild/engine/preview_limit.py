"""How many apps one founder may keep running: past the limit, the least recently used sleep.

"Used" means the app was started, woke up, finished its build or answered a request
through its preview; starting time alone says nothing about which app the founder is
looking at. A build in progress counts toward its owner's limit (its app runs) but is
never chosen: putting it to sleep would pull the app out from under its own checks and
screenshots. While a founder's only apps over the limit are still building, they run
over it until one finishes, when the limit is applied again.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass


@dataclass
class _App:
    owner_id: str
    last_used: int
    building: bool


class RunningLimit:
    """The running apps of every founder in this process, in the order they were last used."""

    def __init__(self, per_user: int) -> None:
        if per_user < 1:
            raise ValueError("at least one app per user must be allowed to run")
        self.per_user = per_user
        # A counter rather than a clock: two uses in the same clock tick still have an order.
        self._ticks = itertools.count()
        self._apps: dict[str, _App] = {}

    def started(self, job_id: str, owner_id: str, *, building: bool) -> None:
        self._apps[job_id] = _App(owner_id, next(self._ticks), building)

    def used(self, job_id: str) -> None:
        app = self._apps.get(job_id)
        if app is not None:
            app.last_used = next(self._ticks)

    def built(self, job_id: str) -> None:
        """The job's build has ended: from now on its app may be put to sleep."""
        app = self._apps.get(job_id)
        if app is not None:
            app.building = False
            app.last_used = next(self._ticks)

    def forget(self, job_id: str) -> None:
        self._apps.pop(job_id, None)

    def to_sleep(self, job_id: str) -> list[str]:
        """The apps of `job_id`'s owner to put to sleep so that no more than the limit run,
        least recently used first; never `job_id` itself, never a build in progress."""
        app = self._apps.get(job_id)
        if app is None:
            return []
        mine = {jid: other for jid, other in self._apps.items() if other.owner_id == app.owner_id}
        excess = len(mine) - self.per_user
        if excess <= 0:
            return []
        candidates = [jid for jid, other in mine.items() if jid != job_id and not other.building]
        return sorted(candidates, key=lambda jid: mine[jid].last_used)[:excess]
