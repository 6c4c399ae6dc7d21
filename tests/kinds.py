"""The record kinds the rules read in an idea, as tests compare them."""

from __future__ import annotations

from livebuild.brief.derive import derive_brief
from livebuild.brief.plan import offline_plan


def derived_kinds(idea: str) -> list[str]:
    """The kinds the rules derive from `idea`, as a founder sees them (plural, in order)."""
    return [e.plural for e in derive_brief(idea).entities]


def kind_words(idea: str) -> set[str]:
    """The same kinds, lower-cased, for comparing as sets."""
    return {kind.lower() for kind in derived_kinds(idea)}


def planned_kinds(idea: str) -> list[str]:
    """The kinds of the offline plan for `idea`, which refuses an idea that keeps no records."""
    return [e.plural for e in offline_plan(idea).entities]
