"""Planning the next version of an app: a change applied to the latest, or an old one restored."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from livebuild.brief import Brief
from livebuild.brief.model_change import ChangeReader
from livebuild.core.clock import utcnow
from livebuild.core.errors import Conflict, NotFound, Unprocessable
from livebuild.core.stages import Stage
from livebuild.core.urls import version_label
from livebuild.engine.carry import data_notes
from livebuild.store.db.models import Job, Project
from livebuild.store.repository import Repository

# Whether a version's records can be carried now (kept here, or by a machine that answers).
# True when the records are reachable, False when they aren't, or when the private area's
# copy of them was written (seconds since the epoch) when only that copy is.
Reach = Callable[[Job], Awaitable[bool | float]]

_VERSION = re.compile(r"^\s*v?(?:0\.)?(?P<n>\d{1,6})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NextVersion:
    """What `create_job` needs beyond the project: the plan and where it comes from."""

    change_request: str | None = None
    brief: dict[str, Any] | None = None
    base_job_id: str | None = None
    restored_from: int | None = None
    change_notes: dict[str, Any] | None = None


def parse_version(label: str) -> int:
    match = _VERSION.match(label)
    if match is None:
        raise Unprocessable(f"\u201c{label[:40]}\u201d isn't a version; versions look like v0.1.")
    return int(match["n"])


async def unreachable(repository: Repository, project_id: str, reach: Reach | None) -> list[str]:
    """A plain warning, before a new version runs, when the records it would start from
    are on a machine that isn't answering."""
    latest = await repository.latest_ready(project_id)
    if reach is None or latest is None:
        return []
    reached = await reach(latest)
    if reached is True:
        return []
    label = version_label(latest.version)
    if reached is False:
        return [
            f"The records kept in {label} can't be reached right now (the machine that keeps"
            " them isn't answering), so this version starts without them."
        ]
    return [
        f"The machine that keeps the records of {label} isn't answering, so this version"
        f" starts from the copy of them kept {_ago(reached)}: anything added after that"
        " can't be carried."
    ]


def _ago(when: float) -> str:
    minutes = max(0, round((utcnow().timestamp() - when) / 60))
    if minutes < 1:
        return "less than a minute ago"
    if minutes < 120:
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    hours = round(minutes / 60)
    return f"{hours} hours ago" if hours < 48 else f"{round(hours / 24)} days ago"


async def plan_change(
    repository: Repository,
    project: Project,
    request: str,
    reader: ChangeReader | None = None,
    reach: Reach | None = None,
    target: dict[str, Any] | None = None,
    *,
    reads_requests: bool = False,
) -> NextVersion:
    """The next version's plan: the latest ready one with `request` (aimed at `target`, when
    pointed at) read (by `reader`'s model where one is given, else the rules) and made.
    `reads_requests`: the runner reads the request itself, so what the plan's reading left
    unchanged is no answer that the app already does it."""
    base = await repository.latest_ready(project.id)
    if base is None or base.manifest is None:
        # Nothing finished to change yet: the request shapes a fresh build of the plan.
        return NextVersion(change_request=request)
    plan = Brief.from_dict(base.brief if base.brief is not None else project.brief)
    result = await (reader or ChangeReader(None, 0.0))(plan, request)
    if (
        same_request(base.change_request, request, _target(base), target)
        and result.brief.to_dict() == plan.to_dict()
        and await _changed_plan(repository, base)
    ):
        raise Conflict(
            f"{version_label(base.version)} already made this change, so no new version was"
            " made. To change it further, say what else should change."
        )
    if not reads_requests and result.already_there(plan):
        # "walkers should have a notes box" beside Notes: nothing to make, so no version that
        # changes nothing (made, or failed as "Not made") is added to the list. A runner that
        # reads requests may make what the plan's reading didn't ("and make the text bigger").
        raise Conflict(already_done(result.made + result.unmade, version_label(base.version)))
    # What happens to the records already kept is said before the change runs.
    kept = data_notes(plan, result.brief, version_label(base.version)) if result.made else []
    if result.made:
        kept += await unreachable(repository, project.id, reach)
    return NextVersion(
        change_request=request,
        brief=result.brief.to_dict(),
        base_job_id=base.id,
        change_notes={**result.notes(), "made": [*result.made, *kept], "target": target},
    )


def already_done(said: list[str], label: str) -> str:
    """The plain answer to a change the app already has: what is there, where a line says it
    ("Walkers already keep Notes."), and that no version was made."""
    there = " ".join(line for line in said if "already" in line.lower())
    return f"Your app already does that, so no new version was made ({label} is unchanged)." + (
        f" {there}" if there else ""
    )


def same_request(
    asked: str | None,
    again: str,
    asked_at: dict[str, Any] | None = None,
    again_at: dict[str, Any] | None = None,
) -> bool:
    """Whether `again` asks in the same words as `asked`, whatever their case, spacing or
    punctuation ("Use a dark theme." and "use a dark theme"), pointed at the same thing
    (`asked_at`, `again_at`: "make this bigger" said of two things is two changes)."""
    return asked is not None and _words(asked) == _words(again) and asked_at == again_at


def _target(job: Job) -> dict[str, Any] | None:
    target = (job.change_notes or {}).get("target")
    return target if isinstance(target, dict) else None


async def _changed_plan(repository: Repository, job: Job) -> bool:
    """Whether `job`'s change changed the plan: then reading it again, when that changes
    nothing, is a repeat. A change made in the code alone may be asked for again."""
    if job.base_job_id is None or job.restored_from is not None or job.brief is None:
        return False
    try:
        before = await repository.get_job(job.base_job_id)
    except NotFound:
        return False
    if before.brief is None:
        return False
    return Brief.from_dict(before.brief).to_dict() != Brief.from_dict(job.brief).to_dict()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


async def refuse_repeat(
    repository: Repository,
    project: Project,
    request: str,
    target: dict[str, Any] | None = None,
) -> None:
    """A plain refusal when the build under way is making this very change, aimed at the
    same `target` (a double click, a resend): one version is made of it, not two."""
    if project.active_job_id is None:
        return
    try:
        active = await repository.get_job(project.active_job_id)
    except NotFound:
        return
    if same_request(active.change_request, request, _target(active), target):
        raise Conflict(
            f"{version_label(active.version)} is already making this change: it will be"
            " ready in a moment, so there's no need to ask again."
        )


async def plan_restore(
    repository: Repository, project: Project, label: str, reach: Reach | None = None
) -> NextVersion:
    number = parse_version(label)
    old = await repository.job_by_version(project.id, number)
    if old is None:
        raise NotFound("version")
    if old.status != Stage.READY.value or old.manifest is None:
        raise Conflict(
            f"{version_label(number)} didn't finish, so there is nothing to restore; "
            "pick a version that is ready."
        )
    return NextVersion(
        brief=old.brief if old.brief is not None else project.brief,
        base_job_id=old.id,
        restored_from=number,
        change_notes={
            "made": [
                f"Brought back {version_label(number)} exactly as it was.",
                *await unreachable(repository, project.id, reach),
            ],
            "unmade": [],
            "suggestion": None,
        },
    )


def changed_nothing(job: Job) -> bool:
    """A change request of which not one part could be made."""
    notes = job.change_notes or {}
    return job.restored_from is None and not notes.get("made") and bool(notes.get("unmade"))
