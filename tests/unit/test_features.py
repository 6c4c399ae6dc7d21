"""Features lifted from the idea say what the app lets people do, whole."""

from __future__ import annotations

from livebuild.english.features import extract_features


def test_a_question_the_app_answers_becomes_seeing_the_answer_not_its_verb() -> None:
    # "plus who still owes me" once made the feature "Owe me".
    idea = "Track whose bike I fixed and what parts went on it, plus who still owes me"
    assert "See who still owes me" in extract_features(idea)
    assert extract_features("It lets me see which vans are due") == ["See which vans are due"]


def test_a_verb_phrase_is_kept_in_its_base_form() -> None:
    assert extract_features("It lets owners book walkers") == ["Book walkers"]
