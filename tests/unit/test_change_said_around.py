"""Changes said around the ordinary phrasings (session 20): a service the plan keeps named in a
removal, a thing no app can do named only in a side remark, the app's new name said as who the
business now is, "first …, then …" ordering, one field for several kinds, a rename said across
two sentences and a new kind said as a thing and its list."""

from __future__ import annotations

import pytest

from bench.changes import _plan
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief, Entity

STALL = _plan(
    {
        "idea": "A home baker's market stall: the cakes, the markets I go to and the orders.",
        "product_name": "Crumb Corner",
        "tagline": "Baked this morning",
        "features": ["Keep orders"],
        "entities": [
            {
                "singular": "Cake",
                "fields": [["Name", "text"], ["Price", "money"], ["Allergens", "text"]],
            },
            {
                "singular": "Market",
                "fields": [["Town", "text"], ["Date", "date"], ["Pitch fee", "money"]],
            },
            {
                "singular": "Order",
                "fields": [
                    ["Customer", "text"],
                    ["Cake", "text"],
                    ["Pickup date", "date"],
                    ["Facebook", "text"],
                ],
            },
        ],
    }
)


def _kind(brief: Brief, plural: str) -> Entity:
    return next(e for e in brief.entities if e.plural == plural)


def _labels(brief: Brief, plural: str) -> list[str]:
    return [f.label for f in _kind(brief, plural).fields]


@pytest.mark.parametrize(
    "request_", ["remove Facebook from orders", "the Facebook on orders can go, nobody uses it"]
)
def test_a_service_the_plan_keeps_is_removed_not_refused(request_: str) -> None:
    result = apply_change(STALL, request_)
    assert "Facebook" not in _labels(result.brief, "Orders"), (result.made, result.unmade)


@pytest.mark.parametrize(
    "request_",
    [
        "a pale blue please, same as the boxes in our logo",
        "main colour a deep blue, like the photo on our flyer",
    ],
)
def test_a_picture_named_in_a_side_remark_is_no_wish_for_pictures(request_: str) -> None:
    result = apply_change(STALL, request_)
    assert result.brief.theme.primary != STALL.theme.primary, result.unmade
    assert not any("picture" in line for line in result.unmade)


def test_a_wish_for_pictures_said_alone_is_still_declined() -> None:
    result = apply_change(STALL, "can customers send a photo of the cake they want")
    assert result.brief == STALL
    assert any("can't store files or pictures" in line for line in result.unmade), result.unmade


@pytest.mark.parametrize(
    ("request_", "name"),
    [
        ("good news, we're now The Little Oven", "Little Oven"),
        ("from Monday we're Sugar Loaf Bakes", "Sugar Loaf Bakes"),
        ("we merged with the next stall, we're now Crumb and Crust", "Crumb and Crust"),
    ],
)
def test_who_the_business_now_is_renames_the_app(request_: str, name: str) -> None:
    assert apply_change(STALL, request_).brief.product_name == name


def test_first_then_is_one_order_of_two_fields() -> None:
    result = apply_change(STALL, "orders: first the pickup date, then the cake")
    labels = _labels(result.brief, "Orders")
    assert labels.index("Pickup date") < labels.index("Cake"), (result.made, result.unmade)
    assert len(labels) == 4


@pytest.mark.parametrize(
    "request_",
    [
        "add a notes field to orders and markets",
        "put a notes field on markets and on orders",
        "give markets and orders a notes field",
    ],
)
def test_one_field_said_for_two_kinds_goes_on_each(request_: str) -> None:
    result = apply_change(STALL, request_)
    assert "Notes" in _labels(result.brief, "Orders"), (result.made, result.unmade)
    assert "Notes" in _labels(result.brief, "Markets"), (result.made, result.unmade)
    assert len(result.brief.entities) == 3 and _labels(result.brief, "Cakes") == _labels(
        STALL, "Cakes"
    )


def test_a_rename_said_across_two_sentences_is_made() -> None:
    result = apply_change(STALL, "Markets sounds a bit dull. We call them Fairs.")
    assert [e.plural for e in result.brief.entities] == ["Cakes", "Fairs", "Orders"]
    assert not result.unmade


@pytest.mark.parametrize(
    ("request_", "plural"),
    [
        (
            "I do wedding cakes too. I need the weddings: whose wedding, the date, how many tiers",
            "Weddings",
        ),
        (
            "we do tastings, could I keep those? the date, the cakes we tried, what people thought",
            "Tastings",
        ),
    ],
)
def test_a_new_kind_said_as_a_thing_and_its_list_is_added(request_: str, plural: str) -> None:
    result = apply_change(STALL, request_)
    assert result.brief.entities[-1].plural == plural, (result.made, result.unmade)
    assert "Date" in _labels(result.brief, plural)


def test_a_wish_that_the_app_act_is_no_side_remark() -> None:
    result = apply_change(STALL, "we'd really like the app to text the customer when it's ready")
    assert result.brief == STALL
    assert any("can't send text messages" in line for line in result.unmade), result.unmade
