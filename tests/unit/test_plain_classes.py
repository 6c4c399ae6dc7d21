"""Ideas of six classes of app that keep no records get a plain answer though they count or name
what the app works on (session 26, issue 15): a page that tells one thing, a converter of a
trade's own units, a picker that suggests one of a set, a game of chance or a trick, a watcher of
something outside, a tool that turns a document, picture or recording into something. Record apps
of the same trades, which name such a page, suggestion or recording in passing, keep their plan.
Written for this test: no idea here is trained on, and no trade is from a held-out round."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief

NOT_RECORDS = [
    # a page that tells one thing
    "A page for the bowling green that just says if the green is playable today, yes or no, "
    "in huge letters, and I flip it from my phone",
    # a converter of a trade's own units
    "origami paper converter: type a sheet size in inches and it gives the size in cm and how "
    "tall the finished crane will be",
    # a picker that suggests one of a set
    pytest.param(
        "our marching band's leader wants a page: choose how long the route is and how fast, "
        "and it suggests which of our 12 marches to play",
        # Counts what it picks from ("12 marches"): only the `overrule` bar can answer it, and
        # the judge retrained with it (session 26) refused two held record ideas: not shipped.
        marks=pytest.mark.xfail(strict=True, reason="a counted picker needs the retrained judge"),
    ),
    # a game of chance or a trick
    "a magic eight ball for my niece: she asks a question, shakes the phone, and one of 20 "
    "answers floats up",
    # a watcher of something outside
    "check the air quality near my daughter's school every hour and text me when it goes over 100",
    # a tool that turns a recording into something
    "upload a recording of our marching band's rehearsal and it shows where we drifted off the "
    "beat",
]
RECORDS = [
    "bowling green club: members, each match, the rink they played on and the scores",
    "Our marching band: players, their instruments, each parade and who turned up",
    "Origami workshops: people who book, the date, which model we fold and what they paid",
    "keep the air quality readings from the sensor by the school gate each hour, with the date",
]


@pytest.mark.parametrize("idea", NOT_RECORDS)
def test_an_app_of_a_class_that_keeps_nothing_gets_a_plain_answer(idea: str) -> None:
    assert derive_brief(idea).app_kind != "records"


@pytest.mark.parametrize("idea", RECORDS)
def test_a_record_app_of_the_same_trades_gets_a_plan(idea: str) -> None:
    assert derive_brief(idea).app_kind == "records"
