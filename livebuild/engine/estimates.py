"""How long each stage usually takes, read once a while rather than once a stage.

The estimate is a median of recent stage times: a few seconds old is as good as fresh, and
reading it for every stage of every build is a database round trip each.
"""

from __future__ import annotations

import time

from livebuild.core.stages import Stage
from livebuild.store.repository import Repository

FRESH_S = 30.0


class StageEstimates:
    def __init__(self, repository: Repository, fresh_s: float = FRESH_S) -> None:
        self.repository = repository
        self.fresh_s = fresh_s
        self._known: dict[Stage, tuple[float, float]] = {}  # stage -> (estimate, read at)

    async def get(self, stage: Stage) -> float:
        known = self._known.get(stage)
        now = time.monotonic()
        if known is not None and now - known[1] < self.fresh_s:
            return known[0]
        estimate = await self.repository.estimate(stage)
        self._known[stage] = (estimate, now)
        return estimate
