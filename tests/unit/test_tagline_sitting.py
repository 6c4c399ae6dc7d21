"""The tagline said by where it sits with a verb of being there in between ("the small line
sitting under the name", "the words that appear below the logo", "the bit of text written
under Test App"): its words become the tagline, the app keeps its name, and a field with a
verb in between is still that field. Read by the rules on the real spaCy pipeline; no app is
started."""

from __future__ import annotations

import pytest

from livebuild.brief.changes import apply_change
from tests.unit.founder_plans import plan as _plan
from tests.unit.founder_plans import said

pytestmark = pytest.mark.spacy

FOUNDRY = _plan(
    "a church bell foundry: the bells we cast, the towers they hang in and the jobs",
    [
        {"singular": "Bell", "fields": [["Name", "text"], ["Weight", "text"]]},
        {"singular": "Tower", "fields": [["Title", "text"], ["Town", "text"]]},
    ],
)
SAYING = "Cast, tuned and hung in Loughborough"


@pytest.mark.parametrize(
    "request_text",
    [
        f"the small line sitting under Test App - can it read '{SAYING}'",
        f"the words that appear below the logo should say '{SAYING}'",
        f"the bit of text written under the app name should read '{SAYING}'",
        f"the little line which sits under the title: '{SAYING}'",
        f"the slogan showing under the name should say '{SAYING}'",
    ],
)
def test_the_line_sitting_under_the_name_is_the_tagline(request_text: str) -> None:
    result = apply_change(FOUNDRY, request_text)
    assert result.brief.tagline == SAYING, said(result)
    assert result.brief.product_name == FOUNDRY.product_name
    assert result.brief.entities == FOUNDRY.entities


def test_a_verb_between_a_word_and_a_place_that_is_no_tagline_changes_no_tagline() -> None:
    result = apply_change(FOUNDRY, "the bells sitting under the tower need a weight field")
    assert result.brief.tagline == FOUNDRY.tagline, said(result)
