"""A new main colour brings an accent that fits it ("make it green, like a garden" must not
leave the logo and the dashboard bars fading from green to the old indigo), unless the founder
chose the accent themselves: theirs is kept."""

from __future__ import annotations

import colorsys
import dataclasses

import pytest

from livebuild.brief import derive_brief
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief
from livebuild.brief.theme import contrast_ratio

IDEAS = (
    "A booking app for a yoga studio: members, classes and bookings.",
    "plants with name, price and how many in stock, customers, orders, and which orders are paid",
    "track my bike repairs and the parts I used",
)


def _hue(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)[0] * 360


def _apart(a: str, b: str) -> float:
    turn = abs(_hue(a) - _hue(b)) % 360
    return min(turn, 360 - turn)


def _said(brief: Brief, request: str) -> Brief:
    result = apply_change(brief, request)
    assert result.made, result
    return result.brief


@pytest.mark.parametrize("idea", IDEAS)
@pytest.mark.parametrize(
    "request_",
    ["make it green, like a garden", "make it red", "make the main colour navy", "use teal"],
)
def test_a_new_main_colour_brings_an_accent_that_fits_and_reads(idea: str, request_: str) -> None:
    before = derive_brief(idea)
    theme = _said(before, request_).theme
    assert theme.primary != before.theme.primary
    assert _apart(theme.primary, theme.accent) <= 45
    for colour in (theme.primary, theme.accent):
        assert contrast_ratio(colour, "#ffffff") >= 4.5


def test_green_like_a_garden_leaves_no_blue_accent() -> None:
    theme = _said(derive_brief(IDEAS[0]), "make it green, like a garden").theme
    assert 90 <= _hue(theme.primary) <= 180 and 90 <= _hue(theme.accent) <= 200


def test_an_accent_the_founder_said_is_kept_when_the_main_colour_changes() -> None:
    orange = _said(derive_brief(IDEAS[0]), "make the accent colour orange")
    theme = _said(orange, "make it green, like a garden").theme
    assert theme.accent == orange.theme.accent
    assert 90 <= _hue(theme.primary) <= 180


def test_an_accent_the_founder_wrote_into_the_plan_is_kept() -> None:
    brief = derive_brief(IDEAS[1])
    own = dataclasses.replace(brief, theme=dataclasses.replace(brief.theme, accent="#8a4b08"))
    assert _said(own, "make it blue").theme.accent == "#8a4b08"


def test_a_second_main_colour_moves_the_matching_accent_along() -> None:
    green = _said(derive_brief(IDEAS[2]), "make it green")
    purple = _said(green, "make it purple").theme
    assert _apart(purple.primary, purple.accent) <= 45


def test_a_new_accent_leaves_the_main_colour_alone() -> None:
    brief = derive_brief(IDEAS[0])
    theme = _said(brief, "make the accent colour gold").theme
    assert theme.primary == brief.theme.primary


def test_the_founder_is_told_the_accent_moved_and_only_when_it_did() -> None:
    brief = derive_brief(IDEAS[0])
    moved = apply_change(brief, "make it green, like a garden")
    assert moved.made == [
        "Made the main colour green. "
        "The accent colour moved to a matching shade, so the two fit together."
    ]
    orange = _said(brief, "make the accent colour orange")
    kept = apply_change(orange, "make it green, like a garden")
    assert kept.made == ["Made the main colour green."]
