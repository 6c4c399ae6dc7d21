"""A colour said against the one the app has: "swap the green for something warmer", "less
grey, more navy", "tone down the orange", "the red is too loud", "can it be a bit darker".
The new colour is the one said after for/to/more/instead/use; a word of direction (warmer,
darker, softer, less X) moves the current colour that way, and the result still reads with
white text on it; a colour name the app doesn't know is said plainly, never guessed. Read by
the rules on the real spaCy pipeline; no app is started."""

from __future__ import annotations

import colorsys
from dataclasses import replace

import pytest

from livebuild.brief.changes import apply_change
from livebuild.brief.colours import recolour
from livebuild.brief.model import Brief
from livebuild.brief.theme import contrast_ratio
from tests.unit.founder_plans import plan as _plan
from tests.unit.founder_plans import said

_PLAN = _plan(
    "a pottery studio: our classes, the members on them and the kilns we fire",
    [
        {"singular": "Class", "plural": "Classes", "fields": [["Title", "text"]]},
        {"singular": "Member", "fields": [["Name", "text"], ["Email", "email"]]},
    ],
)


def _coloured(colour: str) -> Brief:
    return replace(_PLAN, theme=recolour(_PLAN.theme, colour, accent_follows=True))


def _hls(colour: str) -> tuple[float, float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, lightness, s


def _turned(before: float, after: float) -> float:
    """How far the hue turned, -180..180."""
    return (after - before + 180) % 360 - 180


def _applied(colour: str, request: str) -> tuple[Brief, Brief, str]:
    brief = _coloured(colour)
    result = apply_change(brief, request)
    assert result.brief.entities == brief.entities and result.brief.tagline == brief.tagline
    assert result.brief.theme.background == brief.theme.background, said(result)
    return brief, result.brief, said(result)


def test_swapped_for_something_warmer_turns_the_green_towards_orange() -> None:
    before, after, _ = _applied("green", "swap the green for something warmer")
    hue, new = _hls(before.theme.primary)[0], _hls(after.theme.primary)[0]
    assert _turned(hue, new) < -10  # from ~130 towards ~25


def test_less_grey_more_navy_is_navy() -> None:
    _, after, _ = _applied("grey", "less grey, more navy")
    hue, _, saturation = _hls(after.theme.primary)
    assert 210 <= hue <= 240 and saturation > 0.4


@pytest.mark.parametrize("request_text", ["can it be a bit darker", "a touch darker please"])
def test_a_bit_darker_darkens_the_main_colour_not_the_background(request_text: str) -> None:
    before, after, _ = _applied("teal", request_text)
    assert _hls(after.theme.primary)[1] < _hls(before.theme.primary)[1] - 0.05


@pytest.mark.parametrize(
    "request_text", ["tone down the orange", "not so bright", "the orange is too loud"]
)
def test_toned_down_is_softer_and_still_readable(request_text: str) -> None:
    before, after, told = _applied("orange", request_text)
    assert _hls(after.theme.primary)[2] < _hls(before.theme.primary)[2] - 0.1, told
    assert contrast_ratio(after.theme.primary, "#ffffff") >= 4.5


def test_the_red_is_too_loud_softens_the_red() -> None:
    before, after, told = _applied("red", "the red is too loud")
    assert _hls(after.theme.primary)[2] < _hls(before.theme.primary)[2] - 0.1, told


def test_instead_of_blue_use_teal_is_teal() -> None:
    _, after, _ = _applied("blue", "instead of blue use teal")
    assert 175 <= _hls(after.theme.primary)[0] <= 200


def test_the_last_colour_of_what_it_is_swapped_for_is_the_one() -> None:
    # "the colour of X, that deep blue-black purple": the purple, deep and tinged blue.
    _, after, _ = _applied(
        "green", "swap the green for the colour of a plum, that deep red-black purple"
    )
    hue, lightness, _ = _hls(after.theme.primary)
    assert (hue >= 270 or hue <= 10) and lightness < 0.4


@pytest.mark.parametrize(
    "request_text",
    [
        "swap the green for dishwater",
        "replace the green with dishwater",
        "instead of green use wheatgrass",
    ],
)
def test_a_colour_the_app_does_not_know_is_said_plainly(request_text: str) -> None:
    before, after, told = _applied("green", request_text)
    assert after.theme == before.theme
    assert "don't know" in told and "navy" in told and "#" in told, told


def test_lighter_when_it_cannot_get_lighter_says_so() -> None:
    # Yellow is already as light as white text on it allows.
    before, after, told = _applied("yellow", "a bit lighter")
    if after.theme.primary == before.theme.primary:
        assert "readable" in told, told
    else:
        assert _hls(after.theme.primary)[1] > _hls(before.theme.primary)[1]


def test_a_darker_screen_is_still_the_dark_theme() -> None:
    brief = _coloured("teal")
    result = apply_change(brief, "can we have a darker look, black background? fits the brand")
    assert result.brief.theme.background != brief.theme.background


def test_the_new_name_still_renames() -> None:
    result = apply_change(_coloured("green"), "change the name to Warm Clay")
    assert result.brief.product_name == "Warm Clay"


def test_the_model_path_keeps_the_rules_colour_against_the_current_one() -> None:
    # The vote makes the rules' computed move, not a model's guess of a named colour.
    from livebuild.brief.change_ops import Reading, SetColour
    from livebuild.brief.change_reader import read_change
    from livebuild.brief.model_change_vote import vote

    brief = _coloured("orange")
    for request in ("tone down the orange", "swap the orange for champagne"):
        rules = read_change(brief, request)
        model = Reading([SetColour("#f7e7ce", "champagne")])
        verdict = vote(brief, request, None, model, rules, whole=apply_change(brief, request))
        assert verdict.reading is None, (request, verdict)


@pytest.mark.parametrize("request_text", ["more photos", "more fishing please"])
def test_more_of_something_that_is_no_colour_is_not_called_a_colour(request_text: str) -> None:
    before, after, told = _applied("green", request_text)
    assert "colour" not in told and after.theme == before.theme, told
