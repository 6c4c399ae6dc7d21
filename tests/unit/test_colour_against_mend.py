"""What a founder noticed in the colour said against the app's own (review of shapes22): the
colour named back is one the app knows, never their raw words; "go dark" and "make it light"
still switch the theme; "too dark" never darkens and "too pale" never lightens. Read by the
rules on the real spaCy pipeline; no app is started."""

from __future__ import annotations

import colorsys
import re
from dataclasses import replace

import pytest

from livebuild.brief.change_colours import ALL_COLOURS, SHADE_WORDS
from livebuild.brief.change_ops import SetColour
from livebuild.brief.changes import apply_change
from livebuild.brief.colour_against import colour_against
from livebuild.brief.colours import dark_theme, recolour
from livebuild.brief.model import Brief
from tests.unit.founder_plans import plan as _plan
from tests.unit.founder_plans import said

_BASE = replace(
    _plan(
        "a plumbing business: jobs, customers and invoices",
        [
            {"singular": "Job", "fields": [["Title", "text"], ["Address", "text"]]},
            {"singular": "Customer", "fields": [["Name", "text"], ["Phone", "phone"]]},
        ],
    ),
    product_name="Fixit Plumbing",
    tagline="Leaks fixed fast",
)
_GREEN = replace(_BASE, theme=recolour(_BASE.theme, "green", accent_follows=True))
_DARK = replace(_GREEN, theme=dark_theme(_GREEN.theme))


def _hls(colour: str) -> tuple[float, float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)


def _made(brief: Brief, request: str) -> tuple[Brief, str]:
    result = apply_change(brief, request)
    assert result.brief.entities == brief.entities and result.brief.tagline == brief.tagline
    return result.brief, said(result)


# Words a colour's name may be made of: the app's colour names and the shade words said of them.
_SHADES = {"deep", "dark", "darker", "rich", "moody", "light", "lighter", "pale", "paler"}
_SHADES |= {"pastel", "soft", "bright", "vivid", "neon", "hot", "warmer", "cooler", "softer"}
_SHADES |= {"brighter", "and", "a", "different", "shade", "less", "or"}
_KNOWN = {w for name in ALL_COLOURS for w in re.split(r"[\s-]+", name)} | _SHADES | set(SHADE_WORDS)


@pytest.mark.parametrize(
    "request_text",
    [
        "swap the green for navy /home/ubuntu/secret blue",
        "swap the green for red traceback blue",
        "swap the green for navy and password blue",
        "instead of green use teal secret sky blue",
        "less green, more navy internal error blue",
    ],
)
def test_the_colour_named_back_is_a_colour_the_app_knows_never_the_founders_words(
    request_text: str,
) -> None:
    _, told = _made(_GREEN, request_text)
    for word in ("/home", "secret", "traceback", "password", "internal", "error"):
        assert word not in told, told
    reading = colour_against(_GREEN, request_text)
    for op in [] if reading is None else reading.operations:
        assert isinstance(op, SetColour)
        assert set(re.split(r"[\s-]+", op.said)) <= _KNOWN, op.said


@pytest.mark.parametrize(
    "request_text",
    ["can we go dark", "could you make it dark", "let's go dark", "dark please", "go dark"],
)
def test_go_dark_still_switches_to_the_dark_theme(request_text: str) -> None:
    after, told = _made(_GREEN, request_text)
    assert after.theme.background != _GREEN.theme.background, told
    assert "dark theme" in told, told


@pytest.mark.parametrize("request_text", ["could you make it light", "make it light"])
def test_make_it_light_still_switches_to_the_light_theme(request_text: str) -> None:
    after, told = _made(_DARK, request_text)
    assert after.theme.background != _DARK.theme.background, told
    assert "light theme" in told, told


@pytest.mark.parametrize(
    "request_text", ["too dark", "it's too dark", "not so dark", "can it be a bit lighter"]
)
def test_lighter_on_a_dark_theme_is_left_to_the_theme_not_the_main_colour(
    request_text: str,
) -> None:
    assert colour_against(_DARK, request_text) is None
    after, _ = _made(_DARK, request_text)
    assert after.theme.primary == _DARK.theme.primary


@pytest.mark.parametrize(
    ("request_text", "axis", "sign"),
    [
        ("too dark", 1, +1),
        ("too dark please", 1, +1),
        ("too pale", 1, -1),
        ("too light", 1, -1),
        ("too vibrant", 2, -1),
        ("too muted", 2, +1),
    ],
)
def test_too_dark_never_darkens_and_too_pale_never_lightens(
    request_text: str, axis: int, sign: int
) -> None:
    for colour in ("red", "blue", "green"):
        brief = replace(_BASE, theme=recolour(_BASE.theme, colour, accent_follows=True))
        after, told = _made(brief, request_text)
        moved = _hls(after.theme.primary)[axis] - _hls(brief.theme.primary)[axis]
        assert moved * sign >= 0, (colour, told)


