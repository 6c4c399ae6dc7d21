"""The model's second look: asked only about the kinds its readers disagree on, held to a schema
whose items are those nouns, and nothing else in its answer taken."""

from __future__ import annotations

import json

import pytest

from livebuild.brief.model_reading import Decisions, ReadingRejected, RecordChoice
from livebuild.brief.model_unsure import (
    MAX_ASKED,
    contested,
    parse_kept,
    question,
    unsure_schema,
    with_second_look,
)


def test_only_the_kinds_the_readers_disagree_on_are_asked_about() -> None:
    # The rules' Mills and Stones the model didn't name, and the model's bakers the rules lack;
    # the grain deliveries both read are not asked about again.
    asked = contested(
        ["Grain delivery", "Stone", "Sunday market"],
        {"grain", "delivery"},
        ["grain delivery", "local baker"],
    )
    assert asked == ("stones", "sunday markets", "local bakers")


def test_what_is_asked_is_bounded_and_every_name_is_plain() -> None:
    rules = [f"Kind{n}" for n in range(3)] + [f"thing {chr(97 + n)}x" for n in range(10)]
    asked = contested(rules, set(), ["x" * 40, "café bookings", "dog walk"])
    assert len(asked) == MAX_ASKED
    assert all(n.replace(" ", "").isalpha() and n.islower() for n in asked)
    schema = unsure_schema(asked)
    keep = schema["properties"]["keep"]
    assert keep["maxItems"] == len(asked) and keep["items"] == {"enum": list(asked)}
    assert schema["additionalProperties"] is False
    assert all(n in question(asked) for n in asked)


def test_the_answer_keeps_only_the_nouns_asked_about() -> None:
    asked = ("stones", "kids", "salmon ladders")
    answer = json.dumps({"keep": ["kids", "Stones", "kids"], "say": "x" * 9000})
    assert parse_kept(answer, asked) == frozenset({"kid", "stone"})
    assert parse_kept('{"keep": []}', asked) == frozenset()
    # An answer that isn't a list of only the nouns asked about can't be used: it raises, so
    # the plan is the first vote's, and no asked noun is dropped for it.
    for unusable in [
        "Sure! I think kids.",
        '{"keep": "kids"}',
        '{"nouns": ["kids"]}',
        '{"keep": ["dragons"]}',
        '{"keep": ["kids", "dragons"]}',
        '{"keep": ["kids", 7]}',
    ]:
        with pytest.raises(ReadingRejected):
            parse_kept(unusable, asked)


def test_the_second_look_says_which_were_kept_and_which_left_out() -> None:
    first = Decisions("records", (RecordChoice("walk", (), ()),), "")
    looked = with_second_look(first, ("stones", "kids"), frozenset({"kid", "dragon"}))
    assert looked.confirmed == frozenset({"kid"}) and looked.doubted == frozenset({"stone"})
    assert looked.records == first.records
