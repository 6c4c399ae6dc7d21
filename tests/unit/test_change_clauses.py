"""A new page's fields said as clauses ("who it was, when, whether first aid was given") are
read by their grammar on the real spaCy pipeline: each becomes a field of the right kind, named
by what it asks, and none is dropped. No app is started."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief.change_clauses import clause_field
from livebuild.brief.changes import apply_change

pytestmark = pytest.mark.spacy

PLANS, _ = load()
WALKERS = PLANS["walkers"]


@pytest.mark.parametrize(
    ("item", "spec"),
    [
        ("whether the lead was returned", ("Lead returned", "boolean", ())),
        ("if we've recieved the deposit yet", ("Deposit received", "boolean", ())),
        ("whether I rang them back", ("Rung", "boolean", ())),
        ("whether it was signed off", ("Signed off", "boolean", ())),
        ("when", ("Date", "date", ())),
        ("when it happened", ("Date", "date", ())),
        ("how many bags we collected", ("Number of bags", "number", ())),
        ("what we paid", ("Amount paid", "money", ())),
        ("on or off", ("On or off", "choice", ("On", "Off"))),
    ],
)
def test_a_field_said_as_a_clause_is_named_by_what_it_asks(
    item: str, spec: tuple[str, str, tuple[str, ...]]
) -> None:
    assert clause_field(item) == spec


@pytest.mark.parametrize(
    "item", ["the dog", "what it cost", "what the vet charged", "which walker", "who it was"]
)
def test_an_item_that_is_no_clause_we_read_is_left_to_the_rules(item: str) -> None:
    assert clause_field(item) is None


def test_a_new_page_keeps_every_field_said_as_a_clause() -> None:
    result = apply_change(
        WALKERS,
        "I need to keep a log of incidents: which dog, when, what happened and whether the "
        "owner was told",
    )
    added = result.brief.entities[-1]
    kinds = {f.label: f.kind for f in added.fields}
    assert kinds.get("Date") == "date", kinds
    assert kinds.get("Owner told") == "boolean", kinds
    assert "What happened" in kinds and "Dog" in kinds, kinds
