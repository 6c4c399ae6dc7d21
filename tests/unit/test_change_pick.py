"""A field asked to be picked from another record kind, read by its grammar on the real spaCy
pipeline: the field whose label names that kind becomes a pick from it; a pick of anything
else, or a field that names no kind, reads as before. No app is started."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief
from livebuild.english.nlp import installed_model

if installed_model() is None:  # pragma: no cover - scripts/setup installs it
    pytest.skip("spaCy's small English pipeline is not installed", allow_module_level=True)

STUDIO = load()[0]["studio"]


def _kind(result_brief: Brief, plural: str, label: str) -> str:
    entity = next(e for e in result_brief.entities if e.plural == plural)
    return str(next(f.kind for f in entity.fields if f.label == label))


@pytest.mark.parametrize(
    "request_text",
    [
        "When I make a booking I'd rather pick the class from our classes than type it in",
        "Class on bookings ought to point at one of our classes rather than be free text",
        "I want to choose the class on bookings from the ones we've got",
    ],
)
def test_a_field_picked_from_a_kind_it_names_becomes_a_pick_from_it(request_text: str) -> None:
    result = apply_change(STUDIO, request_text)
    assert _kind(result.brief, "Bookings", "Class") == "link", result.made
    assert result.made == ["Class is now picked from your classes."], result.made
    assert not result.unmade


@pytest.mark.parametrize(
    "request_text",
    [
        "pick a colour for classes",  # picks no record: nothing is linked
        "I never pick the class from our classes",  # said, not wished
    ],
)
def test_a_pick_of_anything_else_links_nothing(request_text: str) -> None:
    result = apply_change(STUDIO, request_text)
    assert _kind(result.brief, "Bookings", "Class") == "text", result.made
