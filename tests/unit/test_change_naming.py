"""A rename said as what people call a thing ("round here we say berths, not moorings"), read
by its grammar on the real spaCy pipeline against the plan's own names, and made as the plain
rename it restates; a sentence that only says something is left alone. No app is started."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief.change_naming import renamed_by_naming
from livebuild.brief.changes import apply_change

pytestmark = pytest.mark.spacy

PLANS, _ = load()
STUDIO, LETTINGS = PLANS["studio"], PLANS["lettings"]


@pytest.mark.parametrize(
    ("request_text", "restated"),
    [
        ("everyone here calls the classes sessions", "rename Classes to sessions"),
        ("in our studio bookings are called reservations", "rename Bookings to reservations"),
        ("nobody says members, they're all Regulars", "rename Members to Regulars"),
        ("we say sessions, not classes", "rename Classes to sessions"),
        ("could Capacity say Max people instead", "rename Capacity on Classes to Max people"),
    ],
)
def test_what_people_call_a_thing_is_restated_as_a_rename(request_text: str, restated: str) -> None:
    assert renamed_by_naming(STUDIO, request_text) == restated


@pytest.mark.parametrize(
    "request_text",
    [
        "the member should say their name when they book",
        "add a phone number to members",
        "the tagline should say Move every day",
        "call the app Studio Flow",
    ],
)
def test_a_sentence_that_names_no_new_name_for_a_plan_thing_is_left_alone(
    request_text: str,
) -> None:
    assert renamed_by_naming(STUDIO, request_text) is None


def test_a_rename_said_as_what_people_call_it_is_made() -> None:
    result = apply_change(LETTINGS, "our letting agents call the repairs jobs, so should the app")
    plurals = [e.plural for e in result.brief.entities]
    assert "Jobs" in plurals and "Repairs" not in plurals, (plurals, result.unmade)