def test_the_vote_keeps_the_models_reading_where_the_rules_read_no_colour_move() -> None:
    from livebuild.brief.change_ops import Reading
    from livebuild.brief.change_reader import read_change
    from livebuild.brief.model_change_vote import colour_read, vote

    # Read as the rules read it: markup out, the place words said.
    brief = replace(_BASE, theme=recolour(_BASE.theme, "orange", accent_follows=True))
    request = "tone down the <b>orange</b>"
    assert colour_read(brief, request)
    model = Reading([SetColour("#f7e7ce", "champagne")])
    rules = read_change(brief, request)
    verdict = vote(brief, request, None, model, rules, whole=apply_change(brief, request))
    assert verdict.reading is None
    # Where the rules read no colour move ("go dark", "too dark" of a dark theme), the model's
    # reading is not overruled by the colour grammar.
    for plan, said_text in ((_GREEN, "go dark"), (_DARK, "too dark"), (_GREEN, "it's too much")):
        assert not colour_read(plan, said_text), said_text


@pytest.mark.parametrize("request_text", ["it's too much", "this is too much"])
def test_too_much_of_something_is_no_colour_change(request_text: str) -> None:
    after, told = _made(_GREEN, request_text)
    assert after.theme == _GREEN.theme, told


@pytest.mark.parametrize("request_text", ["less green, more photos", "less green, more videos"])
def test_a_thing_beside_a_colour_is_not_called_an_unknown_colour(request_text: str) -> None:
    after, told = _made(_GREEN, request_text)
    assert "know the colour" not in told and after.theme == _GREEN.theme, told


def test_a_name_swapped_for_a_colour_is_still_said_unknown() -> None:
    after, told = _made(_GREEN, "swap the green for dishwater")
    assert "know the colour \u201cdishwater\u201d" in told and after.theme == _GREEN.theme


def _visible(before: str, after: str) -> bool:
    (h1, l1, s1), (h2, l2, s2) = _hls(before), _hls(after)
    turned = abs(((h2 - h1 + 0.5) % 1.0) - 0.5) * min(s1, s2)
    return max(turned, abs(l2 - l1), abs(s2 - s1)) >= 0.03


@pytest.mark.parametrize(
    "request_text", ["a bit lighter", "too pale", "the green is too dark", "too dark"]
)
def test_a_change_said_made_is_one_the_founder_can_see(request_text: str) -> None:
    after, told = _made(_GREEN, request_text)
    if after.theme.primary != _GREEN.theme.primary:
        assert _visible(_GREEN.theme.primary, after.theme.primary), told
    else:
        assert "Made" not in told, told


@pytest.mark.parametrize(
    "request_text",
    ["the red is too loud", "tone down the orange", "the orange is too loud"],
)
def test_a_colour_the_app_does_not_have_is_asked_about_not_changed(request_text: str) -> None:
    after, told = _made(_GREEN, request_text)
    assert after.theme == _GREEN.theme, told
    assert "?" in told and "Made" not in told, told


@pytest.mark.parametrize("request_text", ["go for green", "use green"])
def test_a_colour_the_app_already_has_is_said_so(request_text: str) -> None:
    after, told = _made(_GREEN, request_text)
    assert after.theme == _GREEN.theme
    assert "already green" in told and "changed that way" not in told, told


@pytest.mark.parametrize("request_text", ["swap the green for yellow", "go for yellow"])
def test_a_colour_darkened_to_read_says_so(request_text: str) -> None:
    _, told = _made(_GREEN, request_text)
    assert "readable" in told, told


def test_the_vote_goes_by_the_colour_reading_it_is_handed() -> None:
    # A plain field request: made as the model read it when the caller found no colour said
    # against the app's own, left to the rules when the caller says it found one.
    from livebuild.brief.change_ops import AddField, Reading
    from livebuild.brief.change_reader import read_change
    from livebuild.brief.model_change_vote import vote

    request = "could every job keep an access note too"
    slug = _BASE.entities[0].slug
    model = Reading([AddField(slug, "Access note")])
    rules = read_change(_BASE, request)
    whole = apply_change(_BASE, request)
    handed_no = vote(_BASE, request, None, model, rules, whole=whole, coloured=False)
    handed_yes = vote(_BASE, request, None, model, rules, whole=whole, coloured=True)
    assert handed_no.reading is not None and handed_no.reading.operations, handed_no
    assert handed_yes.reading is None and not handed_yes.offered, handed_yes


def test_a_request_the_model_reads_has_its_colour_reading_made_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import asyncio

    from livebuild.brief import model_change, model_change_vote
    from livebuild.brief.model_change import read_and_make
    from tests.unit.test_change_aim import _Answers

    calls: list[str] = []
    real = model_change_vote.colour_read

    def counted(brief: Brief, request: str) -> bool:
        calls.append(request)
        return real(brief, request)

    monkeypatch.setattr(model_change, "colour_read", counted)
    monkeypatch.setattr(model_change_vote, "colour_read", counted)
    slug = _BASE.entities[0].slug
    answer = f'[{{"op": "add_field", "entity": "{slug}", "label": "Access note"}}]'
    request = "could every job keep an access note too"
    asyncio.run(read_and_make(_Answers(answer), _BASE, request, timeout_s=60, rules_first=False))
    assert calls == [request]
