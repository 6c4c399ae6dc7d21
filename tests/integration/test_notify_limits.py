"""Build-finished email can't be turned on others: a few emails per user per hour, and
no founder-chosen words in the subject of mail to an address nobody confirmed."""

from __future__ import annotations

from pathlib import Path

from livebuild.web.app import create_app
from tests.conftest import IDEA, _client_for, make_settings, wait_done
from tests.integration.test_notify import Inbox, smtp  # noqa: F401 (the fixture)

NAME = "FREE PHONES at win.example"


async def test_one_user_gets_a_few_notification_emails_an_hour_with_our_own_subject(
    tmp_path: Path,
    database_url: str,
    smtp: tuple[Inbox, int],  # noqa: F811
) -> None:
    inbox, port = smtp
    settings = make_settings(
        tmp_path,
        database_url=database_url,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_from="builds@livebuild.test",
        smtp_starttls=False,
        notify_emails_per_hour=3,
    )
    async for client in _client_for(create_app(settings)):
        jobs, answers = [], []
        for n in range(5):
            project = await client.post("/api/projects", json={"idea": IDEA, "name": NAME})
            build = await client.post(f"/api/projects/{project.json()['id']}/builds")
            job = build.json()["job_id"]
            jobs.append(job)
            answers.append(
                await client.post(f"/api/jobs/{job}/notify", json={"email": f"x{n}@else.example"})
            )
        assert [a.status_code for a in answers] == [202, 202, 202, 429, 429]
        refused = answers[-1]
        assert int(refused.headers["retry-after"]) >= 1
        assert "emails in the last hour" in refused.json()["detail"]
        for job in jobs:
            await wait_done(client, job)
        await inbox.wait_for(3)
        assert sorted(r[0] for r in inbox.recipients) == [f"x{n}@else.example" for n in range(3)]
        for message in inbox.messages:
            assert NAME not in message["Subject"] and "win.example" not in message["Subject"]
            assert message["Subject"].startswith("Your MVP is ready")
