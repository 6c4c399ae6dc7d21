"""When the app can't text or email, the phone number or email address it offers to keep goes
on the people the founder named ("text the customers" offers Customers), not on the plan's
first kind of people (Members)."""

from __future__ import annotations

import pytest

from bench.changes import _plan
from livebuild.brief.changes import apply_change

CLUB = _plan(
    {
        "idea": "A dance school: classes, members, customers and tenants.",
        "product_name": "Step Up",
        "tagline": "Dance",
        "features": ["Keep classes"],
        "entities": [
            {"singular": "Class", "plural": "Classes", "fields": [["Title", "text"]]},
            {"singular": "Member", "fields": [["Name", "text"]]},
            {"singular": "Customer", "fields": [["Name", "text"]]},
            {"singular": "Tenant", "fields": [["Name", "text"]]},
        ],
    }
)


@pytest.mark.parametrize(
    ("request_", "named"),
    [
        ("text the customers when the job is done", "Customers"),
        ("send each customer a text message", "Customers"),
        ("email our tenants every month", "Tenants"),
        # Nobody named: the plan's people, as before.
        ("text me when a class is cancelled", "Members"),
    ],
)
def test_the_offer_names_the_people_the_founder_named(request_: str, named: str) -> None:
    result = apply_change(CLUB, request_)
    assert not result.operations
    assert result.suggestions, result.unmade
    assert result.suggestions[0].change_request.endswith(f" to {named}")
    assert f" to {named}\u201d" in " ".join(result.unmade)
