"""Which kind of app a plain answer names, and analogies: an idea that isn't a record-keeping
app is answered with the kind it is (a shooter is a game, not "a landing page"); "X for Y" is
read as Y done the way X does it (booking someone to trim hedges keeps bookings; matching
golf partners is a way to meet people), and the brand never names the app."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.brief.plan import offline_plan
from livebuild.brief.readable import NotARecordApp
from livebuild.english.app_kind import meant

# Ideas no kind's own word names, each with the kind of app it is.
KINDS = [
    ("a little ship at the bottom fires up at invaders marching down", "game"),
    ("like Tinder but for finding someone to play golf with on Sundays", "social"),
    pytest.param(
        "gentle rainfall and distant thunder on a loop while I fall asleep",
        "sound",
        marks=pytest.mark.xfail(
            reason="session 19 mend: scored 0.797, under the bar (0.859) the record ideas that "
            "say what they show or send (a leaderboard, a reminder) raised",
            strict=True,
        ),
    ),
    # Devices, live feeds and screens: never "a calculator", "a game" or "a landing page".
    ("a pi in the porch with a sensor that turns the porch light on when it gets dark", "device"),
    pytest.param(
        "see on a map where the school minibus is right now so parents know when to come",
        "live",
        marks=pytest.mark.xfail(
            reason="session 19: gets a plan; the plain judge scores it under its bar, so the "
            "kind head is never asked",
            strict=True,
        ),
    ),
    # A shop named only as where the screen is (session 24: a domain in passing).
    ("our old laptop in the shop shows our cake photos one by one on a loop", "display"),
]
# Record-keeping ideas said as an analogy to a well-known product.
ANALOGIES = [
    "Uber for hedge trimming",
    "Airbnb for spare rooms near the festival",
    "like Calendly but for my dog training sessions",
]


@pytest.mark.parametrize(("idea", "kind"), KINDS)
def test_a_plain_answer_names_the_kind_of_app_the_idea_is(idea: str, kind: str) -> None:
    with pytest.raises(NotARecordApp) as answered:
        offline_plan(idea)
    assert answered.value.kind.name == kind
    assert answered.value.kind.needs in str(answered.value)


@pytest.mark.parametrize("idea", ANALOGIES)
def test_a_booking_analogy_gets_a_plan(idea: str) -> None:
    assert derive_brief(idea).app_kind == "records"


@pytest.mark.parametrize(
    "idea", ["Tinder for dog walkers in the park", "Uber for hedge trimming", "Strava for rowers"]
)
def test_the_brand_of_an_analogy_never_names_the_app(idea: str) -> None:
    name = derive_brief(idea).product_name.lower()
    assert not any(brand in name for brand in ("tinder", "uber", "strava"))


def test_an_analogy_is_read_as_what_the_brand_does() -> None:
    assert "book someone" in meant("Uber for hedge trimming")
    assert "match" in meant("Tinder but for golf partners")
    assert meant("we meet every Monday for notes") == "we meet every Monday for notes"
