"""A field asked for as a place to keep something ("where do I put a dog's microchip number?"),
read by its grammar on the real spaCy pipeline against the plan's own record kinds, and made as
the plain "add X to Y" it restates, of the kind its name says. No app is started."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief import Brief
from livebuild.brief.change_place_for import place_asked_for
from livebuild.brief.changes import apply_change

pytestmark = pytest.mark.spacy

PLANS, _ = load()
WALKERS = PLANS["walkers"]


def _fields(brief: Brief, plural: str) -> dict[str, str]:
    entity = next(e for e in brief.entities if e.plural == plural)
    return {f.label: f.kind for f in entity.fields}


@pytest.mark.parametrize(
    ("request_text", "plural", "label", "kind"),
    [
        (
            "where am I supposed to put a dog's microchip number?",
            "Dogs",
            "Microchip number",
            "text",
        ),
        ("owners don't have anywhere for the gate code!", "Owners", "Gate code", "text"),
        ("there's nowhere to note the pickup time on walks", "Walks", "Pickup time", "time"),
        ("where do I record a dog's vaccination date", "Dogs", "Vaccination date", "date"),
    ],
)
def test_a_place_asked_for_is_a_field_of_the_record_it_names(
    request_text: str, plural: str, label: str, kind: str
) -> None:
    result = apply_change(WALKERS, request_text)
    assert _fields(result.brief, plural).get(label) == kind, (result.made, result.unmade)


@pytest.mark.parametrize(
    "request_text", ["where is the dogs page?", "where do I put it?", "put walks first"]
)
def test_a_question_that_asks_for_no_place_to_keep_a_thing_is_left_alone(
    request_text: str,
) -> None:
    assert place_asked_for(WALKERS, request_text) is None
