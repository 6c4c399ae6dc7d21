"""Emailing the founder when a build ends: validated, stored, and sent once over real SMTP."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from livebuild.core.net import free_port
from livebuild.core.stages import Stage
from livebuild.services import Services
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings, start_build, wait_done
from tests.fakes import GatedRunner


class Inbox:
    """A real SMTP server's mailbox (its server runs in a thread of its own)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.recipients: list[list[str]] = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._arrived:
            self.recipients.append(list(envelope.rcpt_tos))
            self.messages.append(message_from_bytes(envelope.content))
            self._arrived.notify_all()
        return "250 Message accepted"

    async def wait_for(self, count: int, timeout_s: float = 10.0) -> None:
        """Until `count` emails have arrived: each arrival wakes the wait."""

        def arrived() -> bool:
            with self._arrived:
                return self._arrived.wait_for(lambda: len(self.messages) >= count, timeout_s)

        if not await asyncio.to_thread(arrived):
            raise AssertionError(f"{len(self.messages)} emails arrived, expected {count}")


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _mail_settings(tmp_path: Path, port: int) -> dict[str, Any]:
    return {
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_from": "builds@livebuild.test",
        "smtp_starttls": False,
    }


@pytest.fixture
async def gated(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> AsyncIterator[tuple[httpx.AsyncClient, Services, GatedRunner]]:
    runner = GatedRunner(Stage.CODE)
    app = create_app(make_settings(tmp_path, **_mail_settings(tmp_path, smtp[1])), runner=runner)
    async for client in _client_for(app):
        yield client, app.state.services, runner


async def test_email_is_sent_once_when_the_build_ends(
    gated: tuple[httpx.AsyncClient, Services, GatedRunner], smtp: tuple[Inbox, int]
) -> None:
    client, services, runner = gated
    inbox, _ = smtp
    build = await start_build(client)
    await runner.reached.wait()
    answer = await client.post(
        f"/api/jobs/{build['job_id']}/notify", json={"email": "ada@example.com"}
    )
    assert answer.status_code == 202
    # Closing waits for every send the notifier has started: none may start before the end.
    await services.notifier.close()
    assert inbox.messages == []

    runner.gate.set()
    await wait_done(client, build["job_id"])
    await inbox.wait_for(1)
    # a second announcement of the same end sends nothing more
    services.notifier.build_ended(build["job_id"])
    await services.notifier.close()
    assert len(inbox.messages) == 1
    logs = (await client.get(f"/api/jobs/{build['job_id']}/logs")).json()["lines"]
    assert sum("notification email sent" in line for line in logs) == 1
    assert inbox.recipients == [["ada@example.com"]]
    message = inbox.messages[0]
    assert message["Subject"].startswith("Your MVP is ready")
    assert message["From"] == "builds@livebuild.test"
    assert build["job_id"] in message.get_payload()


async def test_asking_after_the_end_sends_at_once(
    gated: tuple[httpx.AsyncClient, Services, GatedRunner], smtp: tuple[Inbox, int]
) -> None:
    client, _, runner = gated
    inbox, _ = smtp
    runner.gate.set()
    build = await start_build(client)
    await wait_done(client, build["job_id"])
    answer = await client.post(
        f"/api/jobs/{build['job_id']}/notify", json={"email": "bo@example.org"}
    )
    assert answer.status_code == 202
    await inbox.wait_for(1)
    assert inbox.recipients == [["bo@example.org"]]


INVALID = ["", "ada", "ada@", "ada@example", "a b@example.com", "x" * 250 + "@ex.com"]


async def test_invalid_addresses_are_refused(
    gated: tuple[httpx.AsyncClient, Services, GatedRunner],
) -> None:
    client, _, runner = gated
    runner.gate.set()
    build = await start_build(client)
    for email in INVALID:
        answer = await client.post(f"/api/jobs/{build['job_id']}/notify", json={"email": email})
        assert answer.status_code == 422, email
        assert "valid email" in answer.json()["detail"]
    await wait_done(client, build["job_id"])


async def test_without_smtp_nothing_is_offered(tmp_path: Path) -> None:
    async for client in _client_for(create_app(make_settings(tmp_path))):
        build = await start_build(client)
        await wait_done(client, build["job_id"])
        answer = await client.post(
            f"/api/jobs/{build['job_id']}/notify", json={"email": "ada@example.com"}
        )
        assert answer.status_code == 409
        page = await client.get(f"/projects/{build['project_id']}/build?job_id={build['job_id']}")
        assert 'data-email="off"' in page.text
        unknown = await client.post("/api/jobs/nope/notify", json={"email": "ada@example.com"})
        assert unknown.status_code == 404


async def test_many_addresses_for_one_build_send_at_most_one_email(
    gated: tuple[httpx.AsyncClient, Services, GatedRunner], smtp: tuple[Inbox, int]
) -> None:
    client, services, runner = gated
    inbox, _ = smtp
    build = await start_build(client)
    await runner.reached.wait()
    url = f"/api/jobs/{build['job_id']}/notify"
    addresses = [f"reader{n}@example.com" for n in range(300)]
    for chunk in range(0, 300, 50):
        answers = await asyncio.gather(
            *(client.post(url, json={"email": a}) for a in addresses[chunk : chunk + 50])
        )
        assert {a.status_code for a in answers} == {202}
    last = await client.post(url, json={"email": "final@example.com"})
    assert last.status_code == 202
    runner.gate.set()
    await wait_done(client, build["job_id"])
    await inbox.wait_for(1)
    after = await asyncio.gather(*(client.post(url, json={"email": a}) for a in addresses[:20]))
    assert {a.status_code for a in after} == {409}
    await services.notifier.close()
    assert inbox.recipients == [["final@example.com"]]
