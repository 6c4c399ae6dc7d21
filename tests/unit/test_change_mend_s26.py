"""Change requests of session 26, read by the rules on the real spaCy pipeline (no app is
started): the tagline said as "our subtitle should now say: X" or "write under our name: X";
a field said to need room ("usually a whole paragraph", "needs a big box") becomes long text,
never a field called "Big box"; a curt removal with its reason between ("X on a Y: never used
it. Drop it.") removes X and adds nothing of the reason; a new name that happens to hold a word
of something no app can do ("call them Map pages") is a rename, not a can't-do; and an order
said as importance ("X matters most, right after A, above who the B is") moves X. Plans and
requests are written for these tests; none is from a held-out round."""

from __future__ import annotations

import pytest

from livebuild.brief.changes import apply_change
from tests.unit.founder_plans import field_of, labels_of, said
from tests.unit.founder_plans import plan as _plan

pytestmark = pytest.mark.spacy

BAKERY = _plan(
    "a bakery: the loaves we bake, our customers and their standing orders",
    [
        {
            "singular": "Customer",
            "fields": [["Name", "text"], ["Email", "email"], ["Village", "text"]],
        },
        {
            "singular": "Standing order",
            "fields": [
                ["Loaf", "text"],
                ["Customer", "text"],
                ["Instructions", "text"],
                ["Day", "date"],
                ["Paid", "boolean"],
            ],
        },
        {
            "singular": "Leg",
            "fields": [["Route", "text"], ["Driver", "text"], ["Stops", "number"]],
        },
    ],
)


@pytest.mark.parametrize(
    "request_",
    [
        "our little subtitle should now say: Bread baked before dawn",
        "my tagline should say: Bread baked before dawn",
        "Please write under our name: Bread baked before dawn",
        "could you put under our name: Bread baked before dawn",
    ],
)
def test_the_tagline_said_as_ours_or_as_words_under_our_name(request_: str) -> None:
    result = apply_change(BAKERY, request_)
    assert result.brief.tagline == "Bread baked before dawn", said(result)
    assert labels_of(result, "Customers") == ["Name", "Email", "Village"], said(result)


@pytest.mark.parametrize(
    "request_",
    [
        "the Instructions on a standing order are often a whole paragraph, they need a big box",
        "Instructions on standing orders need a bigger box to write in, not one line",
        "the instructions on an order are usually a long paragraph",
    ],
)
def test_a_field_said_to_need_room_becomes_long_text(request_: str) -> None:
    result = apply_change(BAKERY, request_)
    assert field_of(result, "Standing orders", "Instructions").kind == "longtext", said(result)
    labels = labels_of(result, "Standing orders")
    assert labels == ["Loaf", "Customer", "Instructions", "Day", "Paid"], said(result)


def test_a_box_said_of_a_record_kind_adds_no_field_called_box() -> None:
    result = apply_change(BAKERY, "standing orders need a big box")
    labels = labels_of(result, "Standing orders")
    assert not any("box" in label.lower() for label in labels), said(result)


@pytest.mark.parametrize(
    "request_",
    [
        "Village on a customer: never used it once. Drop it.",
        "Village on customers - we never used it. Get rid of it.",
    ],
)
def test_a_curt_removal_with_its_reason_between_adds_nothing(request_: str) -> None:
    result = apply_change(BAKERY, request_)
    assert labels_of(result, "Customers") == ["Name", "Email"], said(result)


def test_a_remark_that_it_was_never_used_alone_changes_nothing() -> None:
    result = apply_change(BAKERY, "never used it once")
    assert result.brief == BAKERY
    assert said(result), "the founder is told nothing was made of it"


@pytest.mark.parametrize(
    "request_",
    [
        "Nobody outside the bakery knows what a leg is. Call them Map pages in the app",
        "call legs Map pages",
    ],
)
def test_a_new_name_holding_a_word_of_a_limit_is_a_rename(request_: str) -> None:
    result = apply_change(BAKERY, request_)
    plurals = [e.plural for e in result.brief.entities]
    assert "Map pages" in plurals, said(result)
    assert "maps" not in said(result).lower().replace("map pages", ""), said(result)


def test_a_map_asked_for_is_still_declined() -> None:
    result = apply_change(BAKERY, "can it show each leg on a map")
    assert "map" in said(result).lower(), said(result)
    assert result.brief == BAKERY


def test_an_order_said_as_importance_moves_the_field() -> None:
    result = apply_change(
        BAKERY,
        "Paid matters most to me - could it come right after the loaf, above who the customer is?",
    )
    labels = labels_of(result, "Standing orders")
    assert labels == ["Loaf", "Paid", "Customer", "Instructions", "Day"], said(result)


@pytest.mark.parametrize(
    "request_",
    [
        "Village matters more than email to me, put it above it on a customer",
        "on customers the village is more important than the email",
    ],
)
def test_a_field_said_to_matter_more_than_another_goes_above_it(request_: str) -> None:
    result = apply_change(BAKERY, request_)
    assert labels_of(result, "Customers") == ["Name", "Village", "Email"], said(result)


def test_a_field_the_founder_calls_by_their_own_word_is_renamed() -> None:
    result = apply_change(BAKERY, "'Route' on legs - I always call it our round name")
    assert labels_of(result, "Legs") == ["Round name", "Driver", "Stops"], said(result)


def test_their_name_said_after_a_naming_verb_is_no_new_name() -> None:
    result = apply_change(BAKERY, "customers: I always say their name")
    assert labels_of(result, "Customers") == ["Name", "Email", "Village"], said(result)


@pytest.mark.parametrize("about", [None, "legs"])
def test_a_new_name_said_alone_after_call_is_never_declined_as_phoning(about: str | None) -> None:
    result = apply_change(BAKERY, "call them Map sheets", about=about)
    answer = said(result).lower()
    assert "text message" not in answer, said(result)
    assert "maps" not in answer.replace("map sheets", ""), said(result)


def test_a_new_name_and_a_map_asked_together_declines_only_the_map() -> None:
    result = apply_change(BAKERY, "call them Map sheets and show each leg on a map", about="legs")
    assert "text message" not in said(result).lower(), said(result)


def test_phoning_them_names_nothing() -> None:
    result = apply_change(BAKERY, "call them every morning", about="customers")
    assert result.brief == BAKERY, said(result)


@pytest.mark.parametrize(
    ("request_", "kind", "order"),
    [
        ("customers matter more than legs", None, ["Customers", "Standing orders", "Legs"]),
        ("Name matters more than Village", "Customers", ["Name", "Email", "Village"]),
    ],
)
def test_something_already_above_what_matters_less_stays_where_it_is(
    request_: str, kind: str | None, order: list[str]
) -> None:
    result = apply_change(BAKERY, request_)
    now = [e.plural for e in result.brief.entities] if kind is None else labels_of(result, kind)
    assert now == order, said(result)


@pytest.mark.parametrize(
    "request_",
    [
        "the loaf is really a long paragraph sometimes, but keep it short",
        "the email is usually a whole paragraph",
        "the customer needs a big box",
    ],
)
def test_room_said_where_unsure_changes_no_field(request_: str) -> None:
    result = apply_change(BAKERY, request_)
    assert result.brief == BAKERY, said(result)


def test_a_second_request_after_the_colon_is_never_the_tagline() -> None:
    result = apply_change(BAKERY, "could you put under our name: and also remove the Village field")
    assert "remove" not in result.brief.tagline.lower(), said(result)
