"""A new field asked for by the word for a field ("box", "field", "column"), read by its
grammar on the real spaCy pipeline: named by the nouns before the word, by what it is "for",
or by the subject that needs "its own field"; examples after a dash are never fields of their
own; a field the record kind has already is left to the other readers. No app is started."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief
from livebuild.english.nlp import installed_model

if installed_model() is None:  # pragma: no cover - scripts/setup installs it
    pytest.skip("spaCy's small English pipeline is not installed", allow_module_level=True)

STUDIO = load()[0]["studio"]


def _labels(brief: Brief, plural: str) -> list[str]:
    return [f.label for f in next(e for e in brief.entities if e.plural == plural).fields]


@pytest.mark.parametrize(
    ("request_text", "plural", "label"),
    [
        ("members need an injuries box — knees, backs, that sort of thing", "Members", "Injuries"),
        (
            "Members' emergency contacts need their own field, separate from notes — it matters",
            "Members",
            "Emergency contacts",
        ),
        (
            "A feedback box on classes for how the session went would be useful",
            "Classes",
            "Feedback",
        ),
        ("classes need a box for how the session went", "Classes", "How the session went"),
    ],
)
def test_a_field_asked_for_by_its_word_is_added_by_its_name(
    request_text: str, plural: str, label: str
) -> None:
    result = apply_change(STUDIO, request_text)
    added = [x for x in _labels(result.brief, plural) if x not in _labels(STUDIO, plural)]
    assert added == [label], result.made
    assert not result.unmade, result.unmade


def test_a_field_the_kind_has_already_is_not_added_again() -> None:
    result = apply_change(STUDIO, "make the notes box on members bigger")
    assert _labels(result.brief, "Members") == _labels(STUDIO, "Members"), result.made
