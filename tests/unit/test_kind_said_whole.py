"""A field's kind said as "X should be a KIND" where the kind's whole name says it ("a phone
number" is a phone, not a number; "an email address" an email), as "make X a phone number"
reads it; a field the request doesn't name surely is never changed on a guess. Read by the
rules on the real spaCy pipeline; no app is started."""

from __future__ import annotations

import pytest

from livebuild.brief.changes import apply_change
from tests.unit.founder_plans import field_of, said
from tests.unit.founder_plans import plan as _plan

pytestmark = pytest.mark.spacy

CLUB = _plan(
    "a sea swimming club: members, swims and who came",
    [
        {
            "singular": "Member",
            "fields": [["Name", "text"], ["Emergency contact", "text"], ["Contact", "text"]],
        },
        {"singular": "Swim", "fields": [["Title", "text"], ["Organiser", "text"]]},
    ],
)


@pytest.mark.parametrize(
    ("request_text", "label", "kind"),
    [
        ("Emergency contact should be a phone number, not just any words", "Emergency contact",
         "phone"),
        ("emergency contact should be a mobile number", "Emergency contact", "phone"),
        ("the organiser on swims should be an email address", "Organiser", "email"),
        ("could the emergency contact be a phone number?", "Emergency contact", "phone"),
    ],
)  # fmt: skip
def test_should_be_a_kind_named_whole_makes_that_kind(
    request_text: str, label: str, kind: str
) -> None:
    result = apply_change(CLUB, request_text)
    plural = "Swims" if label == "Organiser" else "Members"
    assert field_of(result, plural, label).kind == kind, said(result)


def test_a_field_said_unsurely_is_not_changed_on_a_guess() -> None:
    result = apply_change(CLUB, "the contact thing should be a phone number")
    changed = [f for e in result.brief.entities for f in e.fields if f.kind == "phone"]
    assert len(changed) <= 1, said(result)
    if changed:
        assert changed[0].label == "Contact"
