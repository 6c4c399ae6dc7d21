"""The offline plan: a brief read from the idea, or a plain refusal when it can't be read."""

from __future__ import annotations

from livebuild.brief.derive import derive_brief
from livebuild.brief.model import Brief


def offline_plan(idea: str, name: str | None = None) -> Brief:
    return derive_brief(idea, name)
