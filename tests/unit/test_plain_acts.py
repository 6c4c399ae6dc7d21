"""What the app is asked to do with what the idea names decides a plain answer: scores shown
live on a pub's telly, a song book played, sizes put in to be told an answer, a puzzle, lights
dimmed, are what the app works on; scores, songs and sizes kept, logged or listed are records.
A founder who says the app keeps nothing ("we don't need to keep any results") is heard."""

from __future__ import annotations

import json

import numpy as np
import pytest

from livebuild.brief import plain_judge
from livebuild.brief.derive import derive_brief
from livebuild.english import purpose
from livebuild.english.app_kind import keeps_many
from livebuild.english.idea import read_once

# Shown live, played, worked out, a puzzle, driven: none keeps records. Written for these
# tests, in no `bench/*.toml`, so they show the mechanism, not what the judge was fit on.
NOT_RECORDS = [
    # Session 24: answered plainly since plain24 (a strict xfail before).
    "We don't want to store anything, just show the Six Nations scores live in the bar",
    "a scoreboard on the clubhouse telly for our bowls final: add each end's shots and show "
    "who's winning",
    "a bingo caller for our care home: draws a number, says it out loud and shows it big",
    "a countdown on the church hall screen to the start of the panto",
    "put in the length of the fence and it works out how many panels and posts to buy",
    "dim the lights in the shop from my phone at closing time",
    # a page named for a business stands, though it counts what it shows
    "a coming soon page for our restaurant with our 3 opening offers",
]
# Kept, logged, listed: plans, though they name scores, songs, games or devices (fresh too).
RECORDS = [
    "a list of the karaoke songs each regular has sung at our pub and when",
    "log each game of our chess club with both players and the result",
    "track which boiler each engineer serviced and the date",
    # a shown list's kind named for a business that counts what it lists: kept
    "a menu board for our chip shop: each fish, its price and which are sold out today",
]
# The founder's problem today, said with never, don't, can't: a record app mends it, so these
# get a plan (not "This sounds like a timer").
PROBLEMS = [
    "we never record the scores of our bowls games",
    "we don't record the minutes of our meetings and we should",
    "we don't track the scores of our pub quiz and people argue",
    "I can never keep track of which neighbour borrowed my ladder and my drill",
    "we don't log the temperatures of our fridges and the inspector wasn't happy",
    "nobody records who has paid their allotment rent and we always lose count",
    "we can't track which volunteers turned up to each litter pick",
    "our choir doesn't store who has which sheet music and copies go missing",
    "we don't keep the scores of our bowls league anywhere and it causes rows",
]
# Ideas of the training data (`bench/plain_live.toml`) whose answers these mends must keep:
# they show what the judge was fit on, not that the mechanism carries.
TRAINED = [
    ("A darts scoreboard for the pub: two players, start at 501, take off each throw and show "
     "who's won", "game"),
    ("a karaoke machine for my living room: pick a song from YouTube and the words show up big",
     "sound"),  # karaoke plays music: a sound tool (the kind head learns it from plain_wide.toml)
]  # fmt: skip


@pytest.mark.parametrize("idea", PROBLEMS)
def test_a_founder_saying_they_never_keep_something_today_gets_a_plan(idea: str) -> None:
    assert derive_brief(idea).app_kind == "records"


@pytest.mark.parametrize(("idea", "kind"), TRAINED)
def test_trained_ideas_keep_their_answers(idea: str, kind: str) -> None:
    assert derive_brief(idea).app_kind == kind


@pytest.mark.parametrize("idea", NOT_RECORDS)
def test_an_app_asked_to_show_play_work_out_or_run_a_game_gets_a_plain_answer(idea: str) -> None:
    assert derive_brief(idea).app_kind != "records"


@pytest.mark.parametrize("idea", RECORDS)
def test_an_app_asked_to_keep_what_it_names_gets_a_plan(idea: str) -> None:
    assert derive_brief(idea).app_kind == "records"


