"""A write the app makes inside its sandbox wakes the host (inotify on the host side of the
app's data folder), so an idle app's files are not looked at every second and an edit's copy
follows the edit as soon as it settles."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from livebuild.engine import carry_kept
from livebuild.engine.carry_pace import Signature, data_signature
from livebuild.engine.carry_watch import Watcher
from livebuild.engine.previews import Previews
from livebuild.settings import Settings
from livebuild.store.blobs.private import PrivateStore
from livebuild.store.repository import Repository
from livebuild.web.app import create_app
from tests.conftest import _client_for
from tests.integration.test_kept_records import Machine


@pytest.fixture
def looks(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """When the host looked at an app's files (its data signature), as they happen."""
    seen: list[float] = []

    def counted(source: Path, live: Path | None) -> Signature:
        seen.append(time.monotonic())
        return data_signature(source, live)

    monkeypatch.setattr(carry_kept, "data_signature", counted)
    return seen


async def test_a_write_inside_the_sandbox_wakes_the_host(
    sqlite_settings: Settings, looks: list[float]
) -> None:
    settings = sqlite_settings.model_copy(update={"records_settle_s": 0.5})
    app = create_app(settings)
    async for client in _client_for(app):
        machine = Machine(client, app.state.services, settings)
        v1 = await machine.first()
        sandbox = machine.services.previews.get(v1["job_id"])
        assert sandbox is not None
        if type(sandbox).__name__ != "BwrapSandbox":
            pytest.skip("no bwrap sandbox here: the write would not cross a sandbox")
        folder = sandbox.data_view() or settings.workspaces_dir / v1["job_id"] / "data"
        watcher = Watcher.open()
        assert watcher is not None, "inotify is not to be had on this machine"
        try:
            assert watcher.watch(v1["job_id"], folder)
            await machine.services.carrier.drain()
            # The app idles: once its copy is as new as its records, nothing looks at it.
            kept = await machine.kept(v1)
            await asyncio.sleep(2.5)  # idle time itself is what is measured
            quiet_since = time.monotonic() - 1.5
            assert [at for at in looks if at > quiet_since] == []
            watcher.written()
            edited = time.monotonic()
            await machine.add(v1, "Greenfield HOA")  # written by the app, in its sandbox
            await asyncio.wait_for(watcher.woken.wait(), 10)
            assert watcher.written() == {v1["job_id"]}
            # The pacer heard it too: the copy follows once the write settled (0.5 s).
            while (await machine.kept(v1) or 0) <= (kept or 0):
                assert time.monotonic() - edited < 10, "the edit was not copied"
                await asyncio.sleep(0.1)
            assert any(at >= edited for at in looks)
        finally:
            watcher.close()


async def test_without_inotify_the_files_are_looked_at_instead(
    sqlite_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Watcher, "open", classmethod(lambda cls: None))
    settings = sqlite_settings.model_copy(update={"records_settle_s": 0.5})
    app = create_app(settings)
    async for client in _client_for(app):
        machine = Machine(client, app.state.services, settings)
        v1 = await machine.first()
        await machine.services.carrier.drain()
        kept = await machine.kept(v1) or 0
        edited = time.monotonic()
        await machine.add(v1, "Greenfield HOA")
        while (await machine.kept(v1) or 0) <= kept:
            assert time.monotonic() - edited < 10, "the edit was not copied"
            await asyncio.sleep(0.1)


async def test_a_burst_of_writes_is_looked_at_together(
    sqlite_settings: Settings, looks: list[float]
) -> None:
    """An app at work writes many times a second: its files are not looked at after each
    write (that was about a tenth of the worker's CPU in `bench.machine`), and the copy still
    follows once the writes settle."""
    settings = sqlite_settings.model_copy(update={"records_settle_s": 2.0})
    app = create_app(settings)
    async for client in _client_for(app):
        machine = Machine(client, app.state.services, settings)
        v1 = await machine.first()
        await machine.services.carrier.drain()
        kept = await machine.kept(v1) or 0
        began = time.monotonic()
        for n in range(30):
            await machine.add(v1, f"Bed {n}")
        ended = time.monotonic()
        during = [at for at in looks if began <= at <= ended]
        gap_s = 0.5  # half of look_s, which is half of settle_s here
        assert len(during) <= (ended - began) / gap_s + 2, (len(during), ended - began)
        while (await machine.kept(v1) or 0) <= kept:
            assert time.monotonic() - ended < 10, "the writes were not copied"
            await asyncio.sleep(0.1)


class _NoApps:
    def running_ids(self) -> list[str]:
        return []


async def test_records_woken_as_they_are_closed_still_close(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker stopping while an app's write is heard (the apps being stopped just before
    write to their data) still stops: on Python 3.11 `asyncio.wait_for` returns when it is
    cancelled after what it awaited finished, and the copy loop ran on, so `close()` (and
    the service's whole shutdown after it) waited for ever."""
    opened: list[Watcher] = []
    real_open = Watcher.open

    def kept_open() -> Watcher | None:
        watcher = real_open()
        if watcher is not None:
            opened.append(watcher)
        return watcher

    monkeypatch.setattr(Watcher, "open", kept_open)
    settings = SimpleNamespace(records_copy_s=30.0, records_settle_s=2.0, sandbox_disk_mb=1)
    kept = carry_kept.KeptRecords(
        cast(Settings, settings),
        cast(Repository, None),
        cast(Previews, _NoApps()),
        cast(PrivateStore, None),
    )
    kept.start()
    await asyncio.sleep(0.1)  # the loop waits to hear a write (look_s is 1 s)
    assert opened, "inotify is not to be had on this machine"
    loop = kept._every
    opened[0].woken.set()  # an app's write is heard in the same turn as the worker stops
    try:
        await asyncio.wait_for(kept.close(), 5)
    finally:
        # Ended however close() went, so a failure here is this test's alone.
        while loop is not None and not loop.done():
            loop.cancel()
            await asyncio.sleep(0.01)
