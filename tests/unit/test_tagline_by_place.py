"""The tagline said by where it sits ("the line under the name", "the bit under the logo",
"the one-liner on the front page") or by what it does ("the slogan", "the strapline"), read
with a set, change or put request: its words become the tagline, and "change the name to X"
still renames the app. Read by the rules on the real spaCy pipeline; no app is started."""

from __future__ import annotations

import pytest

from livebuild.brief.changes import apply_change
from tests.unit.founder_plans import plan as _plan

pytestmark = pytest.mark.spacy

FORGE = _plan(
    "a glass blowing studio: our courses, the students on them and the pieces they make",
    [
        {"singular": "Course", "fields": [["Title", "text"], ["Date", "date"]]},
        {"singular": "Student", "fields": [["Name", "text"], ["Email", "email"]]},
        {"singular": "Piece", "fields": [["Name", "text"], ["Student", "text"]]},
    ],
)
SAYING = "Hot glass, cool people"


@pytest.mark.parametrize(
    "request_text",
    [
        f"the one-liner on the front page should say {SAYING}",
        f"change the one liner on the home page to {SAYING}",
        f"the bit under the logo should read {SAYING}",
        f"the little line under Test App \u2192 '{SAYING}'",
        f"Put '{SAYING}' under the app name instead of what's there",
        f"put '{SAYING}' under the heading please",
        f"under the logo, put '{SAYING}'",
        f"the strapline should say {SAYING}",
        f"set the subheading to {SAYING}",
        f"the small text beneath the app name should be {SAYING}",
    ],
)
def test_the_words_by_where_the_tagline_sits_set_the_tagline(request_text: str) -> None:
    result = apply_change(FORGE, request_text)
    assert result.brief.tagline.rstrip(".") == SAYING, (result.made, result.unmade)
    assert result.brief.product_name == FORGE.product_name
    assert result.brief.entities == FORGE.entities
    assert result.brief.theme == FORGE.theme


@pytest.mark.parametrize(
    "request_text",
    ["change the name to Glassworks", "rename the app to Glassworks", "call it Glassworks"],
)
def test_the_name_itself_still_renames_the_app(request_text: str) -> None:
    result = apply_change(FORGE, request_text)
    assert result.brief.product_name == "Glassworks", (result.made, result.unmade)
    assert result.brief.tagline == FORGE.tagline


def test_a_course_title_is_not_the_tagline() -> None:
    result = apply_change(FORGE, "rename the title on courses to Course name")
    assert result.brief.tagline == FORGE.tagline, result.made
