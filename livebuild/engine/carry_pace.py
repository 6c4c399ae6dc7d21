"""When a running app's records are copied to the private area: soon after its writes settle.

A founder's edit is a burst of writes to the app's SQLite files (the database, its journal
or write-ahead log). A write wakes the host where inotify is had (`carry_watch.py`: the
app's data folder is watched from the host side, which hears writes made inside the
sandbox); then, and while its copy is due, the app's files are looked at (a `stat` of each,
nothing read) every `look_s`. An idle app is not looked at at all. Where its writes can't be
heard, its files are looked at every `look_s` instead. Once they have stopped changing for
`settle_s`, the records are copied. Writes that never stop (an import, a busy app) are
copied at least every `longest_s`. Copying a large database costs time, so an app is never
copied more often than that cost allows: the gap after a copy is the time it took divided
by `SHARE`, so copying takes at most that share of the time however busy the app is.

Heard writes are looked at together, no sooner than `gap_s` (half of `look_s`) after the
last look: an app at work (being built, an import) writes many times a second, and
looking at each write was about a tenth of a worker's CPU.

So a machine lost right after an edit loses at most `settle_s` and `gap_s` (`look_s` where
writes can't be heard) and the copy's own time (or the gap, when a copy of the same app has
only just ended).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from livebuild.engine.carry import IMAGE, NAMES

# Copying takes at most this share of the time an app runs, however busy it is.
SHARE = 0.1

Signature = tuple[tuple[str, int, int], ...]


def data_signature(source: Path, live: Path | None) -> Signature:
    """What the records of the version in the workspace folder `source` are now, as the
    size and time of each of its files: any write changes it."""
    paths = [live / n for n in NAMES] if live is not None else []
    paths += [source / "data" / n for n in NAMES] + [source / IMAGE]
    seen = []
    for path in paths:
        try:
            info = os.stat(path, follow_symlinks=False)
        except OSError:
            continue
        seen.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(seen)


@dataclass
class _App:
    signature: Signature
    changed_at: float
    waiting_since: float | None
    copied_at: float = float("-inf")
    took: float = 0.0


class Pacer:
    """Which running apps' records are due a copy, from what their files look like."""

    def __init__(self, settle_s: float, longest_s: float) -> None:
        self.settle_s = settle_s
        self.longest_s = longest_s
        self.look_s = min(1.0, max(0.1, settle_s / 2))
        # Heard writes are looked at no sooner than this after the last look.
        self.gap_s = self.look_s / 2
        self._apps: dict[str, _App] = {}

    def due(self, job_id: str, signature: Signature, now: float) -> bool:
        """Whether `job_id`'s records, whose files are `signature` at `now`, are copied now."""
        app = self._apps.get(job_id)
        if app is None:
            # Seen for the first time (started, woken): the copy is asked whether it is
            # as new as the records, once.
            app = self._apps[job_id] = _App(signature, now, now)
        elif app.signature != signature:
            app.signature, app.changed_at = signature, now
            if app.waiting_since is None:
                app.waiting_since = now
        if app.waiting_since is None:
            return False
        if now - app.copied_at < app.took / SHARE:
            return False  # the last copy was costly and has only just ended
        settled = now - app.changed_at >= self.settle_s
        return settled or now - app.waiting_since >= self.longest_s

    def copied(self, job_id: str, took: float, now: float) -> None:
        """`job_id`'s records were copied (or found as new as their copy), taking `took`
        seconds: what changed while it ran is seen at the next look."""
        app = self._apps.get(job_id)
        if app is not None:
            app.waiting_since, app.copied_at, app.took = None, now, took

    def failed(self, job_id: str, took: float, now: float) -> None:
        """The copy could not be written: it is tried again after the same gap."""
        app = self._apps.get(job_id)
        if app is not None:
            app.copied_at, app.took = now, max(took, self.settle_s * SHARE)

    def waiting(self) -> set[str]:
        """The apps whose changed records wait for their copy (looked at until copied)."""
        return {job_id for job_id, app in self._apps.items() if app.waiting_since is not None}

    def running(self, job_ids: list[str]) -> None:
        """Forget the apps that no longer run here (their stop keeps their records)."""
        for gone in set(self._apps) - set(job_ids):
            del self._apps[gone]
