"""What a founder met on the colours23 review, each through `apply_change` on a real plan: food
said with a food word ("hot chocolate", "fresh mint") never recolours the app; "too dark" said
of something else, or denied, never switches the theme; "X shouldn't be a phone number" never
makes it one; "light pink" is a pink, not a red; "lighter" is never claimed when the colour
made is no lighter; "add a rose gold option" is no colour."""

from __future__ import annotations

import colorsys
from dataclasses import replace

import pytest

from livebuild.brief.changes import apply_change
from livebuild.brief.colours import dark_theme, recolour
from livebuild.brief.model import Brief
from tests.unit.founder_plans import plan as _plan
from tests.unit.founder_plans import said

_BASE = replace(
    _plan(
        "a wedding cake maker: couples, cake orders and tastings",
        [
            {
                "singular": "Couple",
                "fields": [["Names", "text"], ["Contact", "text"], ["Emergency contact", "text"]],
            },
            {
                "singular": "Cake order",
                "fields": [
                    ["Title", "text"],
                    ["Flavour", "choice", "Lemon", "Champagne"],
                    ["Salmon", "text"],
                ],
            },
        ],
    ),
    product_name="Sugar Rose Cakes",
)


def _brief(colour: str = "blue", *, dark: bool = False) -> Brief:
    brief = replace(_BASE, theme=recolour(_BASE.theme, colour, accent_follows=True))
    return replace(brief, theme=dark_theme(brief.theme)) if dark else brief


def _hue(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)[0] * 360


@pytest.mark.parametrize(
    "request_text",
    [
        "more hot chocolate please",
        "dark chocolate instead of lemon",
        "swap the lemon for fresh mint",
        "fresh mint instead",
        "vintage champagne",
        "more vintage champagne",
        "replace the cream with fresh cream",
        "use fresh peach instead of apricot",
        "strong coffee instead",
        "a rich chocolate one",
        "swap the salmon for fresh trout",
        "add a rose gold option",
        "add a red flag field",
    ],
)
def test_food_said_with_a_food_word_never_recolours(request_text: str) -> None:
    brief = _brief()
    result = apply_change(brief, request_text)
    assert result.brief.theme == brief.theme, said(result)
    assert "colour" not in said(result).lower(), said(result)


@pytest.mark.parametrize(
    "request_text",
    ["a dusty blush pink", "less grey, more champagne", "a pale champagne", "a darker champagne"],
)
def test_a_thing_beside_a_colour_only_word_is_still_a_colour(request_text: str) -> None:
    brief = _brief()
    assert apply_change(brief, request_text).brief.theme.primary != brief.theme.primary


@pytest.mark.parametrize(
    "request_text",
    [
        "it's not too dark, leave it as it is",
        "keep the dark theme but the buttons are too dark",
        "I love the dark theme, the accent is just too dark",
        "the main colour is too dark",
        "the text is too dark to read",
        "the header is too dark",
        "make the buttons less dark",
        "the dark theme isn't too dark, but add a phone field to couples",
    ],
)
def test_too_dark_said_of_something_else_never_switches_the_theme(request_text: str) -> None:
    brief = _brief(dark=True)
    result = apply_change(brief, request_text)
    assert result.brief.theme.background == brief.theme.background, said(result)


@pytest.mark.parametrize(
    "request_text",
    ["not so dark", "it's too dark", "less dark please", "the app is a bit too dark", "too dark"],
)
def test_the_whole_app_too_dark_is_the_light_theme(request_text: str) -> None:
    brief = _brief(dark=True)
    result = apply_change(brief, request_text)
    assert result.brief.theme.background != brief.theme.background, said(result)


@pytest.mark.parametrize(
    "request_text",
    [
        "emergency contact shouldn't be a phone number",
        "emergency contact should not be a phone number",
        "emergency contact should never be a phone number",
        "emergency contact can't be a phone number",
        "I'm not sure emergency contact should be a phone number",
        "should emergency contact be a phone number?",
    ],
)
def test_a_kind_denied_or_asked_about_is_never_made(request_text: str) -> None:
    result = apply_change(_brief(), request_text)
    kinds = {f.label: f.kind for f in result.brief.entities[0].fields}
    assert kinds["Emergency contact"] == "text", said(result)


