"""What a founder sees in a new app's example rows: each list of people names its own
people, a walk is for its client, a booking's class is one of the classes, and a time is a
time of day, never "Harbor time"."""

from __future__ import annotations

import re
from typing import Any

from livebuild.appgen.sample_details import detail_value
from livebuild.appgen.spec import build_spec
from livebuild.brief.derive import derive_brief

WALKERS = build_spec(
    derive_brief(
        "A booking app for independent dog walkers: owners book walks, walkers manage "
        "their schedule and clients."
    )
).entities
POTTERY = build_spec(
    derive_brief(
        "Booking app for my pottery studio: wheel classes, members, and kiln firings with "
        "the cone temperature"
    )
).entities


def _kind(entities: tuple[dict[str, Any], ...], plural: str) -> dict[str, Any]:
    return next(e for e in entities if e["plural"] == plural)


def _column(entity: dict[str, Any], label: str) -> list[str]:
    name = next(f["name"] for f in entity["fields"] if f["label"] == label)
    return [str(row[name]) for row in entity["seed"]]


def test_two_lists_of_people_name_different_people() -> None:
    walkers = set(_column(_kind(WALKERS, "Walkers"), "Name"))
    clients = set(_column(_kind(WALKERS, "Clients"), "Name"))
    assert walkers and clients and not walkers & clients
    walks = _kind(WALKERS, "Walks")
    for walker, client in zip(_column(walks, "Walker"), _column(walks, "Client"), strict=True):
        assert walker != client  # nobody walks their own dog for money


def test_a_walk_is_named_for_its_client() -> None:
    walks = _kind(WALKERS, "Walks")
    for title, client in zip(_column(walks, "Walk"), _column(walks, "Client"), strict=True):
        assert title == f"Walk for {client}"


def test_a_detail_called_by_another_list_names_one_of_its_records() -> None:
    classes = set(_column(_kind(POTTERY, "Wheel classes"), "Wheel class"))
    booked = _column(_kind(POTTERY, "Bookings"), "Wheel class")
    assert booked and set(booked) <= classes, booked  # not "Wheel class 2"
    walks = set(_column(_kind(WALKERS, "Walks"), "Walk"))
    assert set(_column(_kind(WALKERS, "Bookings"), "Walk")) <= walks


def test_a_booking_for_a_member_is_that_members() -> None:
    bookings = _kind(POTTERY, "Bookings")
    for title, member in zip(
        _column(bookings, "Booking"), _column(bookings, "Member"), strict=True
    ):
        assert title == f"Booking for {member}"


def test_a_time_is_a_time_of_day() -> None:
    for entities in (WALKERS, POTTERY):
        times = _column(_kind(entities, "Bookings"), "Time")
        assert times and all(re.fullmatch(r"\d\d:\d\d", t) for t in times), times


def test_a_person_called_by_another_lists_name_is_on_that_list() -> None:
    members = set(_column(_kind(POTTERY, "Members"), "Name"))
    assert set(_column(_kind(POTTERY, "Bookings"), "Member")) <= members
    walkers = set(_column(_kind(WALKERS, "Walkers"), "Name"))
    assert set(_column(_kind(WALKERS, "Clients"), "Walker")) <= walkers


PIANO = build_spec(
    derive_brief("A piano teacher's app: students, lessons, invoices and parents")
).entities
SPORTS = build_spec(
    derive_brief("A sports club app for coaches, players, parents and training sessions")
).entities


def test_each_sample_row_has_its_own_title() -> None:
    """Two invoices both "Invoice for Kenji Watanabe" make a link by title ambiguous and
    read as a mistake."""
    for entities, plural in (
        (POTTERY, "Bookings"),
        (PIANO, "Invoices"),
        (WALKERS, "Bookings"),
        (SPORTS, "Training sessions"),
    ):
        entity = _kind(entities, plural)
        titles = _column(entity, entity["fields"][0]["label"])
        assert len(set(titles)) == len(titles), (plural, titles)


def test_a_booking_is_not_for_the_walker_who_does_it() -> None:
    bookings = _kind(WALKERS, "Bookings")
    for title, walker in zip(
        _column(bookings, "Booking"), _column(bookings, "Walker"), strict=True
    ):
        assert title != f"Booking for {walker}", title


def test_a_third_list_of_people_is_not_the_first_again() -> None:
    """A sports club's parents are not its coaches, and no training session has the same
    person as its coach and a player's parent."""
    coaches = _column(_kind(SPORTS, "Coaches"), "Name")
    parents = _column(_kind(SPORTS, "Parents"), "Name")
    assert parents != coaches
    sessions = _kind(SPORTS, "Training sessions")
    people = [_column(sessions, label) for label in ("Coach", "Player", "Parent")]
    for row in zip(*people, strict=True):
        assert len(set(row)) == len(row), row


def test_a_time_taken_is_not_a_time_of_day() -> None:
    for label in ("Time spent", "Time (minutes)", "Time zone", "Time off"):
        name = re.sub(r"\W+", "_", label.lower()).strip("_")
        field = {"label": label, "name": name, "kind": "text"}
        assert not re.fullmatch(r"\d\d:\d\d", detail_value(field, "Shift", 0)), label
    for label in ("Time", "Start time", "Pickup time"):
        field = {"label": label, "name": label.lower().replace(" ", "_"), "kind": "text"}
        assert re.fullmatch(r"\d\d:\d\d", detail_value(field, "Shift", 0)), label
