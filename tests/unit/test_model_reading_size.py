"""What the local model is asked is what costs a founder's time: each token it writes is about
70 ms of one core, each it reads afresh about 30 (the counts a model server keeps, round 16).
The readings ask only for what the rules can't decide, and the change outline names only what
an answer points at."""

from __future__ import annotations

import json

from bench.changes import load
from livebuild.brief.change_ops import AddChoices
from livebuild.brief.change_schema import schema
from livebuild.brief.model_change_prompt import outline, user_prompt
from livebuild.brief.model_change_tidy import said_choices
from livebuild.brief.model_reading import decisions_schema


def test_the_plan_reading_writes_no_audience_the_rules_read_it() -> None:
    shape = decisions_schema()
    assert "audience" not in shape["properties"]
    assert {"app", "records"} <= set(shape["properties"]), shape["properties"]


def test_the_outline_names_fields_but_not_their_choices_or_the_features() -> None:
    studio = load()[0]["studio"]
    said = outline(studio)
    for entity in studio.entities:
        assert entity.slug in said
        for field in entity.fields:
            assert field.name in said
            assert not any(f"{choice}," in said or f"{choice}]" in said for choice in field.choices)
    assert not any(feature in said for feature in studio.features)
    assert len(user_prompt(studio, "add a phone number", None)) < 600


def test_a_feature_can_be_turned_off_only_by_its_own_words() -> None:
    studio = load()[0]["studio"]
    shape = json.dumps(schema(studio))
    assert studio.features
    assert all(json.dumps(feature) in shape for feature in studio.features)


def test_choices_added_are_only_those_the_request_says() -> None:
    """The outline no longer shows a field's choices; a model that guesses them and adds
    them again with the one asked for adds only the one asked for."""
    guessed = AddChoices("bookings", "status", ("Waitlisted", "Pending", "Confirmed"))
    said = said_choices(guessed, "can you add Waitlisted to the booking status options?")
    assert isinstance(said, AddChoices) and said.choices == ("Waitlisted",)
    other = said_choices(guessed, "add an option for people who wait")
    assert other == guessed
