"""How far a build's user guide has got; stored on the job and served as `docs.status`."""

from __future__ import annotations

import enum


class GuideStatus(enum.StrEnum):
    PENDING = "pending"
    GENERATING = "generating"
    COMPLETE = "complete"
    PARTIAL = "partial"
    FAILED = "failed"
    # Not stored: answered when the guide is switched off in settings.
    DISABLED = "disabled"
