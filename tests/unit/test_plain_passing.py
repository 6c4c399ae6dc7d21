"""Ideas that aren't record-keeping apps of two kinds the rules planned: a kind of
record-keeping app named only as what the app works on ("a picture of your *cat*"), and a call
where people see and hear each other as it happens. Record ideas that name a pet, a photo or a
video call in passing still get a plan."""

from __future__ import annotations

import json

import pytest

from livebuild.brief import plain_judge
from livebuild.brief.derive import derive_brief
from livebuild.brief.record_app import _due
from livebuild.english.app_kind import about, answer, app_kinds, named
from livebuild.english.idea import read_once

# A kind of record-keeping app named only as the app's input: it keeps nothing.
PASSING = [
    "a pet photo booth: take a picture of your cat and it adds a party hat",
    "upload a photo of your cat and it makes a knitting chart for a jumper, you say how many "
    "stitches across",
]
# A call or room where people see and hear each other as it happens.
CALLS = [
    "a video call app for our family: one button and everyone sees and hears each other",
    "Our orchestra is 40 players spread over three towns and normal calls lag too much. We "
    "want our own video room where we can rehearse together in time.",
]
# Record ideas that name a pet, a photo or a video call in passing.
RECORDS = [
    "a booking app for my dog grooming: upload a photo of each dog, the owner and the appointment",
    "an app for my online tutoring: students, their lessons over video call and what they paid",
    "a booking system for my online yoga classes, which run as a video call; I need students "
    "and classes",
    "photos of each dog we groom, its owner and the date",
    "a pet sitting app: each pet, its owner, the visits and what we fed them",
]
# Record apps named by their business, which say what they do: the domain names the app itself,
# not only what it works on (review of session 24).
NAMED_BY_BUSINESS = [
    "a gym app that tells you when your membership runs out",
    "a yoga studio app that tells you when your class pass runs out",
    "a pet shop app that tells you when your dog food will run out",
    "a dog grooming app that texts owners a photo of their dog when it is ready",
    "a riding school app that tells riders when their next lesson is",
    "a cattery app that sends owners a photo of their cat each morning",
    "a climbing gym app that tells members how many visits are left on their pass",
]


@pytest.mark.parametrize("idea", PASSING)
def test_a_kind_named_only_as_what_the_app_works_on_gets_a_plain_answer(idea: str) -> None:
    assert derive_brief(idea).app_kind != "records"


def test_a_picture_made_into_a_chart_is_answered_as_a_tool() -> None:
    assert derive_brief(PASSING[1]).app_kind == "tool"


@pytest.mark.parametrize("idea", CALLS)
def test_a_live_call_gets_a_plain_answer_as_live(idea: str) -> None:
    assert derive_brief(idea).app_kind == "live"


def test_a_call_is_answered_as_a_call_with_a_list_that_makes_sense() -> None:
    """The answer for a choir's video chat says what it is (a call) and offers a list of its
    get-togethers, not "the video places" (review of session 24)."""
    idea = "a video chat app for our choir to sing together on Sunday evenings"
    reading = read_once(idea).english
    kind = next(k for k in app_kinds().kinds if k.name == "live")
    said = answer(kind, about(reading), named(reading, kind))
    assert derive_brief(idea).app_kind == "live"
    assert "video call" in said and "get-togethers" in said
    assert "video places" not in said and "video get-togethers" not in said


@pytest.mark.parametrize("idea", RECORDS)
def test_a_record_idea_naming_a_pet_a_photo_or_a_call_in_passing_gets_a_plan(idea: str) -> None:
    assert derive_brief(idea).app_kind == "records"


@pytest.mark.parametrize("idea", NAMED_BY_BUSINESS)
def test_a_record_app_named_by_its_business_that_says_what_it_does_gets_a_plan(idea: str) -> None:
    assert derive_brief(idea).app_kind == "records"


# A reminder of a date something of its own falls due on: the app keeps each of them (review of
# session 24; a strict xfail until session 25). Written for these tests, in no `bench/*.toml`.
DUE = [
    "a cattery app that tells owners when their cat's jabs are due",
    "a vet app that tells you when your dog's jabs are due",
    "a dentist app that tells you when you're due a check-up",
    "an app that texts tenants when their rent is overdue",
    "a garage app that warns drivers when their MOT expires",
]
# A timer or calculator named as one stays one, though it says "due".
DUE_KINDS = [
    ("a countdown to when our baby is due, on the fridge tablet", "timer"),
    (
        "a calculator that tells you when your baby is due from the date of your last period",
        "calculator",
    ),
]


def test_a_screen_showing_when_the_next_bus_is_due_is_not_read_as_keeping_buses() -> None:
    """Only a date of someone's own (their jabs, your rent) says the app keeps what falls due."""
    assert not _due(read_once("a screen in our cafe showing when the next bus is due").english)
    assert _due(read_once(DUE[0]).english)


@pytest.mark.parametrize("idea", DUE)
def test_a_reminder_of_when_something_is_due_gets_a_plan(idea: str) -> None:
    assert derive_brief(idea).app_kind == "records"


@pytest.mark.parametrize(("idea", "kind"), DUE_KINDS)
def test_a_timer_or_calculator_named_as_one_stays_one_though_it_says_due(
    idea: str, kind: str
) -> None:
    assert derive_brief(idea).app_kind == kind


def _judge() -> plain_judge.PlainJudge:
    data = json.loads(plain_judge.WEIGHTS.read_text(encoding="utf-8"))
    return plain_judge.PlainJudge.from_json(data)


def _evidence(**said: object) -> plain_judge.Evidence:
    base: dict[str, object] = {
        "keeps": False,
        "worded": False,
        "record_product": False,
        "domain": True,
        "signed": False,
        "many": 0,
        "named": 0,
        "things": 0,
        "counted": False,
        "business": False,
        "does": True,
    }
    return plain_judge.Evidence(**{**base, **said})  # type: ignore[arg-type]


def test_a_domain_in_passing_is_plain_only_when_nothing_else_says_records() -> None:
    judge = _judge()
    sure = (judge.plain + 1.0) / 2
    assert judge.verdict(_evidence(), sure) is True
    # Under the bar, or with anything kept, a business, a record product or a verb that keeps:
    # the domain stands.
    assert judge.verdict(_evidence(), judge.plain - 0.01) is False
    for said in (
        {"things": 1},
        {"business": True},
        {"record_product": True},
        {"keeps": True},
        {"names_app": True},
    ):
        assert judge.verdict(_evidence(**said), sure) is False, said
    # An idea that doesn't say what its app does ("a wine cellar app") stands too.
    assert judge.verdict(_evidence(does=False), sure) is False
