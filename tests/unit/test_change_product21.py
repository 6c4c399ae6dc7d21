"""Two everyday requests the rules misread (session 20's note): "put the date first" on a
kind whose first field is its title moves the date right after the title and says so; "add a
phone number to customers and text them when the job's done" adds the phone and says plainly
that the texting can't be done."""

from __future__ import annotations

import re

import pytest

from bench.changes import _plan
from livebuild.brief.change_ops import AddField
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief, Field
from livebuild.brief.samples import fits

SCHOOL = _plan(
    {
        "idea": "A dance school: classes, members, customers and the jobs we do for them.",
        "product_name": "Step Up",
        "tagline": "Dance",
        "features": ["Keep classes"],
        "entities": [
            {
                "singular": "Class",
                "plural": "Classes",
                "fields": [
                    ["Title", "text"],
                    ["Teacher", "text"],
                    ["Date", "date"],
                    ["Level", "choice", "Beginner", "Advanced"],
                ],
            },
            {"singular": "Member", "fields": [["Name", "text"], ["Email", "email"]]},
            {"singular": "Customer", "fields": [["Name", "text"], ["Email", "email"]]},
            {"singular": "Job", "fields": [["Title", "text"], ["Customer", "text"]]},
        ],
    }
)


def _labels(brief: Brief, plural: str) -> list[str]:
    return [f.label for f in next(e for e in brief.entities if e.plural == plural).fields]


@pytest.mark.parametrize(
    "request_",
    ["put the date first", "put the date first on classes", "Classes: date first please"],
)
def test_a_date_put_first_goes_right_after_the_title_and_says_so(request_: str) -> None:
    result = apply_change(SCHOOL, request_)
    assert _labels(result.brief, "Classes") == ["Title", "Date", "Teacher", "Level"]
    assert not result.unmade and not any(
        "Date first" in label for label in _labels(result.brief, "Classes")
    )
    [said] = result.made
    assert "right after Title" in said and "Title stays first" in said


def test_a_date_put_first_beside_a_cant_do_is_still_moved() -> None:
    result = apply_change(SCHOOL, "can it email parents and put the date first on classes")
    assert _labels(result.brief, "Classes") == ["Title", "Date", "Teacher", "Level"]
    assert any("can't send emails" in line for line in result.unmade)


def test_a_field_already_right_after_the_title_is_said_to_be_as_far_up_as_it_goes() -> None:
    moved = apply_change(SCHOOL, "put the date first").brief
    result = apply_change(moved, "put the date first")
    assert result.brief == moved and not result.unmade
    assert result.made == ["Date is already right after Title on Classes, as far up as it goes."]


@pytest.mark.parametrize(
    ("request_", "plural"),
    [
        ("add a phone number to customers and text them when the job's done", "Customers"),
        ("add a phone number to members and text them when a class is cancelled", "Members"),
        ("add a mobile number to customers and send them a text when the job is done", "Customers"),
    ],
)
def test_a_field_asked_beside_a_text_message_is_added_and_the_texting_declined(
    request_: str, plural: str
) -> None:
    result = apply_change(SCHOOL, request_)
    assert _labels(result.brief, plural)[-1].lower() in ("phone", "phone number", "mobile number")
    assert any("can't send text messages" in line for line in result.unmade)
    # Nothing offered that was just made.
    assert not any(plural in s.change_request for s in result.suggestions if s.change_request)


def test_an_email_field_and_a_mailing_beside_it() -> None:
    result = apply_change(SCHOOL, "add a notes field to jobs and email the customer when it's done")
    assert _labels(result.brief, "Jobs")[-1] == "Notes"
    assert any("can't send emails" in line for line in result.unmade)


def test_an_order_of_fields_said_with_and_stays_one_change() -> None:
    """The cut is only where the words after "and" are themselves a can't-do."""
    result = apply_change(SCHOOL, "add phone and email fields to jobs")
    assert {"Phone", "Email"} <= set(_labels(result.brief, "Jobs"))
    assert not result.unmade


