"""Technical log lines of one job, redacted before they are stored."""

from __future__ import annotations

from livebuild.safety.redact import redact_log
from livebuild.settings import Settings
from livebuild.store.repository import Repository

MAX_LINES_PER_JOB = 5000
MAX_LINE_CHARS = 2000


class JobLog:
    def __init__(self, repository: Repository, job_id: str, roots: tuple[str, ...]) -> None:
        self._repository = repository
        self._job_id = job_id
        self._roots = roots
        self._count = 0

    async def write(self, *lines: str) -> None:
        kept = []
        for line in lines:
            for part in line.splitlines() or [""]:
                if self._count >= MAX_LINES_PER_JOB:
                    break
                self._count += 1
                kept.append(redact_log(part[:MAX_LINE_CHARS], self._roots))
        await self._repository.append_logs(self._job_id, kept)


def job_log(repository: Repository, settings: Settings, job_id: str) -> JobLog:
    """The job's log, with its workspace and the data dir hidden from every line."""
    job_dir = settings.workspaces_dir / job_id
    return JobLog(repository, job_id, (str(job_dir), str(settings.data_dir)))
