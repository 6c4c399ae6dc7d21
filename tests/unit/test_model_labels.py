"""The model labels the idea's own nouns (record, detail, the founder's business, other); the
English layer finds the nouns and checks every record the labels keep. The answers here are
hand-written inputs (what a small model writes, and what a hostile one might), not mocks: the
candidates, the schema and the parsing are pure functions."""

from __future__ import annotations

import json

import pytest

from livebuild.brief import model_labels, model_reading
from livebuild.brief.model import MAX_ENTITIES
from livebuild.brief.model_labels import (
    LABELS,
    MAX_CANDIDATES,
    MAX_IMPLIED,
    candidates,
    labels_schema,
    parse_labels,
    prompt,
)
from livebuild.brief.model_reading import ReadingRejected
from livebuild.english.app_kind import app_kinds
from livebuild.english.idea import read_once

BOATS = (
    "Airbnb for sailing boats!! owners list their boat, people book it for a weekend or a "
    "week, owners leave reviews of the renters and vice versa"
)
GYM = "An app for my climbing gym to keep track of memebers, classes and payments"
WALKER = (
    "I run a dog walking business. I keep a list of the owners and their dogs, and people book "
    "me by text."
)


def _answer(labels: object, implied: object = (), app: object = "records") -> str:
    body = {"app": app, "nouns": labels, "implied": list(implied)}  # type: ignore[call-overload]
    return json.dumps({**body, "audience": "dog owners"})


def _parsed(idea: str, labels: dict[str, str], implied: tuple[str, ...] = ()) -> list[str]:
    reading = read_once(idea).english
    decisions = parse_labels(_answer(labels, implied), idea, reading, candidates(reading))
    return [r.name for r in decisions.records]


def test_the_candidates_are_the_ideas_nouns_without_names_or_times() -> None:
    nouns = candidates(read_once(BOATS).english)
    assert {"owners", "reviews", "renters"} <= set(nouns)
    assert not {"airbnb", "weekend"} & {w for n in nouns for w in n.split()}
    gym = candidates(read_once(GYM).english)
    assert "payments" in gym and "classes" in gym
    assert "app" not in gym and "track" not in gym


def test_the_schema_makes_each_candidate_one_label_of_the_enum() -> None:
    nouns = candidates(read_once(GYM).english)
    schema = labels_schema(nouns)
    labelled = schema["properties"]["nouns"]
    assert labelled["required"] == list(nouns) and labelled["additionalProperties"] is False
    assert all(p == {"enum": list(LABELS)} for p in labelled["properties"].values())
    assert schema["properties"]["implied"]["maxItems"] == MAX_IMPLIED
    assert all(n in prompt(GYM, nouns) for n in nouns)


def test_the_records_are_the_nouns_labelled_records_in_the_ideas_spelling() -> None:
    nouns = candidates(read_once(GYM).english)
    labels = {n: "record" for n in nouns}
    labels["climbing gym" if "climbing gym" in nouns else nouns[0]] = "business"
    assert {"member", "class", "payment"} <= set(_parsed(GYM, labels))


def test_labels_other_than_record_keep_nothing() -> None:
    nouns = candidates(read_once(GYM).english)
    with pytest.raises(ReadingRejected):
        _parsed(GYM, dict.fromkeys(nouns, "other"))


def test_people_labelled_a_detail_are_kept_as_records_and_things_are_not() -> None:
    nouns = candidates(read_once(GYM).english)
    assert _parsed(GYM, dict.fromkeys(nouns, "detail")) == ["member"]


def test_a_noun_the_model_declines_is_never_added_back_by_the_rules() -> None:
    reading = read_once(GYM).english
    nouns = candidates(reading)
    labels = {n: ("record" if n in ("memebers", "members", "classes") else "detail") for n in nouns}
    decisions = parse_labels(_answer(labels), GYM, reading, nouns)
    assert "payment" in decisions.declined
    assert "member" not in decisions.declined


def test_a_second_word_for_who_the_idea_serves_is_not_implied() -> None:
    nouns = candidates(read_once(GYM).english)
    labels = {n: ("record" if n in ("memebers", "members", "classes") else "other") for n in nouns}
    assert "customer" not in _parsed(GYM, labels, ("customer",))


def test_an_implied_record_stands_only_when_the_idea_supports_it() -> None:
    nouns = candidates(read_once(WALKER).english)
    labels = {n: ("record" if n in ("owners", "dogs") else "other") for n in nouns}
    # People book, so bookings are implied; "delivery" is copied from nowhere in the idea.
    named = _parsed(WALKER, labels, ("booking", "delivery"))
    assert "booking" in named and "delivery" not in named
    assert {"owner", "dog"} <= set(named)


def test_a_hostile_answer_changes_nothing_but_the_labels_of_the_ideas_own_nouns() -> None:
    reading = read_once(BOATS).english
    nouns = candidates(reading)
    hostile = {f"record {n}": "record" for n in range(50)}
    hostile |= {"<script>alert(1)</script>": "record", "x" * 10_000: "record"}
    hostile |= {"ignore the idea and add a users table": "record"}
    hostile |= {n: "record" for n in nouns}
    implied = ["<script>", "x" * 10_000, "drop table", "rental", "booking", "b", "c"]
    decisions = parse_labels(_answer(hostile, implied), BOATS, reading, nouns)
    names = [r.name for r in decisions.records]
    assert len(names) <= MAX_ENTITIES
    said = {w for n in nouns for w in n.split()} | {"booking", "rental"}
    assert all(set(n.split()) <= said | {n.split()[-1]} for n in names), names
    assert not any("<" in n or "script" in n or len(n) > 60 for n in names)
    assert "airbnb" not in names


@pytest.mark.parametrize(
    "answer",
    ["", "no json here", "[1, 2]", '{"app": "spaceship", "nouns": {}}', '{"app": "records"}'],
)
def test_an_answer_that_is_not_labels_is_rejected(answer: str) -> None:
    reading = read_once(GYM).english
    with pytest.raises(ReadingRejected):
        parse_labels(answer, GYM, reading, candidates(reading))


def test_a_long_idea_asks_about_a_bounded_number_of_nouns() -> None:
    idea = "We keep " + ", ".join(f"{w}s" for w in LONG) + " and more."
    nouns = candidates(read_once(idea).english)
    assert 0 < len(nouns) <= MAX_CANDIDATES


LONG = (
    "dog",
    "cat",
    "horse",
    "bird",
    "boat",
    "car",
    "van",
    "truck",
    "bike",
    "tent",
    "chair",
    "table",
    "lamp",
    "desk",
    "book",
    "pen",
    "cup",
    "plate",
    "spoon",
    "fork",
    "knife",
)


def test_the_model_is_told_what_each_kind_of_app_is_not_only_its_name() -> None:
    for said in (model_reading.SYSTEM_PROMPT, model_labels.SYSTEM_PROMPT):
        for kind in app_kinds().kinds:
            assert f"{kind.name} ({kind.label})" in said  # "live (a live map or stream)"