@pytest.mark.parametrize(
    ("request_", "shape"),
    [
        ("add a phone number to members", r"555-01\d\d"),
        ("add a start time to classes", r"\d\d:\d\d"),
        ("add a paid yes or no to members", r"yes|no"),
    ],
)
def test_a_field_added_by_a_change_starts_with_samples_of_its_kind(
    request_: str, shape: str
) -> None:
    """The app opens with its sample records: a phone added by a change reads as a phone
    number, not "Summit phone number"; a time as a time; a yes-or-no as yes or no."""
    result = apply_change(SCHOOL, request_)
    [added] = [op for op in result.operations if isinstance(op, AddField)]
    entity = next(e for e in result.brief.entities if e.slug == added.entity)
    field = next(f for f in entity.fields if f.label == added.label)
    values = [row[field.name] for row in entity.seed]
    assert values and all(re.fullmatch(shape, value) for value in values), values


@pytest.mark.parametrize(
    "request_",
    [
        # Review D's four: the removal only makes sense with the can't-do beside it.
        "remove members and email them that the club has closed",
        "delete all the customers and send them a text to say goodbye",
        "remove the email field from members and email them a newsletter instead",
        "delete the email from customers and send them texts instead",
        # Two more: "get rid of" records, and "instead" after an addition.
        "get rid of the jobs and email each customer to say we're done",
        "add a notes field to members and email them instead",
    ],
)
def test_a_removal_beside_a_cant_do_deletes_nothing_and_the_cant_do_is_said(
    request_: str,
) -> None:
    """A founder asking to delete records "and email them" would lose the records for a
    mailing the app can't send: the request stays whole, nothing changes, the can't-do is said."""
    result = apply_change(SCHOOL, request_)
    assert result.brief == SCHOOL, result.made
    assert any("can't send" in line for line in result.unmade), result.unmade


@pytest.mark.parametrize(
    "request_",
    [
        "show classes with the earliest date first",
        "list the classes with the newest date first",
        "sort classes by date first",
    ],
)
def test_an_order_of_records_moves_no_field_and_says_so_plainly(request_: str) -> None:
    """ "the earliest date first" asks which classes come first, not where the Date field
    sits: nothing moves, and the founder is told so."""
    result = apply_change(SCHOOL, request_)
    assert result.brief == SCHOOL, result.made
    assert not result.made and result.unmade


@pytest.mark.parametrize(
    ("request_", "shape"),
    [
        ("change the teacher field on classes to a yes or no", r"yes|no"),
        ("make teacher a time", r"\d\d:\d\d"),
    ],
)
def test_a_field_whose_kind_changes_gets_samples_of_its_new_kind(request_: str, shape: str) -> None:
    """A Teacher made yes-or-no opened with "Sofia Rossi" in a yes-or-no column."""
    result = apply_change(SCHOOL, request_)
    classes = next(e for e in result.brief.entities if e.plural == "Classes")
    values = [row["teacher"] for row in classes.seed]
    assert values and all(re.fullmatch(shape, value) for value in values), values


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (
            "phone",
            ["555-0142", "+44 20 7946 0958", "(555) 010-0199 ext 4"],
            ["Summit teacher", "12"],
        ),
        ("time", ["09:30", "9:30 pm", "14.05"], ["Juniper start time", "25:00"]),
        ("datetime", ["2026-05-14 09:30", "2026-05-14T09:30"], ["next Tuesday", "09:30"]),
        ("url", ["https://example.com", "example.com/menu"], ["Aurora website", "javascript:x"]),
        ("boolean", ["yes", "no", "Yes"], ["Aurora paid", "maybe"]),
    ],
)
def test_samples_of_the_shaped_kinds_are_checked_against_their_shape(
    kind: str, good: list[str], bad: list[str]
) -> None:
    field = Field(name="f", label="F", kind=kind)
    assert all(fits(field, value) for value in good), good
    assert not any(fits(field, value) for value in bad), bad
