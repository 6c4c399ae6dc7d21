"""Offline narration: one calm, first-person sentence per stage, specific to the brief."""

from __future__ import annotations

from livebuild.brief import Brief
from livebuild.core.stages import Stage
from livebuild.english.grammar import with_article


def lower_first(text: str) -> str:
    """Lower-case the first letter mid-sentence, leaving acronyms ("HR teams") alone."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _join(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def offline_narration(brief: Brief, stage: Stage, attempt: int = 1) -> str:
    name = brief.product_name
    entities = [entity.plural.lower() for entity in brief.entities]
    record = brief.entities[0].singular.lower() if brief.entities else "record"
    # Only what the build really makes is named: the idea's other wishes may not be built.
    first_list = f"the {entities[0]} list" if entities else f"the heart of {name}"
    if stage is Stage.SCAFFOLD and attempt > 1:
        return (
            f"We spotted a rough edge in {name} during testing, so we're rebuilding "
            "the foundations carefully before trying again."
        )
    lines = {
        Stage.QUEUED: f"We've got your idea for {name} and we're lining up the team.",
        Stage.STARTING: (
            f"We're setting up a fresh workspace for {name}, "
            f"built for {lower_first(brief.target_users.rstrip('.'))}."
        ),
        Stage.SCAFFOLD: (
            f"We're laying out {name}'s home page and look, "
            f"so it says \u201c{brief.tagline}\u201d from the first glance."
        ),
        Stage.CODE: (
            f"We're building {name}'s pages for {_join(entities) or 'your records'}, "
            f"starting with {first_list}."
        ),
        Stage.DEPS: (
            f"We're adding a dashboard and search so {name} feels complete"
            + (f", with totals for your {_join(entities)}." if entities else ".")
        ),
        Stage.CHECKS: (
            f"We're trying {name} the way your users will: opening every page "
            f"and saving {with_article('new ' + record)}."
        ),
        Stage.READY: f"{name} is up and running. We're proud of this one.",
        Stage.FAILED: f"We hit a problem building {name} and stopped safely.",
    }
    return lines[stage]
