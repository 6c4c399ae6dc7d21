"""The offline change reader on everyday phrasings: typed operations on the plan's own names,
made only after they are checked, unsure readings offered back, renames carried through."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bench.changes import Case, failed_checks, load
from livebuild.brief import Brief
from livebuild.brief.change_apply import apply_operation
from livebuild.brief.change_intents import Refused
from livebuild.brief.change_limits import limits
from livebuild.brief.change_ops import AddEntity, AddField, Cannot, ChangeKind, RenameEntity
from livebuild.brief.change_reader import read_change
from livebuild.brief.change_wordlists import words
from livebuild.brief.changes import apply_change

# What a founder is told when a new main colour brings a matching accent.
ACCENT_MOVED = "The accent colour moved to a matching shade, so the two fit together."

PLANS, CASES = load()
STUDIO, SHOP, CLINIC = PLANS["studio"], PLANS["shop"], PLANS["clinic"]


def _fields(brief: Brief, plural: str) -> dict[str, str]:
    entity = next(e for e in brief.entities if e.plural == plural)
    return {f.label: f.kind for f in entity.fields}


@pytest.mark.parametrize("case", CASES, ids=[c.request[:60] for c in CASES])
def test_every_dev_phrasing_is_applied_as_meant(case: Case) -> None:
    before = PLANS[case.plan]
    result = apply_change(before, case.request)
    missed = failed_checks(before, result, case.checks)
    assert not missed, (missed, result.made, result.unmade)


def test_a_need_a_question_and_a_lack_are_typed_fields_on_the_plans_own_records() -> None:
    reading = read_change(STUDIO, "members should have a mobile number too")
    assert reading.operations == [AddField("members", "Mobile number", "phone")]
    reading = read_change(STUDIO, "could we note the room for each class?")
    assert reading.operations == [AddField("classes", "Room", "text")]
    reading = read_change(SHOP, "orders need a delivery date")
    assert reading.operations == [AddField("orders", "Delivery date", "date")]


def test_a_typo_rename_takes_the_name_and_never_the_remark() -> None:
    result = apply_change(CLINIC, "Rename AppointmentsAppointments to Appointments, that's a typo")
    names = [e.plural for e in result.brief.entities]
    assert names[0] == "Appointments" and not any("typo" in n for n in names)
    assert result.brief.entities[0].slug == "appointments"
    # The rename carries through to every place the plan named the old records.
    assert result.brief.tagline == "Keep track of Appointments and patients"
    assert "Book Appointments" in result.brief.features


def test_a_page_for_invoices_is_invoices_never_pages() -> None:
    result = apply_change(SHOP, "add a page for invoices with amount and due date")
    assert [e.plural for e in result.brief.entities][-1] == "Invoices"
    assert _fields(result.brief, "Invoices") == {
        "Name": "text",
        "Amount": "money",
        "Due date": "date",
    }
    payments = apply_change(
        STUDIO, "a Payments page to record each payment with its amount and the date it arrived"
    )
    assert _fields(payments.brief, "Payments") == {
        "Name": "text",
        "Amount": "money",
        "Date arrived": "date",
    }


@pytest.mark.parametrize(
    "request_text",
    ["Add a phone number", "add a postal code to customers", "add a customer ID to orders"],
)
def test_phone_numbers_postal_codes_and_ids_are_text(request_text: str) -> None:
    result = apply_change(SHOP, request_text)
    added = [op for op in result.operations if isinstance(op, AddField)]
    # Written down, never counted: a phone number gets the phone kind, the rest are text.
    assert added and all(op.kind in ("text", "phone") for op in added), result.operations
    assert all(op.kind == "phone" for op in added if "phone" in op.label.lower())
    # Sample rows were made for the new field, and "+1 555 010 0199" is a value it takes.
    owner = next(e for e in result.brief.entities if e.slug == added[0].entity)
    assert all(
        row.get(next(f.name for f in owner.fields if f.label == added[0].label))
        for row in owner.seed
    )


def test_dark_blue_is_a_colour_and_a_dark_theme_is_a_theme() -> None:
    blue = apply_change(STUDIO, "make the buttons dark blue")
    assert blue.brief.theme.background == STUDIO.theme.background
    assert blue.brief.theme.primary != STUDIO.theme.primary
    assert blue.made == [f"Made the main colour dark blue. {ACCENT_MOVED}"]
    dark = apply_change(STUDIO, "use a dark theme")
    assert dark.brief.theme.background != STUDIO.theme.background
    assert dark.brief.theme.primary == STUDIO.theme.primary


@pytest.mark.parametrize(
    ("request_text", "colour", "dark"),
    [
        ("make it dark blue", "dark blue", False),
        ("a darker green", "darker green", False),
        ("navy please", "navy", False),
        ("can we have a deep purple", "deep purple", False),
        ("dark mode please", None, True),
        ("make it dark", None, True),
    ],
)
def test_a_shade_word_is_a_colour_and_only_a_theme_word_is_the_theme(
    request_text: str, colour: str | None, dark: bool
) -> None:
    result = apply_change(STUDIO, request_text)
    theme = result.brief.theme
    assert (theme.background != STUDIO.theme.background) is dark, result.made
    assert (theme.primary != STUDIO.theme.primary) is (colour is not None), result.made
    if colour is not None:
        assert result.made == [f"Made the main colour {colour}. {ACCENT_MOVED}"]


def test_an_unsure_reading_is_offered_to_confirm_and_the_offer_works() -> None:
    result = apply_change(STUDIO, "rename members to the people who come to our classes")
    assert result.brief == STUDIO and not result.made
    assert len(result.suggestions) == 1
    offered = result.suggestions[0]
    assert offered.change_request == "rename Members to People"
    assert "Did you mean" in offered.text and result.unmade == [offered.text]
    confirmed = apply_change(STUDIO, offered.change_request)
    assert confirmed.made == ["Renamed Members to People."] and not confirmed.suggestions


def test_what_no_app_can_do_is_said_with_the_closest_thing_to_confirm() -> None:
    result = apply_change(SHOP, "We should be able to take card payments online")
    assert result.brief == SHOP and not result.made
    assert isinstance(result.operations, list) and not result.operations
    assert "can't take payments" in result.unmade[0]
    assert "add a Payments page" in result.unmade[0]
    closest = result.suggestions[0].change_request
    made = apply_change(SHOP, closest)
    assert "Payments" in [e.plural for e in made.brief.entities], made.unmade
    reading = read_change(SHOP, "send SMS reminders to customers")
    assert [type(op) for op in reading.operations] == [Cannot]


def test_a_renamed_record_kind_renames_the_fields_and_rows_that_named_it() -> None:
    result = apply_change(STUDIO, "please call members 'clients' instead")
    bookings = next(e for e in result.brief.entities if e.plural == "Bookings")
    assert bookings.fields[0].label == "Client"
    assert all("client" in row for row in bookings.seed)
    assert "Book clients into classes" in result.brief.features


def test_a_renamed_field_keeps_its_values_and_kind() -> None:
    result = apply_change(SHOP, "customers' company should be called business name")
    customers = next(e for e in result.brief.entities if e.plural == "Customers")
    before = next(e for e in SHOP.entities if e.plural == "Customers")
    assert [row["business_name"] for row in customers.seed] == [
        row["company"] for row in before.seed
    ]


def test_names_match_across_typos_and_number() -> None:
    for said in ("memebers", "Member", "members", "MEMBERS"):
        reading = read_change(STUDIO, f"add a birthday to {said}")
        assert reading.operations == [AddField("members", "Birthday", "date")], said


def test_an_operation_is_checked_before_it_is_made() -> None:
    # As a model might send them: each is refused plainly and changes nothing.
    for operation in (
        AddField("no-such-records", "Colour", "text"),
        AddField("members", "Mood", "banana"),
        ChangeKind("members", "name", "number"),
        RenameEntity("members", "Classes"),
    ):
        with pytest.raises(Refused):
            apply_operation(STUDIO, operation)
    full = STUDIO
    for n in range(5):
        full, _ = apply_operation(full, AddEntity(f"Thing{'x' * n}s"))
    with pytest.raises(Refused, match="the most we build"):
        apply_operation(full, AddEntity("Extras"))


@pytest.mark.parametrize(
    "request_text",
    [
        "add a page",
        "make it sparkle",
        "add stuff that is good for us and them",
        "the orders page is confusing",
        "add more sample data",
        "make customer email required",
        "we need a way to see who ordered",
        "a better name",
        "add our address to the about page",
        "add a calendar view",
        "customers' postal code should be a number",
    ],
)
def test_a_request_is_never_applied_as_literal_text(request_text: str) -> None:
    before = apply_change(SHOP, "add a postal code to customers").brief
    result = apply_change(before, request_text)
    assert result.brief == before and not result.made, result.made
    assert result.unmade and all("Traceback" not in line for line in result.unmade)


def test_choices_a_field_and_a_link_said_in_passing() -> None:
    levels = apply_change(STUDIO, "add levels: beginner, intermediate, advanced to classes")
    assert levels.operations == [
        AddField("classes", "Level", "choice", ("Beginner", "Intermediate", "Advanced"))
    ]
    late = apply_change(STUDIO, "change the status of bookings to include Late")
    bookings = next(e for e in late.brief.entities if e.plural == "Bookings")
    assert bookings.fields[2].choices == ("Booked", "Attended", "Cancelled", "Late")
    linked = apply_change(STUDIO, "add an instructors page and link bookings to instructors")
    assert "Instructor" in _fields(linked.brief, "Bookings"), linked.unmade


def test_the_word_lists_are_data_checked_when_loaded() -> None:
    good = words().model_dump()
    assert good["kinds"]["money"] == "money" and "remove" in good["lists"]["verbs"]
    for bad in (
        {**good, "kinds": {"price": "currency"}},
        {**good, "slips": {"Teh": "the"}},
        {**good, "extra": []},
    ):
        with pytest.raises(ValidationError):
            type(words()).model_validate(bad)
    assert all(limit.why and limit.words.pattern for limit in limits())
