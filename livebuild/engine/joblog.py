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
        self._pending: list[str] = []
        # While the build runs, what its app prints waits for the build's next write.
        self.building = True

    async def write(self, *lines: str) -> None:
        """Store the lines now (with any held for later, first)."""
        await self._repository.append_logs(self._job_id, self.take(*lines))

    async def app_output(self, line: str) -> None:
        """A line the app printed: while the build runs, kept for the end of the stage under
        way (an app prints as it starts, at every stage); once it ended, stored at once."""
        if self.building:
            self.later(line)
        else:
            await self.write(line)

    def later(self, *lines: str) -> None:
        """Keep the lines for the build's next write: the end of the stage under way
        stores them with its event, one round trip for all of them."""
        self._pending.extend(self.prepared(*lines))

    def take(self, *lines: str) -> list[str]:
        """The lines held for later and these, for a caller that stores them itself."""
        taken, self._pending = [*self._pending, *self.prepared(*lines)], []
        return taken

    def prepared(self, *lines: str) -> list[str]:
        """The lines as the log keeps them (redacted, cut, counted), for a caller that
        writes them itself beside something else (`store.stage_writes.log_lines`)."""
        kept = []
        for line in lines:
            for part in line.splitlines() or [""]:
                if self._count >= MAX_LINES_PER_JOB:
                    break
                self._count += 1
                kept.append(redact_log(part[:MAX_LINE_CHARS], self._roots))
        return kept


def job_log(repository: Repository, settings: Settings, job_id: str) -> JobLog:
    """The job's log, with its workspace and the data dir hidden from every line."""
    job_dir = settings.workspaces_dir / job_id
    return JobLog(repository, job_id, (str(job_dir), str(settings.data_dir)))
