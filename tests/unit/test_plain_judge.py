"""The learned judge of plain answers: ideas that aren't record-keeping apps said in ways no
word list names get a plain answer; record ideas that mention a timer, a sum or a game in
passing still get a plan; its weights file is checked before use."""

from __future__ import annotations

import asyncio
import json

import numpy as np
import pytest

from livebuild.brief import plain_judge
from livebuild.brief.derive import derive_brief
from livebuild.brief.plan import _plain_kind

# Non-record ideas no kind's own word names: read by the judge, not the word lists.
NOT_RECORDS = [
    "paste a long url and it gives back a short one you can share",
    "bubble shooter: aim at the coloured bubbles and pop groups of the same colour",
    "space shooter where the ship fires at rocks that split in two",
]
# Non-record ideas that say what the app does and name things on the way (rounds, posts,
# names and emails, a vent): what it is asked to do decides, not what it mentions.
DOING = [
    "circuit training timer: 45 seconds work, 15 rest, 10 stations, beeps between",
    "fence calculator: length of the fence and post spacing and it says how many posts, rails "
    "and bags of postcrete",
    "Secret Santa for our family: put in names and emails, it draws who buys for who and emails "
    "each one",
    "Snooker scoreboard for the club TV: tap the ball potted and it adds the points and shows "
    "the break",
]
# Record ideas that speak of a timer, a quiz or a sum in passing.
RECORDS = [
    "log each workout with the interval timer settings I used and how I felt after",
    "our quiz league: teams, the weekly quizzes they enter and their points",
    "a plumber's quotes: customers, jobs, the parts used and the price we calculate",
    "bike hire shack on the seafront, 40 bikes. who's got which bike out, when it's due back",
    "log the readings from our greenhouse sensors each hour, temperature and humidity",
    "Each boxer at our club, their weight, fights and results, and the sparring sessions",
    "the songs our band plays, their key, who sings and which gigs we played them at",
]


@pytest.mark.parametrize("idea", NOT_RECORDS)
def test_an_idea_that_is_not_a_record_app_gets_a_plain_answer(idea: str) -> None:
    assert derive_brief(idea).app_kind != "records"


@pytest.mark.parametrize("idea", DOING)
def test_an_idea_saying_what_its_app_does_gets_a_plain_answer(idea: str) -> None:
    assert derive_brief(idea).app_kind != "records"


@pytest.mark.parametrize("idea", RECORDS)
def test_a_record_idea_mentioning_a_timer_a_quiz_or_a_sum_gets_a_plan(idea: str) -> None:
    assert derive_brief(idea).app_kind == "records"


def _shipped_json() -> dict[str, object]:
    data: dict[str, object] = json.loads(plain_judge.WEIGHTS.read_text(encoding="utf-8"))
    return data


def test_the_shipped_weights_are_read_and_their_thresholds_are_in_order() -> None:
    judge = plain_judge.PlainJudge.from_json(_shipped_json())
    assert 0.0 <= judge.sure <= judge.records < judge.plain <= judge.overrule <= 1.0


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("format", 99),
        ("plain", 1.5),
        ("overrule", 0.01),
        ("weights", [1.0, 2.0]),
        ("bias", float("nan")),
    ],
)
def test_weights_not_as_this_code_reads_them_are_refused(key: str, value: object) -> None:
    data = _shipped_json()
    data[key] = value
    with pytest.raises(plain_judge.PlainJudgeError):
        plain_judge.PlainJudge.from_json(data)


def test_with_the_judge_off_the_model_alone_never_refuses_a_record_idea(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A broken install: the rules' reading of records stands against a model that says "page".
    def broken() -> plain_judge.PlainJudge:
        raise plain_judge.PlainJudgeError("the weights can't be read")

    monkeypatch.setattr(plain_judge, "shipped", broken)
    idea = "Calendly for dog groomers: clients pick a slot and I track each booking"
    assert asyncio.run(_plain_kind(idea, None, None, "page")) == "records"


def _evidence(**said: object) -> plain_judge.Evidence:
    base: dict[str, object] = {
        "keeps": False,
        "worded": False,
        "record_product": False,
        "domain": False,
        "signed": False,
        "many": 2,
        "named": 2,
        "things": 3,
        "counted": False,
        "business": False,
        "does": True,
    }
    return plain_judge.Evidence(**{**base, **said})  # type: ignore[arg-type]


def _judge(overrule: float) -> plain_judge.PlainJudge:
    shipped = plain_judge.PlainJudge.from_json(_shipped_json())
    return plain_judge.PlainJudge(
        shipped.mean, shipped.scale, shipped.weights, shipped.bias, 0.8, 0.2, 0.1, None, overrule
    )


@pytest.mark.parametrize(
    "said",
    [
        {"keeps": True},  # "each game we played, players and scores, and it shows who wins"
        {"record_product": True},  # "our games club ... and it picks tonight's game"
        {"domain": True},
        {"business": True},  # "our game shop's events ... and it emails them a reminder"
    ],
)
def test_saying_what_the_app_does_lifts_no_record_reading_but_the_counted_one(
    said: dict[str, object],
) -> None:
    judge = _judge(0.9)
    assert judge.verdict(_evidence(**said), 0.99) is False
    assert judge.verdict(_evidence(counted=True), 0.95) is True  # "3 min rounds"
    assert judge.verdict(_evidence(counted=True), 0.85) is not True


def test_an_overrule_of_one_never_fires_though_a_score_rounds_to_one() -> None:
    judge = _judge(1.0)
    assert judge.score(np.full(judge.weights.shape, 1e9) * np.sign(judge.weights)) == 1.0
    assert judge.verdict(_evidence(counted=True), 1.0) is not True


def test_the_shipped_overrule_sits_over_plain_by_a_margin_or_is_never() -> None:
    judge = plain_judge.PlainJudge.from_json(_shipped_json())
    assert judge.overrule == 1.0 or judge.overrule >= judge.plain + 0.05
