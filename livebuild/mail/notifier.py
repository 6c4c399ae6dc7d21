"""Emailing a founder once when their build ends, if they asked for it.

The address is whatever the founder typed, never confirmed, so the mail is kept
from being a way to send others chosen words: each user may ask for a few emails
an hour (`notify_emails_per_hour`), and the subject carries no founder-chosen text.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from email.message import EmailMessage

import aiosmtplib
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from livebuild.core.clock import as_utc, utcnow
from livebuild.core.errors import Conflict, TooManyRequests
from livebuild.core.stages import Stage
from livebuild.core.urls import build_path, version_label
from livebuild.settings import Settings
from livebuild.store.db.models import BuildNotification, Job, User
from livebuild.store.db.patience import patiently
from livebuild.store.repository import Repository

log = logging.getLogger(__name__)

SEND_TIMEOUT_S = 30.0


async def _lock_job(session: AsyncSession, job_id: str) -> None:
    await session.execute(select(Job.id).where(Job.id == job_id).with_for_update())


async def _already_sent(session: AsyncSession, job_id: str) -> bool:
    query = select(BuildNotification.id).where(
        BuildNotification.job_id == job_id, BuildNotification.sent_at.is_not(None)
    )
    return (await session.execute(query.limit(1))).first() is not None


_HOUR = timedelta(hours=1)


async def _asked_this_hour(session: AsyncSession, owner_id: str) -> tuple[int, float]:
    """How many emails the user asked for in the last hour, and seconds until one drops out."""
    since = utcnow() - _HOUR
    query = (
        select(func.count(), func.min(BuildNotification.created_at))
        .join(Job, Job.id == BuildNotification.job_id)
        .where(Job.owner_id == owner_id, BuildNotification.created_at > since)
    )
    count, oldest = (await session.execute(query)).one()
    wait = (as_utc(oldest) - since).total_seconds() if oldest is not None else 0.0
    return int(count), max(1.0, wait)


class Notifier:
    def __init__(self, settings: Settings, repository: Repository) -> None:
        self.settings = settings
        self.repository = repository
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def available(self) -> bool:
        return self.settings.email_available

    async def subscribe(self, job: Job, email: str) -> None:
        """One address per build: a later request replaces an earlier one that isn't sent yet."""
        async with self.repository.sessions.begin() as session:
            await _lock_job(session, job.id)
            if await _already_sent(session, job.id):
                raise Conflict("We've already emailed about this build.")
            await session.execute(
                delete(BuildNotification).where(
                    BuildNotification.job_id == job.id, BuildNotification.sent_at.is_(None)
                )
            )
            # Asks for the user's other builds queue behind this, so none slips past the count.
            await session.execute(select(User.id).where(User.id == job.owner_id).with_for_update())
            asked, wait_s = await _asked_this_hour(session, job.owner_id)
            if asked >= self.settings.notify_emails_per_hour:
                raise TooManyRequests(
                    f"You've asked for {asked} emails in the last hour, the most we send. "
                    "Please try again later, or keep this page open to see the build end.",
                    wait_s,
                )
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

    @patiently
    async def _claim(self, job_id: str) -> list[BuildNotification]:
        """The address to email, claimed by exactly one caller, at most once per build.

        Made again whole if the database drops under it while a build waits out an outage
        (`patiently`). If only the commit's answer was lost, the claim is found made and no
        email goes: an email is sent at most once, never twice."""
        async with self.repository.sessions.begin() as session:
            # Claims of one job queue up behind this lock, so two can't both see "none sent".
            await _lock_job(session, job_id)
            if await _already_sent(session, job_id):
                return []
            query = (
                select(BuildNotification)
                .where(BuildNotification.job_id == job_id, BuildNotification.sent_at.is_(None))
                .order_by(BuildNotification.id.desc())
                .limit(1)
            )
            newest = (await session.execute(query)).scalars().first()
            if newest is None:
                return []
            await session.execute(
                update(BuildNotification)
                .where(BuildNotification.job_id == job_id, BuildNotification.sent_at.is_(None))
                .values(sent_at=utcnow())
            )
            return [newest]

    async def _send(self, job_id: str, address: str) -> None:
        job = await self.repository.get_job(job_id)
        project = await self.repository.get_project(job.project_id, job.owner_id)
        message = EmailMessage()
        message["From"] = self.settings.smtp_from or ""
        message["To"] = address
        link = self.settings.base_url + build_path(job.project_id, job.id)
        # The subject is ours alone: the address is unconfirmed, and a name the founder chose
        # there would let anyone mail anyone a line of their choosing.
        if job.status == Stage.READY.value:
            version = version_label(job.version)
            message["Subject"] = f"Your MVP is ready ({version})"
            body = f"Good news: {project.name} {version} is built and ready to open.\n\n{link}\n"
        else:
            # A build that stopped took no version number (the next one made takes it), so
            # none is named: only the version the app is still at, if there is one.
            latest = await self.repository.latest_ready(job.project_id)
            standing = (
                f"{project.name} is still at {version_label(latest.version)}, as it was."
                if latest is not None
                else f"No version of {project.name} was made yet."
            )
            message["Subject"] = "Your build stopped: no new version was made"
            body = (
                f"The build of {project.name} stopped before it finished. {standing}\n"
                f"{job.error_message or ''}\n\nOpen it to try again:\n{link}\n\n"
                f"Reference: {job.debug_id}\n"
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
