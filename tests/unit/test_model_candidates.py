"""The words a model may choose from, checked by the rules: no analogy, verb, number, time,
attribute or typo is ever offered as a record, and nothing the model makes up is applied."""

from __future__ import annotations

import json
from typing import Any

from livebuild.brief.model_app_kind import (
    ModelAppKindsError,
    not_a_record_app,
    parse_sentences,
)
from livebuild.brief.model_reading import candidates, decisions_schema, parse_decisions
from livebuild.english.reading import read


def _records(idea: str) -> tuple[str, ...]:
    return candidates(read(idea)).records


def test_an_analogy_and_times_are_never_offered_as_records() -> None:
    idea = (
        "Airbnb for boat slips. Marina owners list their empty slips and boaters book them "
        "by the night or the month."
    )
    records = _records(idea)
    assert "boat slip" in records and "boater" in records
    assert not {"airbnb", "night", "month"} & set(records)
    assert "airbnb" not in candidates(read(idea)).all


def test_a_typo_is_offered_as_the_word_meant() -> None:
    names = candidates(read("An app for my climbing gym to keep track of memebers and payments"))
    assert "member" in names.records
    assert not any("memeber" in n for n in names.all)
    assert "climbing gym" not in names.all  # the founder's own gym


def test_attributes_are_details_not_records() -> None:
    names = candidates(read("Keep track of our vans, their insurance, year and mileage."))
    assert "van" in names.records
    assert "insurance" not in names.records and "year" not in names.records
    assert "insurance" in names.details


def test_a_record_or_detail_the_idea_doesnt_say_is_dropped() -> None:
    idea = "Log each order with its pickup date and the customer who placed it."
    names = candidates(read(idea))
    answer: dict[str, Any] = {
        "app": "records",
        "records": [
            {"name": "order", "details": ["pickup date:date", "<b>:text", "loyalty tier:text"]},
            {"name": "pickup date"},
            {"name": "customer", "details": ["phone:phone"]},
        ],
        "audience": "bakers",
    }
    decisions = parse_decisions(json.dumps(answer), idea, names)
    assert [r.name for r in decisions.records] == ["order", "customer"]
    order, customer = decisions.records
    assert order.details == (("pickup date", "date"),)
    assert customer.details == (("phone", "phone"),)  # a detail the rules know


def test_the_schema_offers_only_the_rules_records_and_bounds_every_list() -> None:
    names = candidates(read("Airbnb for boat slips: owners list slips, boaters book them."))
    schema = decisions_schema(names)
    record = schema["properties"]["records"]
    assert record["maxItems"] == 8
    offered = record["items"]["properties"]["name"]["anyOf"][0]["enum"]
    assert "airbnb" not in offered and "slip" in offered
    details = record["items"]["properties"]["details"]
    assert details["maxItems"] == 5 and "pattern" in details["items"]


def test_an_idea_that_reads_like_a_dice_roller_is_one_whatever_the_model_says() -> None:
    idea = "Roll dice for our board game nights: two six-sided dice and a twenty-sided one"
    kind = not_a_record_app("records", idea)
    assert kind is not None and kind.name == "picker"


def test_the_models_word_counts_only_where_the_meaning_agrees() -> None:
    converter = "Convert recipe measurements from cups and ounces into grams and millilitres"
    assert not_a_record_app("records", converter) is None
    kind = not_a_record_app("calculator", converter)
    assert kind is not None and kind.name == "calculator"
    # A booking app the model calls a page stays a booking app.
    groomers = "Calendly for dog groomers: clients book grooming appointments, groomers set hours."
    assert not_a_record_app("page", groomers) is None
    assert not_a_record_app("records", "A reading log for a book club: books, members.") is None


def test_the_sentences_file_is_checked() -> None:
    wrong: list[dict[str, Any]] = [
        {"describe": {"rocket": ["a rocket that flies to the moon"]}},
        {"describe": []},
        {"describe": {"timer": ["short"]}},
    ]
    for bad in wrong:
        try:
            parse_sentences(bad)
        except ModelAppKindsError:
            continue
        raise AssertionError(f"accepted {bad}")
    assert parse_sentences({"describe": {"timer": ["a timer that counts down"]}})
