"""Whether an idea is a record-keeping app: a tool, game or counter gets a plain answer, and an
idea that keeps many of something is planned, whatever its product is called."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.brief.plan import offline_plan
from livebuild.brief.readable import NotARecordApp
from livebuild.english.app_kind import AppKindsError, about, answer, app_kinds, parse_app_kinds
from livebuild.english.idea import read_once

NOT_RECORDS = [
    # Only units, inputs or outputs of a sum are named: it works an answer out.
    (
        "splitting the bill with mates: total, tip %, number of people → what each one pays",
        "calculator",
    ),
    ("Something where I paste my essay and it tells me the word count", "tool"),
    ("I just want to see what time it is for my team in Manila, London and Austin", "tool"),
    # What the founder asks to have made names the kind, wherever they ask.
    ("can you make a hangman game for my son using his spelling words?", "game"),
    ("Could you build a simple drawing board where my kids can doodle in colours?", "drawing"),
    # It keeps nothing many of, and reads like a kind that keeps nothing.
    ("qr code maker: paste a link, get a QR code to download", "tool"),
    ("a magic 8 ball website, you type a question, shake it and get an answer", "picker"),
    ("I want a page that shows how long it's been since my last cigarette", "timer"),
    ("ROCK PAPER SCISSORS vs the computer, best of 5", "game"),
    # A tool named for what it works on, where the idea keeps none of those.
    ("guitar tuner that shows the note and how far off you are", "sound"),
    # Sounds to sleep to are a sound player, not a timer ("needs a clock that runs and rings").
    ("a rain sounds app to help me fall asleep", "sound"),
]

RECORDS = [
    "a timer app that logs each session so I can see how much I practised",
    "a calculator shop: we repair old calculators, track repairs and customers",
    "Game library for our board game club: the games, who borrowed which, and when",
    "a countdown of tasks before our house move: tasks, who's doing each, due dates",
    "bike hire shack on the seafront, 40 bikes. who's got which bike out, when it's due back",
    "A simple to-do list with due dates and priorities.",
    # A trade named like a tool ("tuner"), whose idea keeps many of what it works on.
    "freelance piano tuner. customers + their pianos (make, age), every tuning visit and the fee",
]


@pytest.mark.parametrize(("idea", "kind"), NOT_RECORDS)
def test_an_idea_that_keeps_nothing_is_the_kind_it_is(idea: str, kind: str) -> None:
    assert derive_brief(idea).app_kind == kind


@pytest.mark.parametrize("idea", RECORDS)
def test_an_idea_that_keeps_many_of_something_is_a_record_app(idea: str) -> None:
    assert derive_brief(idea).app_kind == "records"


def test_the_answer_says_what_livebuild_builds_and_the_closest_app_it_could_build() -> None:
    timer = next(k for k in app_kinds().kinds if k.name == "timer")
    said = answer(timer, about(read_once("A pomodoro timer that dings after 25 minutes").english))
    assert "livebuild builds apps that keep records" in said
    assert "This sounds like a timer" in said and "can't build a timer" in said
    assert "a log of your pomodoro sessions" in said
    # No model turns livebuild into a timer maker, so none is suggested.
    assert "model" not in said.lower()


@pytest.mark.parametrize(
    ("idea", "said"),
    [
        ("quick VAT calculator for my invoices", "VAT"),
        ("a big stopwatch for the pool", ""),  # "big" says nothing of what it is for
        ("a digital timer for my kids", ""),
        ("<script>alert(1)</script> timer", ""),
    ],
)
def test_what_the_product_is_for_comes_from_the_idea_as_written(idea: str, said: str) -> None:
    assert about(read_once(idea).english) == said


def test_every_answer_reads_whole() -> None:
    for kind in app_kinds().kinds:
        said = answer(kind)
        assert "{" not in said and "  " not in said and " ," not in said


def test_app_kinds_data_is_checked_when_read() -> None:
    base = {"records": "an app", "record_products": "log", "keeps": "track"}
    kind = {"name": "t", "nouns": "timer", "label": "a timer", "needs": "a clock"}
    kind |= {"offline": "a log", "describe": "a timer"}
    assert parse_app_kinds({**base, "kind": [kind]}).kinds[0].name == "t"
    for broken in ({"weak": "yes"}, {"still": 1}, {"offline": "a log of {what}"}):
        with pytest.raises(AppKindsError):
            parse_app_kinds({**base, "kind": [kind | broken]})
    with pytest.raises(AppKindsError):
        parse_app_kinds({"records": "an app", "record_products": "log", "kind": [kind]})


def test_a_list_of_many_things_kept_is_a_record_app_however_musical_it_sounds() -> None:
    band = derive_brief(
        "Players, concerts, band instruments and the music library for a brass band"
    )
    assert band.app_kind == "records"
    assert {"Players", "Concerts"} <= {e.plural for e in band.entities}
    # One named in the singular is still that kind of tool.
    assert derive_brief("a metronome app").app_kind == "sound"


def test_an_idea_naming_a_kind_of_record_app_is_one_even_when_it_names_nothing_to_keep() -> None:
    # "recipe" is one of the recipe-keeping apps' own words: not a generator of recipes.
    assert derive_brief("A recipe box for busy parents").app_kind == "records"
    assert derive_brief("Invoices for freelance designers").app_kind == "records"


def test_a_product_named_by_a_kinds_own_noun_is_that_kind_not_the_verb_it_seems_made_from() -> None:
    # "player" looks made from "play" (a game's verb), but it is a sound tool's own noun: a
    # founder asking for a white noise player was told it needs "rules, turns and a score".
    for kind in app_kinds().kinds:
        for noun in sorted(kind.nouns):
            assert derive_brief(f"a {noun} for my little brother").app_kind == kind.name, noun
    with pytest.raises(NotARecordApp) as said:
        offline_plan("a white noise player for my baby")
    told = str(said.value)
    assert "a sound tool" in told and "score" not in told and "tempo" not in told
