"""A field's kind wished for in passing ("can it be a number", "could Notes be a bigger box"),
read by its grammar on the real spaCy pipeline: "it" is the field said just before, in the same
sentence or the one before; a sentence that only says what a field is changes nothing."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief import Brief
from livebuild.brief.change_kind_said import kind_said
from livebuild.brief.changes import apply_change

pytestmark = pytest.mark.spacy

PLANS, _ = load()
WALKERS, TUTORING = PLANS["walkers"], PLANS["tutoring"]


def _kind(brief: Brief, plural: str, label: str) -> str:
    entity = next(e for e in brief.entities if e.plural == plural)
    return next(f.kind for f in entity.fields if f.label == label)


@pytest.mark.parametrize(
    ("plan", "request_text", "plural", "label", "kind"),
    [
        (
            "tutoring",
            "length on lessons is a number but we write 1h 30 - can it be text",
            "Lessons",
            "Length",
            "text",
        ),
        (
            "walkers",
            "Age on dogs is a number. Make it free text, we write 'about 4'",
            "Dogs",
            "Age",
            "text",
        ),
        (
            "tutoring",
            "Year group on students - could it be a bigger box?",
            "Students",
            "Year group",
            "longtext",
        ),
        ("walkers", "the owner's address should be normal text", "Owners", "Address", "text"),
    ],
)
def test_a_kind_wished_for_in_passing_is_made(
    plan: str, request_text: str, plural: str, label: str, kind: str
) -> None:
    result = apply_change(PLANS[plan], request_text)
    assert _kind(result.brief, plural, label) == kind, (result.made, result.unmade)


def test_saying_what_a_field_is_changes_nothing() -> None:
    assert kind_said(WALKERS, "Age on dogs is text at the moment") == []
    assert kind_said(WALKERS, "the price is money") == []


def test_it_with_no_field_said_before_changes_nothing() -> None:
    assert kind_said(TUTORING, "can it be a number") == []
