"""Wrong changes known at the end of session 23, mended: a field is never named after the kind
it was asked for on ("add phone to each client" on an app without clients), every "should be"
wish of a request is made, and the tagline asked for after a comma ("the small line under
<app name>, can it say 'X'") is the tagline, never the app's name or a field. Read by the rules
on the real spaCy pipeline; no app is started."""

from __future__ import annotations

import pytest

from livebuild.brief.changes import apply_change
from tests.unit.founder_plans import field_of, labels_of, said
from tests.unit.founder_plans import plan as _plan

pytestmark = pytest.mark.spacy

SALON = _plan(
    "a dog grooming salon: the pets we groom and their appointments",
    [
        {"singular": "Pet", "fields": [["Name", "text"], ["Breed", "text"], ["Owner", "text"]]},
        {
            "singular": "Appointment",
            "fields": [
                ["Title", "text"],
                ["Date", "date"],
                ["Status", "text"],
                ["Notes", "text"],
                ["Price", "money"],
            ],
        },
    ],
)


@pytest.mark.parametrize(
    ("request_", "word"),
    [
        ("add phone to each client", "client"),
        ("add phone to every customer", "customer"),
        ("add phone for each client", "client"),
        ("add an email to every supplier", "supplier"),
    ],
)
def test_a_field_for_a_kind_the_app_lacks_is_said_plainly_not_made(
    request_: str, word: str
) -> None:
    result = apply_change(SALON, request_)
    assert result.brief.entities == SALON.entities, said(result)
    assert f"no \u201c{word}\u201d" in said(result), said(result)
    assert "Pets" in said(result)  # where it could go instead, said


@pytest.mark.parametrize(
    "request_", ["add phone to each pet", "add a phone to every pet", "add phone for each pet"]
)
def test_a_field_for_each_record_of_a_kind_the_app_has_goes_there(request_: str) -> None:
    result = apply_change(SALON, request_)
    assert labels_of(result, "Pets")[-1] == "Phone", said(result)


@pytest.mark.parametrize(
    ("request_", "wishes"),
    [
        (
            "the status should be a choice and the notes should be long text",
            [("Status", "choice"), ("Notes", "longtext")],
        ),
        (
            "the notes should be long text, and the breed should be a choice of Poodle or Lab",
            [("Notes", "longtext"), ("Breed", "choice")],
        ),
        (
            "the price should be a number and the status should be a choice",
            [("Price", "number"), ("Status", "choice")],
        ),
    ],
)
def test_every_should_be_wish_is_made(request_: str, wishes: list[tuple[str, str]]) -> None:
    result = apply_change(SALON, request_)
    for label, kind in wishes:
        plural = "Pets" if label == "Breed" else "Appointments"
        assert field_of(result, plural, label).kind == kind, said(result)
    assert field_of(result, "Appointments", "Notes").choices == (), said(result)


def test_a_wish_that_cant_be_made_is_said_and_the_other_made() -> None:
    result = apply_change(SALON, "the date should be required and the status should be a choice")
    assert field_of(result, "Appointments", "Status").kind == "choice", said(result)
    assert "required" in said(result)


@pytest.mark.parametrize(
    "request_",
    [
        "the small line under Test App, can it say 'Spotless pups'",
        "the small line under the app name, can it say 'Spotless pups'",
        "the little line under Test App, could it read 'Spotless pups'",
        "the small line under the name, can it say 'Spotless pups'",
    ],
)
def test_the_line_under_the_name_after_a_comma_is_the_tagline(request_: str) -> None:
    result = apply_change(SALON, request_)
    assert result.brief.tagline == "Spotless pups", said(result)
    assert result.brief.product_name == SALON.product_name
    assert result.brief.entities == SALON.entities


@pytest.mark.parametrize(
    "request_",
    [
        "we've joined up with the salon next door, so we're 'Thames Valley Grooming' now",
        "we rebranded last month, so we are 'Thames Valley Grooming' now",
        "big news - we rebranded, we are now \u201cThames Valley Grooming\u201d",
    ],
)
def test_who_the_business_now_is_said_in_quotes_renames_the_app(request_: str) -> None:
    result = apply_change(SALON, request_)
    assert result.brief.product_name == "Thames Valley Grooming", said(result)
    assert result.brief.entities == SALON.entities


@pytest.mark.parametrize(
    "request_", ["the status is 'Open' now", "it's 'Paid' now, so make the status a choice"]
)
def test_a_quoted_option_said_as_now_never_renames_the_app(request_: str) -> None:
    result = apply_change(SALON, request_)
    assert result.brief.product_name == SALON.product_name, said(result)


@pytest.mark.parametrize(
    "request_",
    [
        "the tagline, can it say Happy paws",
        "the little text under the name, could it say Happy paws",
        "the line under Test App, can it say something friendlier",
        "the tagline, could it read: Happy paws",
        "the line under Test App, can it say '<script>alert(1)</script>'",
    ],
)
def test_a_question_after_a_comma_is_never_the_tagline_itself(request_: str) -> None:
    result = apply_change(SALON, request_)
    assert not result.brief.tagline.lower().startswith(("can it", "could it")), said(result)
    assert "<" not in result.brief.tagline, said(result)


@pytest.mark.parametrize(
    "request_",
    [
        "rename the app to Pawfect, can it say 'Happy paws' underneath",
        "make the header green, can it say 'Hello again' at the top",
        "add a colour to pets, can it show on the list",
    ],
)
def test_a_question_after_a_whole_request_is_not_lost(request_: str) -> None:
    result = apply_change(SALON, request_)
    assert "can it" in said(result).lower() or result.brief.tagline in (
        "Happy paws",
        "Hello again",
    ), said(result)


@pytest.mark.parametrize(
    "request_", ["we're 'Shut' now", "sorry, we're 'Busy' now", "so we are 'Waiting' now"]
)
def test_a_quoted_word_after_we_are_without_a_naming_word_renames_nothing(request_: str) -> None:
    result = apply_change(SALON, request_)
    assert result.brief.product_name == SALON.product_name, said(result)


@pytest.mark.parametrize(
    "request_", ["add an email for every owner", "add an email for each owner"]
)
def test_each_of_a_field_is_never_in_the_added_fields_name(request_: str) -> None:
    result = apply_change(SALON, request_)
    labels = [f.label.lower() for e in result.brief.entities for f in e.fields]
    assert not any("owner" in label and label != "owner" for label in labels), said(result)
    assert "owner email" in said(result).lower(), said(result)


@pytest.mark.parametrize(
    "request_",
    [
        "the date should be tomorrow and the status should be a choice",
        "the notes should be optional and the status should be a choice",
        "the date should be today",
    ],
)
def test_a_value_said_with_should_be_never_renames_the_field(request_: str) -> None:
    result = apply_change(SALON, request_)
    assert field_of(result, "Appointments", "Date").label == "Date", said(result)
    assert field_of(result, "Appointments", "Notes").label == "Notes", said(result)
