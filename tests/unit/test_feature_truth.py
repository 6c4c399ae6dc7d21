"""A plan's feature is listed as planned only when the app lacks it, and the app is never said
to do what it doesn't: the guide and the app judge each feature by the plan's own kinds,
fields and choices."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from livebuild.brief import derive_brief
from livebuild.brief.feature_truth import (
    FeatureWordsError,
    is_built,
    parse_feature_words,
    planned_features,
)
from livebuild.brief.model import Entity, Field
from livebuild.guide.offline import offline_docs

PETS = "An app for pet sitters to keep pets, their care notes and visits"
GYM = "A gym app to keep members and classes"
HABITS = "A habit tracker with a daily journal"


def planned_in_guide(docs: str) -> list[str]:
    features = re.search(r"^## Features\n(.*?)(?=^## |\Z)", docs, re.S | re.M)
    assert features is not None
    _, _, planned = features.group(1).partition("**Planned**")
    return [line[2:] for line in planned.splitlines() if line.startswith("- ")]


def test_a_feature_the_plan_keeps_as_a_kind_and_its_fields_is_not_planned() -> None:
    brief = derive_brief(PETS)
    assert "Pet profiles with care notes" in brief.features
    planned = planned_in_guide(offline_docs(brief))
    assert "Pet profiles with care notes" not in planned
    # What the app has no part for stays planned.
    assert "Reminders for vet check-ups" in planned


def test_wishes_beyond_the_app_are_planned_whatever_they_open_with() -> None:
    brief = derive_brief(GYM)
    wishes = (
        "A dashboard with weekly attendance charts",
        "Search every conversation",
        "Add, edit and delete members by text message",
    )
    brief = replace(brief, features=(*brief.features[:2], *wishes))
    planned = planned_in_guide(offline_docs(brief))
    for wish in wishes:
        assert wish in planned


def test_the_gym_keeps_its_members_with_plans_and_plans_what_it_lacks() -> None:
    brief = derive_brief(GYM)
    planned = planned_features(brief.features, brief.entities)
    assert "Member directory with plans" not in planned
    assert "Spot members who stopped coming" in planned
    assert not is_built("Gentle reminders", derive_brief(HABITS).entities)
    assert is_built("Mood tracking", derive_brief(HABITS).entities)


def test_search_and_the_dashboard_are_built_only_in_the_finished_app() -> None:
    entities = derive_brief(GYM).entities
    assert is_built("Search and filter members", entities)
    assert not is_built("Search and filter members", entities, finished=False)
    assert is_built("Add, edit and delete members", entities, finished=False)


def test_a_feature_of_no_words_is_not_built() -> None:
    entities = derive_brief(GYM).entities
    assert not is_built("", entities) and not is_built("!!! ...", entities)
    assert not is_built("<script>alert(1)</script> members", entities)
    # A fragment that names no part of the app is not something it does.
    assert not is_built("Do it", entities) and not is_built("Be at", entities)


def test_the_word_lists_are_checked() -> None:
    good = {
        "does": ["add", "search", "history"],
        "records": ["profile"],
        "filler": ["with"],
        "never": ["live"],
        "by_people": ["book"],
        **{f"needs_{part}": ["history"] for part in ("date", "link", "status", "notes")},
    }
    assert parse_feature_words({**good, "later": ["search"]}).later == {"search"}
    bad = (
        {**good, "later": ["search"], "records": ["add"]},
        {**good, "later": ["search"], "filler": ["With"]},
        {**good, "later": ["profile"]},
        {**good, "later": ["search"], "never": ["add"]},
        {**good, "later": ["search"], "needs_date": ["live"]},
        {key: words for key, words in good.items() if key != "never"} | {"later": ["search"]},
    )
    for data in bad:
        with pytest.raises(FeatureWordsError):
            parse_feature_words(data)


def test_how_often_records_the_app_dates_happen_is_built_and_undated_is_planned() -> None:
    # "See how often, jobs with date and price" was listed as planned on a plan whose jobs have
    # a date and a price: the list of dated jobs and the dashboard's months answer it.
    cleaning = derive_brief("A cleaning business: jobs with client, date and price").entities
    assert any(f.kind == "date" for e in cleaning for f in e.fields)
    assert is_built("See how often, jobs with date and price", cleaning)
    assert is_built("See how many jobs each client has", cleaning)
    # Nothing dated, nothing says how often; and a chart of it is still a chart.
    fields = (Field("name", "Name", "text"), Field("price", "Price", "money"))
    undated = (Entity("Job", "Jobs", "jobs", fields, ()),)
    assert not is_built("See how often, jobs with price", undated)
    assert is_built("See jobs with price", undated)
    assert not is_built("A chart of how often jobs are done", cleaning)
