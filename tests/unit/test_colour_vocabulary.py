"""Colours founders name in their own words: paint, fashion and food names ("bell-metal
bronze", "a dusty blush pink", "duck-egg blue", "oxblood"), things that are colours only where
a colour is said ("champagne", "sage"), and shade words ("warm", "buttery", "dusty") that move
the named colour. The reply names what was made; a colour still unknown is said plainly and
nothing changes. Read by the rules on the real spaCy pipeline; no app is started."""

from __future__ import annotations

import colorsys
import time
from dataclasses import replace

import pytest

from livebuild.brief.change_colours import ALL_COLOURS, SHADE_WORDS, THINGS
from livebuild.brief.change_ops import SetColour
from livebuild.brief.changes import apply_change
from livebuild.brief.colour_against import colour_against
from livebuild.brief.colours import dark_theme, recolour
from livebuild.brief.model import Brief
from livebuild.brief.theme import contrast_ratio
from tests.unit.founder_plans import plan as _plan
from tests.unit.founder_plans import said

_BASE = replace(
    _plan(
        "a wedding cake maker: couples, cake orders and tastings",
        [
            {"singular": "Couple", "fields": [["Names", "text"], ["Contact", "text"]]},
            {
                "singular": "Cake order",
                "fields": [["Title", "text"], ["Flavour", "choice", "Lemon", "Champagne"]],
            },
        ],
    ),
    product_name="Sugar Rose Cakes",
)


def _coloured(colour: str) -> Brief:
    return replace(_BASE, theme=recolour(_BASE.theme, colour, accent_follows=True))


