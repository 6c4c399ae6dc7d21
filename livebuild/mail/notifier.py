"""Emailing a founder once when their build ends, if they asked for it."""

from __future__ import annotations

import asyncio
import logging
from email.message import EmailMessage

import aiosmtplib
from sqlalchemy import select, update

from livebuild.core.clock import utcnow
from livebuild.core.stages import Stage
from livebuild.core.urls import build_path, version_label
from livebuild.settings import Settings
from livebuild.store.db.models import BuildNotification, Job
from livebuild.store.repository import Repository

log = logging.getLogger(__name__)

SEND_TIMEOUT_S = 30.0


class Notifier:
    def __init__(self, settings: Settings, repository: Repository) -> None:
        self.settings = settings
        self.repository = repository
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def available(self) -> bool:
        return self.settings.email_available

    async def subscribe(self, job: Job, email: str) -> None:
        async with self.repository.sessions.begin() as session:
            session.add(BuildNotification(job_id=job.id, email=email, created_at=utcnow()))
        if job.status in (Stage.READY.value, Stage.FAILED.value):
            self.build_ended(job.id)

    def build_ended(self, job_id: str) -> None:
        """Send the job's pending emails in the background; never delays the caller."""
        if not self.available:
            return
        task = asyncio.create_task(self._send_pending(job_id), name=f"notify-{job_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send_pending(self, job_id: str) -> None:
        for notification in await self._claim(job_id):
            try:
                await self._send(job_id, notification.email)
            except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
                await self.repository.append_logs(job_id, [f"notification email failed: {error}"])
            else:
                await self.repository.append_logs(job_id, ["notification email sent"])

    async def _claim(self, job_id: str) -> list[BuildNotification]:
        """The job's unsent notifications, each marked sent by exactly one caller."""
        claimed = []
        async with self.repository.sessions.begin() as session:
            query = select(BuildNotification).where(
                BuildNotification.job_id == job_id, BuildNotification.sent_at.is_(None)
            )
            for notification in (await session.execute(query)).scalars():
                result = await session.execute(
                    update(BuildNotification)
                    .where(
                        BuildNotification.id == notification.id,
                        BuildNotification.sent_at.is_(None),
                    )
                    .values(sent_at=utcnow())
                )
                if getattr(result, "rowcount", 0) == 1:
                    claimed.append(notification)
        return claimed

    async def _send(self, job_id: str, address: str) -> None:
        job = await self.repository.get_job(job_id)
        project = await self.repository.get_project(job.project_id, job.owner_id)
        version = version_label(job.version)
        message = EmailMessage()
        message["From"] = self.settings.smtp_from or ""
        message["To"] = address
        link = self.settings.base_url + build_path(job.project_id, job.id)
        if job.status == Stage.READY.value:
            message["Subject"] = f"Your MVP is ready: {project.name} {version}"
            body = f"Good news: {project.name} {version} is built and ready to open.\n\n{link}\n"
        else:
            message["Subject"] = f"Your build of {project.name} stopped"
            body = (
                f"The build of {project.name} {version} stopped before it finished.\n"
                f"{job.error_message or ''}\n\nReference: {job.debug_id}\n\n{link}\n"
            )
        message.set_content(body)
        password = self.settings.smtp_password
        await aiosmtplib.send(
            message,
            hostname=self.settings.smtp_host,
            port=self.settings.smtp_port,
            username=self.settings.smtp_username,
            password=password.get_secret_value() if password else None,
            start_tls=self.settings.smtp_starttls,
            timeout=SEND_TIMEOUT_S,
        )

    async def close(self) -> None:
        if not self._tasks:
            return
        _, pending = await asyncio.wait(set(self._tasks), timeout=SEND_TIMEOUT_S)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
