"""Which of the founder's guide edits a later version keeps.

A section the founder rewrote stays theirs in the next version, unless the part
of the plan that section describes changed: then the old wording would be wrong,
and the freshly written section is the honest one.
"""

from __future__ import annotations

from typing import Any

from livebuild.guide.sections import SECTIONS

# The plan's keys each section is written from.
SECTION_SOURCES: dict[str, tuple[str, ...]] = {
    "overview": ("product_name", "tagline", "target_users", "problem"),
    "features": ("product_name", "features", "entities"),
    "getting_started": ("product_name", "entities"),
    "faq": ("product_name", "features", "entities"),
}


def _plan_part(brief: dict[str, Any] | None, keys: tuple[str, ...]) -> list[Any]:
    brief = brief or {}
    return [brief.get(key) for key in keys]


def carried_edits(
    edits: dict[str, str], before: dict[str, Any] | None, after: dict[str, Any] | None
) -> dict[str, str]:
    """The edits of the version built `before` that still hold for the one built `after`."""
    # Each version has its own "What's New": an edit of it never carries forward.
    return {
        section: text
        for section, text in edits.items()
        if section in SECTIONS
        and _plan_part(before, SECTION_SOURCES[section])
        == _plan_part(after, SECTION_SOURCES[section])
    }
