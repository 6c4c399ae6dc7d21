"""Change operations as a model would answer them: bound to the plan's own names, checked
before they are made, and an unsure one offered back in words the rules read the same way."""

from __future__ import annotations

from typing import Any

import pytest

from bench.changes import load
from livebuild.brief.change_ops import (
    AddChoices,
    AddEntity,
    AddField,
    ChangeKind,
    FeatureOff,
    RemoveEntity,
    RemoveField,
    RenameEntity,
    RenameField,
    Reorder,
    SetName,
    SetTheme,
)
from livebuild.brief.change_schema import Unreadable, read_answer, said, schema
from livebuild.brief.changes import ChangeResult, apply_change, apply_reading

STUDIO = load()[0]["studio"]


def test_the_schema_names_only_the_plans_records_fields_and_kinds() -> None:
    shape = schema(STUDIO)
    text = str(shape)
    assert "'members'" in text and "'bookings'" in text and "'status'" in text
    assert "'longtext'" in text


def test_an_answer_becomes_typed_operations_and_is_made_after_checks() -> None:
    answer = [
        {"op": "add_field", "entity": "members", "label": "Mobile number", "kind": "text"},
        {"op": "add_choices", "entity": "bookings", "field": "status", "choices": ["Late"]},
        {"op": "set_theme", "dark": True},
        {"op": "change_kind", "entity": "members", "field": "name", "kind": "number"},
        {"op": "cannot", "why": "The app can't send text messages."},
    ]
    reading = read_answer(STUDIO, answer)
    assert reading.operations[:3] == [
        AddField("members", "Mobile number", "text"),
        AddChoices("bookings", "status", ("Late",)),
        SetTheme(True),
    ]
    result = ChangeResult(STUDIO)
    apply_reading(result, reading)
    assert len(result.made) == 3
    assert "stays text" in result.unmade[0] and "text messages" in result.unmade[1]


@pytest.mark.parametrize(
    "answer",
    [
        "add a field",
        {"op": "add_field"},
        [{"op": "drop_table", "entity": "members"}],
        [{"op": "add_field", "entity": "members", "label": "x" * 61}],
        [{"op": "add_choices", "entity": "bookings", "field": "status", "choices": ["a"] * 13}],
        [{"op": "set_theme", "dark": True}] * 13,
        [{"op": "set_name", "name": "Hi", "extra": "<script>"}],
    ],
)
def test_an_answer_that_isnt_operations_on_this_plan_is_refused(answer: Any) -> None:
    with pytest.raises(Unreadable):
        read_answer(STUDIO, answer)


def test_an_unsure_operation_is_offered_in_words_the_rules_read_back() -> None:
    answer = [{"op": "rename_entity", "entity": "members", "new": "Clients", "sure": False}]
    reading = read_answer(STUDIO, answer)
    assert reading.operations == []
    offered = reading.suggestions[0]
    assert offered.change_request == "rename Members to Clients"
    assert apply_change(STUDIO, offered.change_request).operations == [
        RenameEntity("members", "Clients")
    ]


@pytest.mark.parametrize(
    "operation",
    [
        AddField("classes", "Room", "text"),
        AddChoices("bookings", "status", ("Late",)),
        RenameEntity("bookings", "Reservations"),
        SetTheme(True),
        RemoveField("members", "notes"),
        RenameField("classes", "instructor", "Teacher"),
        ChangeKind("classes", "capacity", "text"),
        ChangeKind("bookings", "status", "choice", ("Booked", "Late")),
        RemoveEntity("bookings"),
        SetName("Studio Flow"),
        FeatureOff("Email reminders"),
        Reorder("bookings", 0),
        Reorder("members", None),
        AddEntity("Invoices", (("Amount", "money", ()), ("Due date", "date", ()))),
    ],
)
def test_every_operation_said_in_words_reads_back_as_itself(operation: Any) -> None:
    assert apply_change(STUDIO, said(STUDIO, operation)).operations == [operation]