@pytest.mark.parametrize(
    ("idea", "unkept"),
    [
        ("We don't need to keep any results afterwards, just show them", {"keep"}),
        ("nothing is saved, it just shows the odds", {"save"}),
        ("keep track of the members and their fees", set()),
        ("keep the scores; we don't need to save photos", {"save"}),
        ("keep the scores, we don't keep the photos", set()),  # kept once, not only unsaid
        ("no need to record who came, just show the count", {"record"}),
        ("we never record the scores of our bowls games", set()),  # the problem, not the app
        ("I can't keep track of the loans", set()),
        ("we don't log it and we should", set()),
        ("don't want to forget to log the readings", set()),
    ],
)
def test_a_keeping_verb_said_only_under_a_negation_is_read_as_unsaid(
    idea: str, unkept: set[str]
) -> None:
    assert purpose.unkept(read_once(idea).english) == unkept


def test_results_the_founder_says_are_not_kept_are_not_kept_many() -> None:
    read = read_once("We don't need to keep any results, just show the scores").english
    assert keeps_many(read)
    assert not keeps_many(read, purpose.unkept(read))


def _evidence(**said: object) -> plain_judge.Evidence:
    base: dict[str, object] = {
        "keeps": False,
        "worded": False,
        "record_product": False,
        "domain": False,
        "signed": False,
        "many": 2,
        "named": 2,
        "things": 2,
        "counted": False,
    }
    return plain_judge.Evidence(**{**base, **said})  # type: ignore[arg-type]


def test_the_lift_head_reaches_only_ideas_the_words_read_as_records_and_name_no_keeper() -> None:
    judge = plain_judge.shipped()
    assert judge.verdict(_evidence(keeps=True), 0.0, lifted=True) is True
    assert judge.verdict(_evidence(counted=True), 0.0, lifted=True) is True
    assert judge.verdict(_evidence(keeps=True), 0.0, lifted=False) is False
    # "a game tracker", "a pomodoro timer": named, not lifted
    assert judge.verdict(_evidence(keeps=True, record_product=True), 0.99, lifted=True) is False
    assert judge.verdict(_evidence(worded=True), 0.5, lifted=True) is not True


def test_the_lift_head_never_overrules_a_record_keeping_domain() -> None:
    judge = plain_judge.shipped()
    assert not plain_judge.liftable(_evidence(keeps=True, domain=True))
    assert judge.verdict(_evidence(keeps=True, domain=True), 1.0, lifted=True) is False


def test_only_a_shown_list_named_for_a_business_that_counts_is_forced_to_records() -> None:
    judge = plain_judge.shipped()
    menu = _evidence(worded=True, business=True, counted=True)
    assert judge.verdict(menu, 0.99, shown=True) is False  # "a menu board for our chip shop"
    assert judge.verdict(menu, 0.99, shown=False) is None  # "a coming soon page ...": a page


def test_a_lift_bar_of_one_never_lifts() -> None:
    judge = plain_judge.shipped()
    assert judge.lift is not None
    row = np.zeros(plain_judge.width())
    off = plain_judge.PlainJudge(
        judge.mean, judge.scale, judge.weights, judge.bias, judge.plain, judge.records,
        lift=plain_judge.LiftHead(judge.mean, judge.scale, judge.weights, 50.0), lifted=1.0,
    )  # fmt: skip
    assert not off.lifts(_evidence(keeps=True), row)


def test_the_shipped_lift_bar_is_no_lower_than_plain_or_never() -> None:
    judge = plain_judge.shipped()
    assert judge.plain <= judge.lifted <= 1.0


def test_an_idea_naming_nothing_to_keep_is_answered_plainly_only_over_the_bare_bar() -> None:
    judge = plain_judge.shipped()
    bare = _evidence(many=0, named=0, things=0)
    assert judge.verdict(bare, judge.plain - 0.01) is None  # its meaning decides
    if judge.bare < 1.0:
        assert judge.verdict(bare, judge.bare) is True
    assert judge.verdict(_evidence(many=0, named=0, things=0, domain=True), 1.0) is False


@pytest.mark.parametrize(
    ("key", "value"),
    [("lifted", 0.0), ("lifted", 1.5), ("bare", 0.01), ("lift", {"bias": 1.0})],
)
def test_lift_and_bare_bars_not_as_this_code_reads_them_are_refused(
    key: str, value: object
) -> None:
    data = json.loads(plain_judge.WEIGHTS.read_text(encoding="utf-8"))
    data[key] = value
    with pytest.raises(plain_judge.PlainJudgeError):
        plain_judge.PlainJudge.from_json(data)
