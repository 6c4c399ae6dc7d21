"""An aside in brackets that says when, why or how often ("school (if they tell us)", "phone
(so we can call)", "(weekly)", "(optional)") qualifies the detail before it: it is never a
field of its own, and the detail it qualifies is kept."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.brief.model import Brief, Entity

pytest.importorskip("spacy", reason="the English pipeline is not installed")
pytestmark = pytest.mark.spacy


def _kind(brief: Brief, plural: str) -> Entity:
    return next(e for e in brief.entities if e.plural == plural)


def _labels(entity: Entity) -> set[str]:
    return {f.label.lower() for f in entity.fields}


@pytest.mark.parametrize(
    ("idea", "plural", "kept", "aside"),
    [
        (
            "An app for my tutoring business to keep the students with their name, school "
            "(if they tell us), year and the lessons",
            "Students",
            "school",
            "tell",
        ),
        (
            "A party planner keeping the guests with their email (if they have one), name "
            "and table",
            "Guests",
            "table",
            "have one",
        ),
        (
            "Keep my plants: nickname (if they have one), species, watering (weekly)",
            "Plants",
            "species",
            "have one",
        ),
        (
            "A band app: each gig (venue (if known), date, fee) and the songs",
            "Gigs",
            "date",
            "known",
        ),
        (
            "An app for my choir to keep the members with their name, phone (so we can call), "
            "voice part and the rehearsals",
            "Members",
            "voice part",
            "call",
        ),
        (
            "A stables app keeping the horses with their name, feed (twice a day), farrier "
            "(because shoes wear out) and owner",
            "Horses",
            "feed",
            "shoes",
        ),
        (
            "A piano teacher keeping the pupils with their name, school (when they tell "
            "us), grade and the lessons",
            "Pupils",
            "grade",
            "tell",
        ),
        (
            "A dog walking app to keep the dogs with their name, breed, vet phone (optional), "
            "walks (weekly) and the owners",
            "Dogs",
            "breed",
            "optional",
        ),
    ],
)
def test_an_aside_in_brackets_is_no_field(idea: str, plural: str, kept: str, aside: str) -> None:
    labels = _labels(_kind(derive_brief(idea), plural))
    assert kept in labels
    assert not any(aside in label for label in labels), labels


def test_an_aside_said_of_a_detail_leaves_it_a_detail_not_the_title() -> None:
    entity = _kind(
        derive_brief(
            "A party planner keeping the guests with their email (if they have one), name and table"
        ),
        "Guests",
    )
    # Only a record's title must be filled in: the detail said optional is never it.
    assert entity.fields[0].label.lower() == "name"
    assert "email" in _labels(entity)


def test_a_question_in_brackets_after_the_record_is_still_its_detail() -> None:
    job = _kind(derive_brief("A plumber's app: each job (date, price, if it was paid)"), "Jobs")
    assert {"date", "price"} <= _labels(job)
    assert any(f.kind == "boolean" and "paid" in f.label.lower() for f in job.fields)


def test_a_when_in_brackets_after_the_record_still_asks_of_it() -> None:
    boiler = _kind(
        derive_brief("A heating engineer's app: each boiler (make, model, when it was fitted)"),
        "Boilers",
    )
    assert {"make", "model"} <= _labels(boiler)
    assert any("fitted" in label for label in _labels(boiler))