def test_a_kind_wished_plainly_is_still_made() -> None:
    result = apply_change(_brief(), "Emergency contact should be a phone number")
    kinds = {f.label: f.kind for f in result.brief.entities[0].fields}
    assert kinds["Emergency contact"] == "phone", said(result)


@pytest.mark.parametrize(
    ("request_text", "low", "high"),
    [
        ("swap the blue for light pink", 300, 360),
        ("make it light blue", 190, 250),
        ("make it deep pink", 300, 360),
    ],
)
def test_a_light_or_deep_colour_stays_its_colour(request_text: str, low: int, high: int) -> None:
    result = apply_change(_brief(), request_text)
    hue = _hue(result.brief.theme.primary)
    assert low <= hue <= high, (result.brief.theme.primary, said(result))


@pytest.mark.parametrize(
    "request_text", ["bronze but not so dark", "change the colour to sage, not too dark"]
)
def test_lighter_is_never_claimed_when_readability_undid_it(request_text: str) -> None:
    result = apply_change(_brief(dark=True), request_text)
    assert "lighter" not in said(result).lower().split("made the")[-1].split(".")[0] or (
        "can't be made" in said(result)
    ), said(result)


@pytest.mark.parametrize(
    ("request_text", "field", "kind"),
    [
        ("Emergency contact should be a valid phone number", "Emergency contact", "phone"),
        ("Contact should be a proper email address", "Contact", "email"),
    ],
)
def test_a_word_before_the_kind_s_name_keeps_the_kind(
    request_text: str, field: str, kind: str
) -> None:
    result = apply_change(_brief(), request_text)
    kinds = {f.label: f.kind for f in result.brief.entities[0].fields}
    assert kinds[field] == kind, said(result)


def test_the_model_s_colour_is_said_back_in_matched_words_and_never_too_pale() -> None:
    from livebuild.brief.change_ops import Cannot, SetColour
    from livebuild.brief.change_schema import _colour

    made = _colour("dusty /home/x pink", accent=False)
    assert isinstance(made, SetColour) and "/home" not in made.said, made
    assert isinstance(_colour("ivory", accent=False), Cannot)
    assert isinstance(_colour("white smoke", accent=False), Cannot)


def test_words_under_a_record_kind_s_page_heading_are_no_tagline_nor_a_new_field() -> None:
    brief = _brief()
    request = "the words we have under the heading on the couples page should say All couples"
    result = apply_change(brief, request)
    assert result.brief.entities == brief.entities, said(result)
    assert result.brief.tagline == brief.tagline, said(result)


def test_the_tagline_sitting_under_the_name_is_still_the_tagline() -> None:
    request = "the small line sitting under Sugar Rose Cakes should say Cakes for couples"
    assert apply_change(_brief(), request).brief.tagline == "Cakes for couples"


@pytest.mark.parametrize(
    "change",
    [
        {"shade_words": {"": ["darker"]}},
        {"shade_words": {"Dusty": ["softer"]}},
        {"colours": {"light pink": "#ffb6c1"}},
        {"things": {}},
        {"said_only_of_colours": ["lilac"]},
    ],
)
def test_the_colour_vocabulary_refuses_a_bad_entry(change: dict[str, object]) -> None:
    import tomllib

    from pydantic import ValidationError

    from livebuild.brief.change_colours import _FILE, _Vocabulary

    data = tomllib.loads(_FILE.read_text(encoding="utf-8"))
    for table, value in change.items():
        if isinstance(value, dict) and value:
            data[table] = {**data[table], **value}
        else:
            data[table] = value
    with pytest.raises(ValidationError):
        _Vocabulary.model_validate(data)
