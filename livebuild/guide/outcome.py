"""What a change really made, known only once the new version passed its checks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChangeOutcome:
    """The founder's words for what the change made and could not make.

    `reported` is set when the runner said itself what it made (a model answering the
    request): then its own lines, not a comparison of plans, say what changed.
    """

    made: tuple[str, ...] = ()
    unmade: tuple[str, ...] = ()
    reported: bool = False
