"""A new name for the business said by grammar, on the real spaCy pipeline: renaming
something the plan doesn't keep, or its owned or new "name", renames the app; renaming one of
the plan's record kinds is left to the ordinary readers. No app is started."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief.changes import apply_change

pytestmark = pytest.mark.spacy

STUDIO = load()[0]["studio"]


@pytest.mark.parametrize(
    ("request_text", "name"),
    [
        ("We're renaming the studio Flow & Stretch Yoga", "Flow & Stretch Yoga"),
        ("the studio's changed its name to Lotus Room", "Lotus Room"),
        ("we have a new name: Bendy Bodies", "Bendy Bodies"),
    ],
)
def test_the_business_renamed_renames_the_app(request_text: str, name: str) -> None:
    result = apply_change(STUDIO, request_text)
    assert result.brief.product_name == name, (result.made, result.unmade)
    assert result.brief.entities == STUDIO.entities


def test_a_record_kind_renamed_is_not_the_app() -> None:
    result = apply_change(STUDIO, "the members have changed their name to Clients")
    assert result.brief.product_name == STUDIO.product_name, result.made


@pytest.mark.parametrize(
    ("request_text", "name"),
    [
        ("the app should now be called Lotus Room Yoga", "Lotus Room Yoga"),
        ("We've merged with a gym down the road, the app should now be called Bend", "Bend"),
        ("We're renaming to Flow & Stretch in the spring, can you change it now", "Flow & Stretch"),
        ("we are renaming as Bendy Bodies", "Bendy Bodies"),
    ],
)
def test_the_founder_renaming_their_business_renames_the_app(request_text: str, name: str) -> None:
    result = apply_change(STUDIO, request_text)
    assert result.brief.product_name == name, (result.made, result.unmade)
    assert result.unmade == [] and result.brief.entities == STUDIO.entities


def test_a_tagline_said_with_an_arrow_is_the_tagline() -> None:
    result = apply_change(STUDIO, "Tagline \u2192 Breathe in, stretch out")
    assert result.brief.tagline == "Breathe in, stretch out", (result.made, result.unmade)
    renamed = apply_change(STUDIO, "Members -> Clients")
    assert renamed.brief.entities[0].plural == "Clients", renamed.made
