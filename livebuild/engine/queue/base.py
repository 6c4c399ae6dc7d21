"""The build queue contract: where started builds wait until a worker runs them."""

from __future__ import annotations

from abc import ABC, abstractmethod


class BuildQueue(ABC):
    @abstractmethod
    async def start(self) -> None:
        """Begin running builds: settle what a previous run left behind, then take jobs."""

    @abstractmethod
    async def submit(self, job_id: str) -> None:
        """Queue a build that is stored as `queued`; returns once the queue has it.

        Delivering the same job more than once is safe: the pipeline's claim runs it once.
        """

    @abstractmethod
    async def stop(self) -> None:
        """Stop taking jobs; builds cut short end as interrupted."""
