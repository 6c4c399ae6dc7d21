"""A field made a choice of the values a request lists in passing, or plain text again when
it says what the field is not to be, read by its grammar on the real spaCy pipeline. A choice
word with no values, or a field the plan doesn't have, reads as before. No app is started."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief, Field
from livebuild.english.nlp import installed_model

if installed_model() is None:  # pragma: no cover - scripts/setup installs it
    pytest.skip("spaCy's small English pipeline is not installed", allow_module_level=True)

STUDIO = load()[0]["studio"]


def _field(brief: Brief, plural: str, label: str) -> Field:
    entity = next(e for e in brief.entities if e.plural == plural)
    return next(f for f in entity.fields if f.label == label)


@pytest.mark.parametrize(
    "request_text",
    [
        "instructor on classes - a dropdown with Jo, Priya and Tom would be better than typing",
        "class instructor should be a dropdown of Jo, Priya or Tom",
        "Instructor on classes needs to be a choice: Jo, Priya, Tom",
    ],
)
def test_a_choice_said_with_its_values_makes_the_field_a_choice_of_them(request_text: str) -> None:
    result = apply_change(STUDIO, request_text)
    instructor = _field(result.brief, "Classes", "Instructor")
    assert instructor.kind == "choice", result.made
    assert set(instructor.choices) == {"Jo", "Priya", "Tom"}, instructor.choices


def test_a_choice_the_field_is_not_to_be_makes_it_plain_text() -> None:
    result = apply_change(STUDIO, "Status on bookings shouldn't be a dropdown, just let me type it")
    assert _field(result.brief, "Bookings", "Status").kind == "text", result.made
    assert result.made == ["Made Status text."]


@pytest.mark.parametrize(
    "request_text",
    [
        "Title on classes isn't a dropdown",  # it never was: nothing to undo
        "make instructor on classes a dropdown",  # no values: asked for, not guessed
    ],
)
def test_a_choice_word_without_values_changes_nothing_by_itself(request_text: str) -> None:
    result = apply_change(STUDIO, request_text)
    assert _field(result.brief, "Classes", "Title").kind == "text"
    assert _field(result.brief, "Classes", "Instructor").kind == "text", result.made
