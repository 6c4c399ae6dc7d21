"""Wishes and complaints about the app are read as the change they ask for: a field said to be
pointless is removed, a colour said after a complaint is set, a log the founder keeps becomes
a kind of record with its details, a question of where to write something adds a field."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief.change_ops import (
    AddChoices,
    AddEntity,
    AddField,
    ChangeKind,
    RemoveField,
    RenameEntity,
    SetColour,
    SetName,
    SetTheme,
)
from livebuild.brief.change_reader import read_change
from livebuild.brief.change_wishes import reworded
from livebuild.brief.theme import contrast_ratio

BASES = load()[0]
SHOP, WALKERS, TUTORING = BASES["shop"], BASES["walkers"], BASES["tutoring"]


@pytest.mark.parametrize(
    ("request_", "entity", "field"),
    [
        ("company is pointless on customers, take it off", "customers", "company"),
        ("dont need the breed field on dogs we never fill it in", "dogs", "breed"),
        ("don't want the age showing, the walkers see it", "dogs", "age"),
        ("breed: I prefer not to have that on there", "dogs", "breed"),
    ],
)
def test_a_field_said_to_be_unwanted_is_removed(request_: str, entity: str, field: str) -> None:
    reading = read_change(WALKERS if entity == "dogs" else SHOP, request_)
    assert reading.operations == [RemoveField(entity, field)], reading


def test_a_complaint_that_names_no_field_removes_nothing() -> None:
    reading = read_change(WALKERS, "the app is pointless on Mondays, nobody uses it")
    assert not any(isinstance(op, RemoveField) for op in reading.operations)


@pytest.mark.parametrize(
    ("request_", "said"),
    [
        ("the orange's a bit much, how about a deep crimson red instead?", "deep crimson"),
        ("the red looks like an error tbh, could it be a dark slate grey-blue?", "dark blue"),
        ("can the green be a bit more bright green?", "bright green"),
        ("could the blue be more teal / bright green?", "teal"),
        ("swap the pink for a deep navy blue", "deep navy blue"),
        ("make the main colour a teal rather than orange", "teal"),
    ],
)
def test_the_colour_wanted_after_a_complaint_is_set(request_: str, said: str) -> None:
    colours = [op for op in read_change(SHOP, request_).operations if isinstance(op, SetColour)]
    assert [c.said for c in colours] == [said]


def test_a_colour_named_only_in_a_complaint_is_not_set() -> None:
    reading = read_change(SHOP, "the red looks like an error message")
    assert not reading.operations


def test_a_darker_look_is_the_dark_theme() -> None:
    reading = read_change(SHOP, "can we have a darker look, black background? fits the brand")
    assert SetTheme(dark=True) in reading.operations
    assert contrast_ratio("#000000", "#ffffff") > 3  # the theme reader's own test of dark


@pytest.mark.parametrize(
    ("request_", "name", "fields"),
    [
        (
            "we want to keep track of our leads: calls, emails etc, with source and what they "
            "spent",
            "leads",
            {"Source", "Spent"},
        ),
        (
            "we have to keep a log of the vaccinations we give for the council — which dog, "
            "the vaccine and the date",
            "vaccinations",
            {"Dog", "Vaccine", "Date"},
        ),
        (
            "is it possible to record the trips for each walk? start time, distance and the route",
            "trips",
            {"Start time", "Distance", "Route"},
        ),
    ],
)
def test_a_log_the_founder_keeps_becomes_a_kind_of_record(
    request_: str, name: str, fields: set[str]
) -> None:
    added = [op for op in read_change(WALKERS, request_).operations if isinstance(op, AddEntity)]
    assert [a.name for a in added] == [name]
    assert {f[0] for f in added[0].fields} == fields


def test_a_log_of_what_the_plan_has_adds_its_details_there() -> None:
    reading = read_change(WALKERS, "we keep a log of the dogs: microchip number and vet")
    assert {type(op) for op in reading.operations} == {AddField}


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        ("Where do I write which walker did the walk?", AddField),
        ("We also need each owner's mobile number, in case a dog gets lost", AddField),
        ("rename app: Pawpath Walking Co", SetName),
        ("Would you mind calling the 'Dogs' section 'Pups'?", RenameEntity),
        ("Owners should be called Green clients", RenameEntity),
        ("status: add Rained off and No show", AddChoices),
        ("Breed on dogs should be a breed choice really: Collie, Lab or Mixed?", ChangeKind),
    ],
)
def test_everyday_questions_and_notes_are_read(request_: str, expected: type) -> None:
    reading = read_change(WALKERS, request_)
    assert [type(op) for op in reading.operations] == [expected], reading


def test_a_colour_alone_is_still_no_name_for_records() -> None:
    reading = read_change(WALKERS, "rename owners to dark blue")
    assert not any(isinstance(op, RenameEntity) for op in reading.operations)


def test_rewording_is_bounded_and_leaves_plain_requests_alone() -> None:
    assert reworded("add a phone to owners") == "add a phone to owners"
    assert reworded("mind calling dogs pups") == "call dogs pups"
    long = "mind " + "x" * 100_000
    assert reworded(long) == long


@pytest.mark.parametrize(
    ("request_", "name", "fields"),
    [
        (
            "we need to log call-outs when a dog gets hurt on a walk: which dog, what the injury "
            "is, and when we rang",
            "call-outs",
            {"Dog", "Injury", "Date rang"},
        ),
        (
            "I'd like to keep a list of the parks we walk in, with the name, the postcode and "
            "what we paid for parking",
            "parks",
            {"Name", "Postcode", "Paid"},
        ),
    ],
)
def test_details_said_as_questions_are_named_by_what_they_ask(
    request_: str, name: str, fields: set[str]
) -> None:
    added = [op for op in read_change(WALKERS, request_).operations if isinstance(op, AddEntity)]
    assert [a.name for a in added] == [name]
    assert {f[0] for f in added[0].fields} == fields


def test_what_is_no_longer_counted_is_removed() -> None:
    reading = read_change(WALKERS, "we don't count age anymore, delete it")
    assert RemoveField("dogs", "age") in reading.operations


def test_someone_who_reports_something_is_not_asking_for_reports() -> None:
    asked = read_change(
        WALKERS,
        "we need to log incidents when an owner reports a problem: "
        "which walk, what happened and the date",
    )
    assert [type(op) for op in asked.operations] == [AddEntity]
    declined = read_change(WALKERS, "can we get monthly reports of the walks?")
    assert [type(op).__name__ for op in declined.operations] == ["Cannot"]
