"""A field asked "as a web address" (or as any kind the plan has) is that kind, named by what
comes before "to": "add a website to members as a web address" adds Website, a web address,
on Members, never a text field called "Website to members"."""

from __future__ import annotations

import pytest

from bench.changes import _plan
from livebuild.brief.change_ops import AddField
from livebuild.brief.changes import apply_change

SCHOOL = _plan(
    {
        "idea": "A dance school: classes, members and customers.",
        "product_name": "Step Up",
        "tagline": "Dance",
        "features": ["Keep classes"],
        "entities": [
            {"singular": "Class", "plural": "Classes", "fields": [["Title", "text"]]},
            {"singular": "Member", "fields": [["Name", "text"], ["Email", "email"]]},
            {"singular": "Customer", "fields": [["Name", "text"], ["Email", "email"]]},
        ],
    }
)


@pytest.mark.parametrize(
    ("request_", "label", "kind"),
    [
        ("add a website to members as a web address", "Website", "url"),
        ("add website to members as a url", "Website", "url"),
        ("add a price to members as a number", "Price", "number"),
        ("add a start to classes as a date and time", "Start", "datetime"),
        ("add a paid field to customers as a yes or no", "Paid", "boolean"),
        ("add a website to members", "Website", "url"),
        ("add a web address to members", "Web address", "url"),
        # A phone "as a number" is a phone number: "+44 7700 900123" is no number to add up.
        ("add a phone to customers as a number", "Phone", "phone"),
    ],
)
def test_a_field_asked_as_a_kind_is_that_kind(request_: str, label: str, kind: str) -> None:
    result = apply_change(SCHOOL, request_)
    added = [op for op in result.operations if isinstance(op, AddField)]
    assert [(op.label, op.kind) for op in added] == [(label, kind)], result.made
    # "Added website to Members." (a yes-or-no says so: "Added paid (yes or no) to …").
    assert result.made[0].startswith(f"Added {label.lower()} ")
    assert result.made[0].endswith(f" to {_owner(request_)}.")
    assert result.made[0].count(" to ") == 1


def _owner(request_: str) -> str:
    return next(p for p in ("Members", "Classes", "Customers") if p.lower() in request_)
