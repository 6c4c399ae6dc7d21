"""What no app can do, asked in everyday words, is declined plainly with the closest thing we
can make; a makeable request that shares a word with a can't-do is still made. Pure functions
on the dev plans; no app is started."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief.change_limits import limit_in, limits, with_classes
from livebuild.brief.changes import apply_change

# What a founder is told when a new main colour brings a matching accent.
ACCENT_MOVED = "The accent colour moved to a matching shade, so the two fit together."

PLANS, _ = load()
STUDIO = PLANS["studio"]


@pytest.mark.parametrize(
    ("request_text", "why"),
    [
        ("send members a text", "can't send text messages"),
        ("text them when the class is cancelled", "can't send text messages"),
        ("can it text the members the night before", "can't send text messages"),
        ("ping members on WhatsApp", "can't send text messages"),
        ("remind members by text", "can't send text messages"),
        ("drop them a text if a class moves", "can't send text messages"),
        ("let people pay online", "can't take payments"),
        ("let members pay when they book", "can't take payments"),
        ("members should be able to buy a 10 class pass by card", "can't take payments"),
        ("take deposits online", "can't take payments"),
        ("sync with my Google calendar", "can't connect to other services"),
        ("put the classes in my calendar", "can't connect to other services"),
        ("could it auto-post our class photos to Instagram?", "can't"),
        ("email each member automatically when a class is full", "can't send emails"),
        ("work out the quickest route between the studios", "can't show maps"),
        ("members should sign in with their Google accounts", "no sign-in"),
        ("make it a phone app", "not a phone app"),
        ("add some AI that predicts which classes fill up", "artificial intelligence"),
        ("show the studio webcam on the home page so people see how busy it is", "live video"),
        ("could we stream the yoga room live for members at home?", "live video"),
        ("take the class fee on our SumUp card reader at the desk", "device"),
        ("members tap their NFC fob on the reader to check in", "device"),
        ("read the key tags with our Bluetooth reader straight into the app", "device"),
    ],
)
def test_a_can_t_do_said_in_everyday_words_is_declined_plainly(request_text: str, why: str) -> None:
    result = apply_change(STUDIO, request_text)
    assert result.brief == STUDIO and not result.made, result.made
    assert result.unmade and why in result.unmade[0], result.unmade
    assert "couldn't work out" not in result.unmade[0]


def test_texting_offers_the_closest_thing_the_app_can_keep() -> None:
    result = apply_change(STUDIO, "send members a text")
    assert "phone number" in result.unmade[0]
    assert result.suggestions and "phone" in result.suggestions[0].change_request


@pytest.mark.parametrize(
    "request_text",
    [
        "drop the messages field",
        "change notes to text fields",
        "make it text, thanks",
        "add a price field so we know what members pay",
        "let us record what they pay",
        "put the status on a text field",
        "record whether we texted them",
        "rename Prediction to Forecast",
        "the GPs should be a list",
        "log each route with its grade",
        "note how many have signed up",
        "add a tag number to members",
        "keep each member's reader card number",
        "add a Streaming link field to classes",
        "add a video call link to classes",
    ],
)
def test_a_makeable_request_sharing_a_word_with_a_can_t_do_is_not_declined(
    request_text: str,
) -> None:
    assert limit_in(request_text) is None


def test_a_word_class_is_written_out_and_a_regex_count_is_left_alone() -> None:
    assert with_classes(r"{send}\s+(?:\w+\s+){0,4}x{2}", {"send": "ping"}) == (
        r"ping\s+(?:\w+\s+){0,4}x{2}"
    )
    assert all("{send}" not in limit.words.pattern for limit in limits())


def test_a_long_hostile_request_is_checked_in_linear_time() -> None:
    import time

    hostile = "send " + "the " * 5000 + "let " * 5000 + "pay"
    start = time.process_time()
    limit_in(hostile)
    assert time.process_time() - start < 1.0


@pytest.mark.parametrize("colour", ["yellow", "gold", "amber"])
def test_a_colour_darkened_to_stay_readable_is_said_to_be_darker(colour: str) -> None:
    result = apply_change(STUDIO, f"make the colour {colour}")
    assert result.made == [
        f"Made the main colour a darker {colour}, so text on it stays readable. {ACCENT_MOVED}"
    ]
    assert result.brief.theme.primary != STUDIO.theme.primary


def test_a_colour_kept_as_asked_is_named_as_asked() -> None:
    assert apply_change(STUDIO, "make it navy").made == [
        f"Made the main colour navy. {ACCENT_MOVED}"
    ]
