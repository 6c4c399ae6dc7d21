"""What a founder wants to know about a finished build, in their terms.

Counted from the plan the build was made from, the way the generated app uses
it: its pages, the things it keeps track of and the examples it starts with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from livebuild.appgen.spec import build_spec
from livebuild.brief import Brief
from livebuild.core.clock import seconds_between
from livebuild.store.db.models import Job

# Home, dashboard and about, then a list, a form and a detail page per thing tracked.
FIXED_PAGES = 3
PAGES_PER_THING = 3


@dataclass(frozen=True)
class BuildStats:
    elapsed_s: float | None
    pages: int | None
    tracks: tuple[str, ...]
    records: int | None
    # Built from an earlier version of the same project (a change or a restore): the app
    # opens on the founder's own records, carried over, not on a fresh set of examples.
    carried: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "elapsed_s": self.elapsed_s,
            "pages": self.pages,
            "tracks": list(self.tracks),
            "records": self.records,
            "carried": self.carried,
        }


def build_stats(job: Job) -> BuildStats:
    elapsed = (
        round(seconds_between(job.started_at, job.finished_at), 1)
        if job.started_at and job.finished_at
        else None
    )
    carried = job.version > 1
    if job.brief is None:
        return BuildStats(elapsed, None, (), None, carried)
    try:
        spec = build_spec(Brief.from_dict(job.brief))
    except (KeyError, TypeError, ValueError):
        return BuildStats(elapsed, None, (), None, carried)
    return BuildStats(
        elapsed_s=elapsed,
        pages=FIXED_PAGES + PAGES_PER_THING * len(spec.entities),
        tracks=tuple(str(entity["plural"]) for entity in spec.entities),
        records=sum(len(entity["seed"]) for entity in spec.entities),
        carried=carried,
    )