def _hls(colour: str) -> tuple[float, float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, lightness, s


def _made(colour: str, request: str) -> tuple[Brief, Brief, str]:
    brief = _coloured(colour)
    result = apply_change(brief, request)
    assert result.brief.entities == brief.entities, said(result)
    assert result.brief.tagline == brief.tagline
    return brief, result.brief, said(result)


@pytest.mark.parametrize(
    ("colour", "request_text", "hues", "named"),
    [
        ("grey", "less grey, more bell-metal bronze please", (18, 45), "bronze"),
        ("grey", "less grey, more champagne", (25, 50), "champagne"),
        ("blue", "the blue is too corporate. a duck-egg blue instead", (150, 200), "duck egg"),
        ("green", "swap the green for something warmer - a dusty blush pink", (330, 370), "pink"),
        ("blue", "the blue is too office-y. popcorn yellow instead, a warm buttery one", (33, 60),
         "warm buttery yellow"),
        ("grey", "can we go for oxblood instead of the grey", (345, 370), "oxblood"),
        ("blue", "change the colour to sage", (90, 140), "sage"),
        ("grey", "a muted terracotta please", (5, 30), "muted terracotta"),
        ("blue", "swap the blue for a petrol blue", (180, 210), "petrol blue"),
        ("grey", "Rebecca Purple instead of the grey", (260, 290), "rebecca purple"),
    ],
)  # fmt: skip
def test_a_colour_said_in_founders_words_is_made_and_named(
    colour: str, request_text: str, hues: tuple[int, int], named: str
) -> None:
    before, after, told = _made(colour, request_text)
    hue, _, saturation = _hls(after.theme.primary)
    low, high = hues
    assert low <= hue <= high or low <= hue + 360 <= high, (after.theme.primary, told)
    assert saturation > 0.15 and after.theme.primary != before.theme.primary
    assert named in told.lower() and "Made the main colour" in told
    assert contrast_ratio(after.theme.primary, "#ffffff") >= 4.5


def test_shade_words_move_the_named_colour_their_way() -> None:
    _, plain, _ = _made("grey", "swap the grey for pink")
    _, dusty, told = _made("grey", "swap the grey for a dusty pink")
    _, deep, _ = _made("grey", "swap the grey for a deep pink")
    assert _hls(dusty.theme.primary)[2] < _hls(plain.theme.primary)[2] - 0.1, told
    assert _hls(deep.theme.primary)[1] < _hls(plain.theme.primary)[1] - 0.05


@pytest.mark.parametrize(
    "request_text",
    [
        "less green, more champagne",  # last session's false "Made the main colour green"
        "less green, more gunmetal grey",
        "less green, more photos",
    ],
)
def test_less_of_the_current_colour_never_makes_it_again(request_text: str) -> None:
    before, after, told = _made("green", request_text)
    assert "main colour green" not in told.lower(), told
    hue = _hls(after.theme.primary)[0]
    if after.theme.primary != before.theme.primary:
        assert not 90 <= hue <= 160, (after.theme.primary, told)


def test_a_colour_it_still_does_not_know_is_said_plainly_and_nothing_changes() -> None:
    before, after, told = _made("green", "swap the green for gumball machine")
    assert after.theme == before.theme
    assert "don't know the colour" in told and "gumball machine" in told


def test_a_colour_too_pale_for_white_text_is_said_so() -> None:
    before, after, told = _made("grey", "swap the grey for off white")
    assert after.theme == before.theme
    assert "too pale" in told


@pytest.mark.parametrize(
    "request_text",
    ["swap the salmon for trout", "more champagne please", "add lemon and champagne"],
)
def test_things_that_are_also_colours_are_no_colour_without_one(request_text: str) -> None:
    before, after, told = _made("blue", request_text)
    assert after.theme == before.theme, told
    assert "colour" not in told.lower()


@pytest.mark.parametrize(
    "request_text",
    ["make the bronze field required", "add a rose gold option", "redwood", "a sageish look"],
)
def test_a_colour_name_inside_other_words_is_no_colour_request(request_text: str) -> None:
    assert colour_against(_coloured("blue"), request_text) is None


@pytest.mark.parametrize("request_text", ["not so dark", "it's too dark", "less dark please"])
def test_not_so_dark_on_a_dark_theme_is_the_light_theme(request_text: str) -> None:
    brief = _coloured("teal")
    dark = replace(brief, theme=dark_theme(brief.theme))
    result = apply_change(dark, request_text)
    assert "dark theme" not in said(result)
    assert result.brief.theme.background != dark.theme.background, said(result)


def test_the_vocabulary_is_several_hundred_colours_and_shades() -> None:
    assert len(ALL_COLOURS) >= 300 and len(SHADE_WORDS) >= 30
    assert {"bronze", "champagne", "sage", "blush"} <= THINGS
    assert {"terracotta", "oxblood", "duck egg blue", "charcoal", "teal"} <= set(ALL_COLOURS)


def _cpu(request: str) -> float:
    brief = _coloured("grey")
    start = time.process_time()
    colour_against(brief, request)
    apply_change(brief, request)
    return time.process_time() - start


@pytest.mark.parametrize(
    "request_text",
    [
        "less grey, more " + "dusty " * 800 + "pink",
        "a " + "bell-metal " * 600 + "bronze zz",
        "swap the grey for " + "sky " * 900 + "zz",
        "like " + "my sugar roses " * 300,
        "popcorn yellow instead, " + "a warm buttery one, " * 200,
        "the blue is too " + "office-y " * 700,
        "champagne" * 500,
    ],
)
def test_huge_and_crafted_colour_requests_read_in_well_under_a_second(request_text: str) -> None:
    _cpu("warm up")
    assert _cpu(request_text[:5000]) < 0.5


def test_a_colour_the_model_names_in_founders_words_is_made() -> None:
    from livebuild.brief.change_schema import _colour

    made = _colour("dusty blush pink", False)
    assert (
        isinstance(made, SetColour)
        and 330 <= _hls(made.colour)[0] + 360 * (_hls(made.colour)[0] < 30) <= 370
    )
    assert isinstance(_colour("champagne", False), SetColour)
    assert not isinstance(_colour("gumball machine", False), SetColour)


@pytest.mark.parametrize("dark", [False, True])
def test_not_too_dark_said_of_a_named_colour_is_its_shade_not_the_theme(dark: bool) -> None:
    brief = _coloured("green")
    brief = replace(brief, theme=dark_theme(brief.theme)) if dark else brief
    result = apply_change(brief, "could we have a sunny orange instead of the green? not too dark")
    assert "theme" not in said(result), said(result)
    assert result.brief.theme.background == brief.theme.background
