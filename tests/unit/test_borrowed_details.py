"""A record the catalogue knows from another business keeps only details that fit this idea:
never a way to reach someone the founder never mentioned."""

from __future__ import annotations

from livebuild.brief import Brief
from livebuild.brief.plan import offline_plan

POTTERY = (
    "I run evening pottery classes in my garage for adults. Students sign up for a class and "
    "pay for a block of 6 weeks. Classes have a date and a max of 8 students."
)


def _labels(brief: Brief, plural: str) -> list[str]:
    entity = next(e for e in brief.entities if e.plural == plural)
    return [f.label for f in entity.fields]


def test_adult_students_have_no_guardian_to_email() -> None:
    # Adult pottery students were once given a "Guardian email" from a school's students.
    labels = _labels(offline_plan(POTTERY), "Students")
    assert not any("guardian" in label.lower() for label in labels)
    assert "Name" in labels


def test_a_guardian_the_founder_mentions_is_kept() -> None:
    idea = POTTERY.replace("for adults", "for teenagers; guardians get reminders")
    labels = _labels(offline_plan(idea), "Students")
    assert "Guardian email" in labels
