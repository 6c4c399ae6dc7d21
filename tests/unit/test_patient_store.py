"""A store's calls as units of work: made again whole in a build's patient work, never for
a founder's request, and once per unit however deep the calls nest."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.exc import DBAPIError

from livebuild.store.db.patience import PatientStore, made_again, patient_for


def _dropped() -> DBAPIError:
    return DBAPIError("SELECT 1", {}, Exception("closed"), connection_invalidated=True)


class FlakyStore(PatientStore):
    def __init__(self, drops: int) -> None:
        self.drops = drops
        self.calls = 0
        self.again: list[bool] = []

    async def read(self) -> str:
        self.calls += 1
        self.again.append(made_again())
        if self.calls <= self.drops:
            raise _dropped()
        return "row"

    async def outer(self) -> str:
        return await self.read()

    @staticmethod
    async def helper() -> str:
        return "not wrapped"


def test_a_build_read_whose_connection_dropped_is_made_again() -> None:
    store = FlakyStore(drops=2)

    async def build() -> str:
        patient_for(5.0)
        return await store.read()

    assert asyncio.run(build()) == "row"
    assert store.calls == 3
    assert store.again == [False, True, True]


def test_a_founders_request_is_not_kept_waiting() -> None:
    store = FlakyStore(drops=1)
    with pytest.raises(DBAPIError):
        asyncio.run(store.read())
    assert store.calls == 1


def test_a_unit_is_retried_whole_not_call_by_call() -> None:
    store = FlakyStore(drops=1)

    async def build() -> str:
        patient_for(5.0)
        return await store.outer()

    assert asyncio.run(build()) == "row"
    # The inner read failed once and was made again as part of the outer unit, not twice.
    assert store.calls == 2


def test_static_helpers_are_left_as_they_are() -> None:
    assert asyncio.run(FlakyStore.helper()) == "not wrapped"
    helper = FlakyStore.__dict__["helper"]
    assert isinstance(helper, staticmethod) and not hasattr(helper.__func__, "__wrapped__")


def test_an_outage_longer_than_the_patience_still_fails() -> None:
    store = FlakyStore(drops=1000)

    async def build() -> str:
        patient_for(0.5)
        return await store.read()

    with pytest.raises(DBAPIError):
        asyncio.run(build())
    assert 2 <= store.calls <= 5
