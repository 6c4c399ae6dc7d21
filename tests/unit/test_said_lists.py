"""Every detail a founder lists of a kind is kept as its field, however the list is said."""

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


def test_a_list_goes_on_past_an_aside_in_brackets() -> None:
    brief = derive_brief(
        "A chess club app. I keep the members with their rating, age (juniors play free), "
        "grade and phone number, and the matches we play."
    )
    labels = _labels(_kind(brief, "Members"))
    assert {"age", "grade"} <= labels
    assert any(label.startswith("rating") for label in labels)


def test_a_list_in_brackets_goes_on_past_a_detail_given_its_options_after_a_dash() -> None:
    brief = derive_brief(
        "Saddle maker: the orders (the rider, the tree - wide or narrow, the leather, "
        "seat size, price) and the hides I have in."
    )
    labels = _labels(_kind(brief, "Orders"))
    assert {"leather", "seat size", "price"} <= labels


def test_a_list_naming_one_plural_thing_is_still_details() -> None:
    brief = derive_brief(
        "Face painting for parties: keep my bookings (parent, date, address, kids, theme) "
        "and the paints I buy."
    )
    assert {"address", "theme"} <= _labels(_kind(brief, "Bookings"))


def test_a_detail_written_as_its_options_leaves_the_other_details_kept() -> None:
    brief = derive_brief(
        "We test the pool water daily: I need the water tests (date, chlorine, temperature, "
        "pass/fail) and the lifeguards on shift."
    )
    assert {"chlorine", "temperature"} <= _labels(_kind(brief, "Water tests"))


def test_every_thing_has_a_list_of_details() -> None:
    brief = derive_brief(
        "A small print shop. Every order has the customer, the paper, the quantity, the "
        "finish and the delivery date. We also keep the paper stock."
    )
    orders = _kind(brief, "Orders")
    assert {"paper", "quantity", "finish", "delivery date"} <= _labels(orders)
    kinds = {f.label.lower(): f.kind for f in orders.fields}
    assert kinds["quantity"] == "number"
    assert kinds["delivery date"] == "date"


def test_for_each_thing_i_need_a_list_of_details() -> None:
    brief = derive_brief(
        "I cater children's parties. For each party I need the parent, the date, the hall, "
        "the theme and the deposit. Then the helpers who work with me."
    )
    assert {"hall", "theme", "deposit"} <= _labels(_kind(brief, "Parties"))


def test_a_detail_that_names_another_kind_kept_is_a_link_to_it() -> None:
    brief = derive_brief(
        "Village hall bookings: the hirers (name, phone) and the bookings with the date, "
        "the hirer, the room and the fee."
    )
    bookings = _kind(brief, "Bookings")
    hirers = _kind(brief, "Hirers")
    assert any(f.kind == "link" and f.links_to == hirers.slug for f in bookings.fields)


def test_a_name_of_two_words_ending_in_name_is_a_detail() -> None:
    brief = derive_brief(
        "Dragon boat club: the crews with their captain and boat name, and the races."
    )
    assert "boat name" in _labels(_kind(brief, "Crews"))


def test_a_number_said_with_the_kinds_own_word_is_kept() -> None:
    brief = derive_brief(
        "Allotment society: the plots with the plot number and the size, and the tenants."
    )
    assert "plot number" in _labels(_kind(brief, "Plots"))


def test_an_order_said_field_by_field_gets_no_made_up_date_or_email() -> None:
    brief = derive_brief(
        "Bespoke watch straps. For each order: the leather, lug width, length, thread "
        "colour, buckle and price. Also the customers."
    )
    labels = _labels(_kind(brief, "Orders"))
    assert {"leather", "lug width", "length", "thread colour", "buckle", "price"} <= labels
    assert not {"email", "ordered on"} & labels


@pytest.mark.parametrize(
    "idea",
    [
        "A school: the classes with the teacher and the room, and the teachers with their "
        "subject and the class.",
        "A shop: the products with their price and the order, and the orders with the "
        "customer and the product.",
    ],
)
def test_two_kinds_said_of_each_other_are_linked_one_way(idea: str) -> None:
    # Linked both ways, one side's samples would show an empty column.
    brief = derive_brief(idea)
    links = {(e.slug, f.links_to) for e in brief.entities for f in e.fields if f.kind == "link"}
    assert links
    assert not {(a, b) for a, b in links if (b, a) in links}


def test_an_order_links_to_its_product_not_a_product_to_one_order() -> None:
    brief = derive_brief(
        "A shop: the products with their price and the order, and the orders with the "
        "customer and the product."
    )
    assert "products" in {f.links_to for f in _kind(brief, "Orders").fields}
    assert "orders" not in {f.links_to for f in _kind(brief, "Products").fields}


@pytest.mark.parametrize(
    ("idea", "plural", "word"),
    [
        (
            "A print shop. Every order has the customer, the paper, the quantity, the finish "
            "and the delivery date.",
            "Orders",
            "finish",
        ),
        (
            "Bike hire: each hire has the bike, the customer, the hours and the deposit.",
            "Hires",
            "deposit",
        ),
    ],
)
def test_a_detail_is_no_link_to_a_kind_the_idea_never_names_as_one(
    idea: str, plural: str, word: str
) -> None:
    brief = derive_brief(idea)
    field = next(f for f in _kind(brief, plural).fields if f.label.lower() == word)
    assert field.kind != "link"


def test_a_kind_said_as_many_at_a_lists_end_is_no_field_of_it() -> None:
    brief = derive_brief(
        "My sewing classes: the learners with name, level (new/some/lots), phone and the "
        "classes they book."
    )
    assert "class" not in _labels(_kind(brief, "Learners"))
