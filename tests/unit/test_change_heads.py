"""A request to add something read by the head of what it adds: "a field for the dog's breed"
adds a field, "a payments record with amount and date paid" a page, and a list after "with" is
a field's choices but a page's fields. Asking for a field to be required or optional is
answered with what the app does. What a founder sees: the plan's fields after the change and
the sentence said. Plans are derived from plain ideas; no app is started."""

from __future__ import annotations

import functools

import pytest

from livebuild.brief.changes import ChangeResult, apply_change
from livebuild.brief.derive import derive_brief
from livebuild.brief.model import Brief

_IDEAS = {
    "dogs": "A dog walking business: keep track of dogs, their owners and the walks we do",
    "bakery": "A bakery: orders, customers and the cakes we bake",
    "choir": "A choir: members, rehearsals and the pieces we sing",
    "garage": "A garage: cars, their owners and the repairs we do",
}


@functools.cache
def _plan(name: str) -> Brief:
    return derive_brief(_IDEAS[name])


def _fields(brief: Brief, plural: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    entity = next(e for e in brief.entities if e.plural == plural)
    return {f.label: (f.kind, f.choices) for f in entity.fields}


def _added(plan: str, result: ChangeResult, plural: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    before = _fields(_plan(plan), plural)
    return {k: v for k, v in _fields(result.brief, plural).items() if k not in before}


def _pages(brief: Brief) -> list[str]:
    return [e.plural for e in brief.entities]


def test_a_field_for_the_dogs_breed_adds_breed_to_dogs() -> None:
    result = apply_change(_plan("dogs"), "add a field for the dog's breed")
    assert _added("dogs", result, "Dogs") == {"Breed": ("text", ())}, result.unmade
    assert _pages(result.brief) == _pages(_plan("dogs"))
    assert result.made and not result.unmade


def test_a_payments_record_with_its_details_adds_a_payments_page() -> None:
    result = apply_change(_plan("dogs"), "add a payments record with amount and date paid")
    assert "Payments" in _pages(result.brief), result.unmade
    fields = _fields(result.brief, "Payments")
    assert fields["Amount"][0] == "money" and fields["Date paid"][0] == "date"
    assert not result.unmade


def test_a_choice_field_said_on_no_kind_asks_which_and_is_never_a_page() -> None:
    result = apply_change(_plan("dogs"), "add a genre field with rock, jazz and folk")
    assert _pages(result.brief) == _pages(_plan("dogs"))
    assert not result.made
    (said,) = result.unmade
    assert "Genre" in said and "Dogs, Owners and Walks" in said
    assert "couldn't work out" not in said


def test_a_choice_field_said_on_a_kind_is_a_choice_with_those_options() -> None:
    result = apply_change(_plan("dogs"), "add a genre field to dogs with rock, jazz and folk")
    assert _added("dogs", result, "Dogs") == {"Genre": ("choice", ("Rock", "Jazz", "Folk"))}


@pytest.mark.parametrize(
    ("request_text", "said"),
    [
        ("make the year optional", "can already be left blank"),
        ("make the phone number required", "only a record's first field"),
        ("the email should be mandatory", "only a record's first field"),
        ("notes can be left blank", "can already be left blank"),
    ],
)
def test_required_or_optional_is_answered_with_what_the_app_does(
    request_text: str, said: str
) -> None:
    result = apply_change(_plan("dogs"), request_text)
    assert result.brief == _plan("dogs") and not result.made
    assert len(result.unmade) == 1 and said in result.unmade[0], result.unmade
    assert "couldn't work out" not in result.unmade[0]


# Other plans, other words for a field and for a record kind: the same grammar.
@pytest.mark.parametrize(
    ("plan", "request_text", "plural", "added"),
    [
        ("bakery", "add a field for the cake's flavour", "Cakes", {"Flavour": ("text", ())}),
        (
            "bakery",
            "add a size column to cakes with small, medium and large",
            "Cakes",
            {"Size": ("choice", ("Small", "Medium", "Large"))},
        ),
        (
            "bakery",
            "add a column for each order's pickup date",
            "Orders",
            {"Pickup date": ("date", ())},
        ),
        (
            "bakery",
            "add a tick box for gluten free to cakes",
            "Cakes",
            {"Gluten free": ("boolean", ())},
        ),
        (
            "choir",
            "add a voice part field to members with soprano, alto, tenor and bass",
            "Members",
            {"Voice part": ("choice", ("Soprano", "Alto", "Tenor", "Bass"))},
        ),
        ("choir", "add a box for the piece's composer", "Pieces", {"Composer": ("text", ())}),
        (
            "choir",
            "put in a field on rehearsals for the venue",
            "Rehearsals",
            {"Venue": ("text", ())},
        ),
        (
            "garage",
            "add a field for the car's registration",
            "Cars",
            {"Registration": ("text", ())},
        ),
        (
            "garage",
            "add a fuel dropdown to cars with petrol, diesel and electric",
            "Cars",
            {"Fuel": ("choice", ("Petrol", "Diesel", "Electric"))},
        ),
        ("garage", "add a mileage column for each car", "Cars", {"Mileage": ("number", ())}),
    ],
)
def test_a_field_word_adds_a_field_on_any_plan(
    plan: str, request_text: str, plural: str, added: dict[str, tuple[str, tuple[str, ...]]]
) -> None:
    result = apply_change(_plan(plan), request_text)
    assert _added(plan, result, plural) == added, (result.made, result.unmade)
    assert _pages(result.brief) == _pages(_plan(plan))
    assert not result.unmade


@pytest.mark.parametrize(
    ("plan", "request_text", "page", "fields"),
    [
        (
            "bakery",
            "add a deliveries record with address and delivery date",
            "Deliveries",
            ["Address", "Delivery date"],
        ),
        ("choir", "add a concert entry with venue and date", "Concerts", ["Venue", "Date"]),
        (
            "garage",
            "add a parts register with part number and price",
            "Parts",
            ["Part number", "Price"],
        ),
    ],
)
def test_a_record_word_adds_a_page_with_the_listed_fields(
    plan: str, request_text: str, page: str, fields: list[str]
) -> None:
    result = apply_change(_plan(plan), request_text)
    assert page in _pages(result.brief), (result.made, result.unmade)
    assert all(f in _fields(result.brief, page) for f in fields), _fields(result.brief, page)


def test_a_head_inside_a_longer_name_is_not_read_as_the_head() -> None:
    # "a record label field" is a field named Record label, not a page of records.
    result = apply_change(_plan("garage"), "add a record label field to cars")
    assert _added("garage", result, "Cars") == {"Record label": ("text", ())}
    assert _pages(result.brief) == _pages(_plan("garage"))


def test_a_listed_field_the_kind_keeps_gets_the_new_options() -> None:
    result = apply_change(_plan("dogs"), "add a status field to walks with booked, done, no-show")
    status = _fields(result.brief, "Walks")["Status"]
    assert status[0] == "choice" and status[1][-2:] == ("Booked", "No-show"), result.unmade
    assert "Statuses" not in _pages(result.brief)


def test_a_field_for_a_kind_alone_asks_what_it_is_for() -> None:
    result = apply_change(_plan("dogs"), "add a field for owners")
    assert result.brief == _plan("dogs")
    assert result.unmade == [
        "Say what the new field on Owners is for, like \u201cadd a phone number to Owners\u201d."
    ]


@pytest.mark.parametrize(
    ("request_text", "plural", "added"),
    [
        # A colour said as a field's options is no colour for the app.
        (
            "add a colour field to dogs with black, brown, white",
            "Dogs",
            {"Colour": ("choice", ("Black", "Brown", "White"))},
        ),
        # A name that ends on a word the kind keeps is a field of its own.
        ("add a feeding notes box to dogs", "Dogs", {"Feeding notes": ("longtext", ())}),
        # "the dog's weight" names Weight, said of Dogs.
        ("I need a field for the dog's weight", "Dogs", {"Weight": ("number", ())}),
    ],
)
def test_a_field_is_named_by_its_own_words(
    request_text: str, plural: str, added: dict[str, tuple[str, tuple[str, ...]]]
) -> None:
    result = apply_change(_plan("dogs"), request_text)
    assert _added("dogs", result, plural) == added, (result.made, result.unmade)
    assert result.brief.theme == _plan("dogs").theme


def test_a_field_said_of_no_kind_goes_on_the_kind_the_founder_pointed_at() -> None:
    # Point-and-say on the Clients list: "add a notes field" is about Clients; unaimed, asked.
    plan = derive_brief(
        "A booking app for independent dog walkers: owners book walks, walkers manage "
        "their schedule and clients."
    )
    clients = next(e for e in plan.entities if e.plural == "Clients")
    asked = apply_change(plan, "add a notes field")
    assert not asked.made and "Which records" in asked.unmade[0]
    aimed = apply_change(plan, "add a notes field", about=clients.slug)
    fields = next(e for e in aimed.brief.entities if e.plural == "Clients").fields
    assert aimed.made and "Notes" in [f.label for f in fields]
