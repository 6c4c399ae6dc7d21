""" "make FIELD a X" reads X as the plan reads a field's name: "a phone number" is a phone
(once a number), "a mobile" a phone, "a web address" or a website's "link" a web address, "an
amount" money, "a date" a date. Requests written for these tests; none is from a held-out
round."""

from __future__ import annotations

import pytest

from bench.changes import _plan
from livebuild.brief.changes import apply_change

STUDIO = _plan(
    {
        "idea": "A yoga studio: classes and teachers.",
        "product_name": "Still",
        "tagline": "Breathe",
        "features": ["Keep classes"],
        "entities": [
            {
                "singular": "Class",
                "fields": [
                    ["Title", "text"],
                    ["Teacher", "text"],
                    ["Start", "text"],
                    ["Deposit", "text"],
                    ["Website", "text"],
                    ["Contact", "text"],
                ],
            },
            {"singular": "Retreat", "fields": [["Title", "text"], ["Teacher", "text"]]},
        ],
    }
)


@pytest.mark.parametrize(
    ("request_", "label", "kind"),
    [
        ("make teacher a phone number on classes", "Teacher", "phone"),
        ("change the contact field to a mobile number", "Contact", "phone"),
        ("make contact a telephone number", "Contact", "phone"),
        ("make the deposit an amount", "Deposit", "money"),
        ("make start a date", "Start", "date"),
        ("make website a link", "Website", "url"),
        ("make website a web address", "Website", "url"),
        ("make contact an email address", "Contact", "email"),
    ],
)
def test_the_kind_said_after_make_is_the_fields_kind(request_: str, label: str, kind: str) -> None:
    result = apply_change(STUDIO, request_)
    classes = next(e for e in STUDIO.entities if e.plural == "Classes")
    made = next(e for e in result.brief.entities if e.plural == "Classes")
    assert {f.label: f.kind for f in made.fields}[label] == kind, (result.made, result.unmade)
    others = [f for f in made.fields if f.label != label]
    assert others == [f for f in classes.fields if f.label != label]


def test_the_kind_of_the_kind_said_after_the_new_kind_is_the_one_changed() -> None:
    result = apply_change(STUDIO, "make teacher a phone number on retreats")
    kinds = {e.plural: {f.label: f.kind for f in e.fields} for e in result.brief.entities}
    assert kinds["Retreats"]["Teacher"] == "phone" and kinds["Classes"]["Teacher"] == "text"


def test_a_plain_number_is_still_a_number() -> None:
    result = apply_change(STUDIO, "make deposit a number")
    made = next(e for e in result.brief.entities if e.plural == "Classes")
    assert {f.label: f.kind for f in made.fields}["Deposit"] == "number"
