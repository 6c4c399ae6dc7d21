"""What a version's page says first about the change it was asked to make."""

from __future__ import annotations

from dataclasses import dataclass, field

from livebuild.core.stages import Stage
from livebuild.core.urls import version_label
from livebuild.store.db.models import Job

READ_BY = {
    "rules": "Read by the built-in reader.",
    "local": "Read by the language model on this machine.",
    "model": "Read by your connected language model.",
}


@dataclass(frozen=True)
class ChangeOutcome:
    """The request, what was made and not, and the version that runs if it failed."""

    request: str | None
    restored_from: str | None
    made: list[str] = field(default_factory=list)
    unmade: list[str] = field(default_factory=list)
    suggestion: str | None = None
    still_runs: str | None = None
    still_runs_url: str | None = None
    # Each unsure reading, with the request that would make it: {"text", "change_request"}.
    suggestions: list[dict[str, str]] = field(default_factory=list)
    # A first version brought over from another project's version (a duplicate).
    copied: bool = False
    # Who read the request: "rules", "local" or "model".
    reader: str = "rules"

    @property
    def read_by(self) -> str:
        """Who read the request, in the founder's words."""
        return READ_BY.get(self.reader, READ_BY["rules"])

    @property
    def is_change(self) -> bool:
        return self.request is not None or self.restored_from is not None or self.copied

    @property
    def title(self) -> str:
        """The completion hero's heading."""
        if self.copied:
            return "Your copy is ready"
        if self.restored_from:
            return f"{self.restored_from} is back"
        if self.request is None:
            return "Your MVP is ready"
        if self.unmade and self.made:
            return "Part of your change is ready"
        if self.unmade:
            return "Your change wasn't made"
        return "Your change is ready"


def change_outcome(job: Job, jobs: list[Job]) -> ChangeOutcome:
    """`jobs`: every build of the job's project, oldest first."""
    notes = job.change_notes or {}
    earlier = [j for j in jobs if j.version < job.version and j.status == Stage.READY.value]
    still = earlier[-1] if earlier else None
    copied = job.restored_from is not None and job.version == 1
    return ChangeOutcome(
        request=job.change_request,
        restored_from=version_label(job.restored_from)
        if job.restored_from and not copied
        else None,
        copied=copied,
        suggestions=_suggestions(notes.get("suggestions")),
        made=[str(line) for line in notes.get("made") or []],
        unmade=[str(line) for line in notes.get("unmade") or []],
        suggestion=notes.get("suggestion"),
        still_runs=version_label(still.version) if still else None,
        still_runs_url=(f"/projects/{still.project_id}/build?job_id={still.id}" if still else None),
        reader=str(notes.get("reader") or "rules"),
    )


def _suggestions(offered: object) -> list[dict[str, str]]:
    """The suggestions a change's notes offer, each one a request that can be sent as is."""
    if not isinstance(offered, list):
        return []
    return [
        {"text": str(s["text"]), "change_request": str(s["change_request"])}
        for s in offered
        if isinstance(s, dict) and s.get("text") and s.get("change_request")
    ]
