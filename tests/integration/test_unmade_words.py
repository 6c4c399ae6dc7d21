"""What a founder is told about a build that made no version: its project card and its email,
read as the founder gets them (the projects page over real HTTP, the email from a real SMTP
server). A build that stopped took no version number, so none may be named as if made."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from aiosmtpd.controller import Controller

from livebuild.core.net import free_port
from livebuild.web.app import create_app
from livebuild.web.server import BackgroundServer
from tests.conftest import API_HEADERS, build_then_change, make_settings, start_build, wait_done
from tests.fakes import FailingChecksRunner
from tests.integration.test_notify import Inbox


@pytest.fixture
def mail() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on loopback, and its mailbox."""
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
async def served(
    tmp_path: Path, mail: tuple[Inbox, int]
) -> AsyncIterator[tuple[httpx.AsyncClient, FailingChecksRunner]]:
    settings = make_settings(
        tmp_path,
        smtp_host="127.0.0.1",
        smtp_port=mail[1],
        smtp_from="builds@livebuild.test",
        smtp_starttls=False,
    )
    runner = FailingChecksRunner(failures=99)  # every check fails: no version is made
    app = create_app(settings, runner=runner)
    async with (
        BackgroundServer(app, "127.0.0.1", settings.port),
        httpx.AsyncClient(base_url=settings.base_url, timeout=60, headers=API_HEADERS) as client,
    ):
        yield client, runner


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


async def _notified(client: httpx.AsyncClient, job_id: str, inbox: Inbox, count: int) -> str:
    answer = await client.post(f"/api/jobs/{job_id}/notify", json={"email": "ada@example.com"})
    assert answer.status_code == 202, answer.text
    await inbox.wait_for(count)
    message = inbox.messages[count - 1]
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    return f"{message['Subject']}\n{body.decode()}"


async def test_a_project_whose_every_build_stopped_says_no_version_was_made(
    served: tuple[httpx.AsyncClient, FailingChecksRunner], mail: tuple[Inbox, int]
) -> None:
    client, _ = served
    build = await start_build(client)
    assert (await wait_done(client, build["job_id"]))["status"] == "failed"

    card = _text((await client.get("/")).text)
    assert "No version made yet" in card
    assert "no app to open yet: open it and press Try again" in card
    assert "Latest: Not made" not in card and "Latest:" not in card

    sent = await _notified(client, build["job_id"], mail[0], 1)
    assert "Your build stopped: no new version was made" in sent
    assert "No version of" in sent and "was made yet" in sent
    assert "Open it to try again" in sent and build["job_id"] in sent
    # The number this build started with is the next version's: it is never named.
    assert not re.search(r"v0\.\d", sent), sent


async def test_a_change_that_stopped_names_only_the_version_the_app_is_at(
    served: tuple[httpx.AsyncClient, FailingChecksRunner], mail: tuple[Inbox, int]
) -> None:
    client, runner = served
    runner.failures = 0
    first = await start_build(client)
    assert (await wait_done(client, first["job_id"]))["status"] == "ready"
    runner.failures = 99
    _, changed, _ = await build_then_change(client, "add a notes field", first)
    assert (await client.get(f"/api/jobs/{changed['job_id']}")).json()["status"] == "failed"

    card = _text((await client.get("/")).text)
    assert "Latest: v0.1" in card and "No version made yet" not in card

    sent = await _notified(client, changed["job_id"], mail[0], 1)
    assert "is still at v0.1, as it was." in sent
    assert "v0.2" not in sent, sent
