"""The offline plan: a brief read from the idea, or a plain refusal when it can't be read."""

from __future__ import annotations

from livebuild.brief.derive import derive_brief
from livebuild.brief.model import Brief
from livebuild.brief.readable import check_readable


def offline_plan(idea: str, name: str | None = None) -> Brief:
    """The brief for `idea`; raises `UnreadableIdea` (a 422) when it is too vague or not English."""
    check_readable(idea)
    return derive_brief(idea, name)
