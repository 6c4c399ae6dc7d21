"""Moving a field among its record kind's fields, said in everyday words, read by the rules
or answered by a model: the plan's field order (which the app's form, list and record page
follow) changes, and a move that can't be made offers the closest one that can."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief import Brief
from livebuild.brief.change_intents import FOCUS
from livebuild.brief.change_ops import MoveField
from livebuild.brief.change_reader import read_change
from livebuild.brief.change_schema import read_answer, said, schema
from livebuild.brief.changes import ChangeResult, apply_change, apply_reading

STUDIO = load()[0]["studio"]


def _order(brief: Brief, slug: str) -> list[str]:
    return [f.name for f in next(e for e in brief.entities if e.slug == slug).fields]


@pytest.mark.parametrize(
    ("request_", "operation"),
    [
        ("put the phone number first on members", MoveField("members", "phone", "first")),
        (
            "move capacity above the instructor",
            MoveField("classes", "capacity", "before", "instructor"),
        ),
        (
            "on classes can the instructor come before the title?",
            MoveField("classes", "instructor", "before", "title"),
        ),
        (
            "bookings: put the status before the member please",
            MoveField("bookings", "status", "before", "member"),
        ),
        (
            "I want to see the email after the notes for members",
            MoveField("members", "email", "after", "notes"),
        ),
        ("show the instructor last on classes", MoveField("classes", "instructor", "last")),
    ],
)
def test_a_move_said_any_everyday_way_is_a_typed_move_of_the_plans_own_field(
    request_: str, operation: MoveField
) -> None:
    assert read_change(STUDIO, request_).operations == [operation]


def test_the_app_shows_fields_in_the_order_asked() -> None:
    result = apply_change(STUDIO, "on classes I want to see the instructor before the title")
    assert _order(result.brief, "classes") == ["instructor", "title", "starts_on", "capacity"]
    assert result.made == [
        "Moved Instructor first on Classes. Instructor is now what each of them is called."
    ]
    # Nothing else moved: the other kinds keep their order.
    assert _order(result.brief, "members") == _order(STUDIO, "members")


def test_a_number_put_first_goes_right_after_each_records_title() -> None:
    result = apply_change(STUDIO, "put the capacity first on classes")
    assert _order(result.brief, "classes") == ["title", "capacity", "instructor", "starts_on"]
    assert result.made == [
        "Moved Capacity right after Title on Classes. Title stays first: it is what each of "
        "your classes is called."
    ]


def test_a_number_cant_become_each_records_title_and_the_closest_move_is_offered() -> None:
    result = apply_change(STUDIO, "on classes put the capacity before the title")
    assert result.made == [] and result.brief == STUDIO
    assert "has to be text" in result.unmade[0]
    offered = result.suggestions[0]
    assert offered.change_request == "put capacity after title on classes"
    confirmed = apply_change(STUDIO, offered.change_request)
    assert _order(confirmed.brief, "classes") == ["title", "capacity", "instructor", "starts_on"]


def test_a_record_kind_moved_is_still_the_navigations_order() -> None:
    result = apply_change(STUDIO, "put bookings first")
    assert result.brief.entities[0].slug == "bookings"


def test_a_move_of_a_field_the_plan_doesnt_have_changes_nothing() -> None:
    result = apply_change(STUDIO, "put the shoe size first on members")
    assert result.brief == STUDIO and not result.made


def test_a_models_move_is_bound_to_the_plans_keys_and_made_after_checks() -> None:
    shape = str(schema(STUDIO))
    assert "move_field" in shape and "'anchor'" in shape
    answer = [
        {
            "op": "move_field",
            "entity": "members",
            "field": "notes",
            "place": "after",
            "anchor": "name",
        }
    ]
    reading = read_answer(STUDIO, answer)
    assert reading.operations == [MoveField("members", "notes", "after", "name")]
    result = ChangeResult(STUDIO)
    apply_reading(result, reading)
    assert _order(result.brief, "members") == ["name", "notes", "email", "phone"]


def test_an_unsure_move_is_offered_in_words_the_rules_read_back_the_same() -> None:
    answer = [
        {
            "op": "move_field",
            "entity": "classes",
            "field": "capacity",
            "place": "before",
            "anchor": "instructor",
            "sure": False,
        }
    ]
    reading = read_answer(STUDIO, answer)
    assert reading.operations == []
    request = reading.suggestions[0].change_request
    assert read_change(STUDIO, request).operations == [
        MoveField("classes", "capacity", "before", "instructor")
    ]


@pytest.mark.parametrize(
    "answer",
    [
        [{"op": "move_field", "entity": "members", "field": "phone", "place": "sideways"}],
        [{"op": "move_field", "entity": "members", "field": "phone", "anchor": "x" * 41}],
        [{"op": "move_field", "entity": "members", "field": "phone", "place": "first", "to": 0}],
    ],
)
def test_a_hostile_or_malformed_move_is_refused(answer: object) -> None:
    from livebuild.brief.change_schema import Unreadable

    with pytest.raises(Unreadable):
        read_answer(STUDIO, answer)


def test_the_said_form_of_every_move_is_read_back_as_the_same_move() -> None:
    for operation in (
        MoveField("members", "phone", "first"),
        MoveField("members", "phone", "last"),
        MoveField("classes", "capacity", "after", "instructor"),
    ):
        assert read_change(STUDIO, said(STUDIO, operation)).operations == [operation]


def test_a_request_is_not_read_about_the_record_kind_an_earlier_one_was_about() -> None:
    # Seen in CI: a change made earlier in the same thread left its record kind in focus,
    # and "move capacity above the instructor" was then looked for among members' fields.
    token = FOCUS.set("members")
    try:
        operations = read_change(STUDIO, "move capacity above the instructor").operations
    finally:
        FOCUS.reset(token)
    assert operations == [MoveField("classes", "capacity", "before", "instructor")]


@pytest.mark.parametrize(
    ("request_", "order"),
    [
        ("move the phone up on members", ["name", "phone", "email", "notes"]),
        ("bump notes up a place on members", ["name", "email", "notes", "phone"]),
        ("move email down one on members", ["name", "phone", "email", "notes"]),
    ],
)
def test_a_field_moved_one_place_up_or_down(request_: str, order: list[str]) -> None:
    result = apply_change(STUDIO, request_)
    assert _order(result.brief, "members") == order, result.unmade


def test_up_in_other_words_moves_nothing() -> None:
    reading = read_change(STUDIO, "the phone should show up on members")
    assert not any(isinstance(op, MoveField) for op in reading.operations)


def test_a_models_one_place_move_is_said_back_as_the_rules_read_it() -> None:
    answer = read_answer(
        STUDIO, [{"op": "move_field", "entity": "members", "field": "notes", "place": "up"}]
    )
    request = said(STUDIO, answer.operations[0])
    assert read_change(STUDIO, request).operations == answer.operations
    assert "up" in schema(STUDIO)["$defs"]["AnswerMoveField"]["properties"]["place"]["enum"]


@pytest.mark.parametrize(
    ("request_", "operation"),
    [
        (
            "Classes: capacity before instructor",
            MoveField("classes", "capacity", "before", "instructor"),
        ),
        (
            "Bookings: status after member please",
            MoveField("bookings", "status", "after", "member"),
        ),
    ],
)
def test_two_fields_round_before_or_after_with_no_verb_are_an_order(
    request_: str, operation: MoveField
) -> None:
    result = apply_change(STUDIO, request_)
    assert result.operations == [operation], (result.made, result.unmade)


def test_before_said_of_a_time_is_not_an_order() -> None:
    result = apply_change(STUDIO, "bookings: a reminder call before the class")
    assert not any(isinstance(op, MoveField) for op in result.operations), result.made
