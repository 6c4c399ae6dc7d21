"""Review 1 of session 20, mended: "first …, then …" only orders two of the plan's fields, who
the business now is only in its clear forms, a rename read across two sentences by the rules'
reading (`read_change`, what the model path checks), a sentence read by the list reader is not
reported unread, a field named after a service hides only its own removal or rename, and a
link's refusals say plainly what is wrong."""

from __future__ import annotations

import pytest

from bench.changes import _plan
from livebuild.brief.change_apply import apply_operation
from livebuild.brief.change_intents import Refused
from livebuild.brief.change_ops import AddField, ChangeKind, RenameField, SetName
from livebuild.brief.change_reader import read_change
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
                    ["Email", "text"],
                    ["Phone", "text"],
                    ["Size", "choice", "Small", "Large"],
                    ["Facebook", "text"],
                ],
            },
            {"singular": "Instructor", "fields": [["Name", "text"], ["Phone", "text"]]},
        ],
    }
)

CLUB = _plan(
    {
        "idea": "A running club: our events, instructors and kit orders.",
        "product_name": "Striders",
        "tagline": "Run together",
        "features": ["Keep events"],
        "entities": [
            {
                "singular": "Event",
                "fields": [["Title", "text"], ["Date", "date"], ["Coach", "text"]],
            },
            {"singular": "Instructor", "fields": [["Name", "text"], ["Phone", "text"]]},
            {"singular": "Order", "fields": [["Customer", "text"], ["Total", "money"]]},
        ],
    }
)


def _kind(brief: Brief, plural: str) -> Entity:
    return next(e for e in brief.entities if e.plural == plural)


def _labels(brief: Brief, plural: str) -> list[str]:
    return [f.label for f in _kind(brief, plural).fields]


@pytest.mark.parametrize(
    ("request_", "added", "removed"),
    [
        (
            "First add a phone field to markets, then remove the pitch fee from markets.",
            ("Markets", "Phone"),
            ("Markets", "Pitch fee"),
        ),
        (
            "first add a notes field to orders and then add a notes field to cakes",
            ("Cakes", "Notes"),
            None,
        ),
        (
            "First add a price field to orders, then remove the pitch fee from markets",
            ("Orders", "Price"),
            ("Markets", "Pitch fee"),
        ),
        (
            "remove the allergens from cakes first, and then add a notes field to orders",
            ("Orders", "Notes"),
            ("Cakes", "Allergens"),
        ),
    ],
)
def test_first_then_of_two_changes_makes_both(
    request_: str, added: tuple[str, str], removed: tuple[str, str] | None
) -> None:
    result = apply_change(STALL, request_)
    assert added[1] in _labels(result.brief, added[0]), (result.made, result.unmade)
    if removed is not None:
        assert removed[1] not in _labels(result.brief, removed[0]), (result.made, result.unmade)
    else:
        assert "Notes" in _labels(result.brief, "Orders"), (result.made, result.unmade)


def test_first_then_never_puts_a_change_on_the_wrong_kind() -> None:
    result = apply_change(STALL, "Rename cakes to bakes first, then add a notes field to markets.")
    assert "Notes" in _labels(result.brief, "Markets"), (result.made, result.unmade)
    assert not any("Notes" in [f.label for f in e.fields] for e in result.brief.entities[:1])


@pytest.mark.parametrize(
    "request_",
    [
        "orders: first the pickup date, then the cake",
        "for orders, first the pickup date, then their cake",
        "orders: put the pickup date first, then the cake",
        "move the pickup date first, then the cake, on orders",
        "make the pickup date come first, then the cake, on orders",
    ],
)
def test_first_then_still_orders_two_fields(request_: str) -> None:
    result = apply_change(STALL, request_)
    labels = _labels(result.brief, "Orders")
    assert labels.index("Pickup date") < labels.index("Cake"), (result.made, result.unmade)


@pytest.mark.parametrize(
    "request_",
    [
        "Add a status choice to orders: it is Open, Paid and Collected",
        "add a category to cakes - it is Vegan, Gluten Free or Normal",
        "rename the Size field, it is Portion now",
        "Sort orders differently, we go by Pickup Date",
        "good news, it is Cake Day on Saturday",
        "The markets page: we are Open on Sundays",
        "add a flavour choice to cakes, it's Lemon, Chocolate or Vanilla",
        "rename the Pitch fee field, it's Stall Rent now",
        "orders are listed oddly, we go by Customer",
    ],
)
def test_an_ordinary_request_never_renames_the_app(request_: str) -> None:
    result = apply_change(STALL, request_)
    assert result.brief.product_name == "Crumb Corner", (result.made, result.unmade)


@pytest.mark.parametrize(
    ("request_", "name"),
    [
        ("good news, we're now The Little Oven", "Little Oven"),
        ("from Monday we're Sugar Loaf Bakes", "Sugar Loaf Bakes"),
        ("we merged with the next stall, we're now Crumb and Crust", "Crumb and Crust"),
        ("big news: after the vote we became Oven Door Bakes", "Oven Door Bakes"),
        ("it's The Fernley Post Office & Stores now", "Fernley Post Office & Stores"),
    ],
)
def test_who_the_business_now_is_still_renames_the_app(request_: str, name: str) -> None:
    assert apply_change(STALL, request_).brief.product_name == name


@pytest.mark.parametrize(
    ("request_", "field", "new"),
    [
        ("Allergens sounds too medical. Rename it to Contains.", "allergens", "Contains"),
        ("Allergens is confusing. Call it Contains.", "allergens", "Contains"),
        ("Pitch fee sounds stiff. Rename it to Stall Rent.", "pitch_fee", "Stall Rent"),
        ("The Town label is vague. Call it Venue.", "town", "Venue"),
    ],
)
def test_the_rules_reading_renames_the_field_of_the_sentence_before(
    request_: str, field: str, new: str
) -> None:
    """`read_change` is what `model_change` checks the rules by when a model is configured."""
    operations = read_change(STALL, request_).operations
    assert not any(isinstance(op, SetName) for op in operations), operations
    assert any(
        isinstance(op, RenameField) and op.field == field and op.new == new for op in operations
    ), operations


@pytest.mark.parametrize(
    ("request_", "plural"),
    [
        (
            "We do cake tastings. Could I keep those? the date, the town, how many people",
            "Tastings",
        ),
        (
            "We run baking classes. Could I keep those? the date, the teacher, how many places",
            "Classes",
        ),
        ("I take wedding bookings. Can we track them? the couple, the date, the venue", "Bookings"),
    ],
)
def test_the_sentence_a_new_page_is_read_from_is_not_reported_unread(
    request_: str, plural: str
) -> None:
    result = apply_change(STALL, request_)
    assert result.brief.entities[-1].plural.lower().endswith(plural.lower()), (
        result.made,
        result.unmade,
    )
    assert not result.unmade


@pytest.mark.parametrize(
    "request_",
    [
        "import Facebook messages into orders",
        "import the Facebook comments into cakes",
        "can it bring Facebook messages in as new orders",
    ],
)
def test_a_field_named_after_a_service_gives_no_other_limits_reason(request_: str) -> None:
    result = apply_change(STALL, request_)
    assert result.brief == STALL
    assert not any("text messages" in line for line in result.unmade), result.unmade
    assert any("connect" in line for line in result.unmade), result.unmade


@pytest.mark.parametrize(
    "request_",
    [
        "remove Facebook from orders",
        "rename the Facebook field on orders to Messenger",
        "take Facebook off the orders page please",
        "take Facebook off orders",
    ],
)
def test_a_service_field_is_still_removed_or_renamed(request_: str) -> None:
    result = apply_change(STALL, request_)
    assert "Facebook" not in _labels(result.brief, "Orders"), (result.made, result.unmade)


@pytest.mark.parametrize(
    "operation",
    [
        AddField("instructors", "Instructor", "link"),
        AddField("orders", "Order", "link"),
    ],
)
def test_a_kind_picking_from_its_own_list_is_refused_plainly(
    operation: AddField,
) -> None:
    plan = STALL if operation.entity == "instructors" else CLUB
    with pytest.raises(Refused) as refused:
        apply_operation(plan, operation)
    said = str(refused.value)
    assert "own list" in said, said
    assert "Your app keeps" not in said, said


@pytest.mark.parametrize(
    ("operation", "phrase"),
    [
        (ChangeKind("events", "coach", "link"), "on an event"),
        (AddField("events", "Trainer", "link"), "on an event"),
    ],
)
def test_the_links_offer_says_its_article_right(
    operation: AddField | ChangeKind, phrase: str
) -> None:
    with pytest.raises(Refused) as refused:
        apply_operation(CLUB, operation)
    suggestion = refused.value.closest
    assert suggestion is not None and phrase in suggestion.text, suggestion
    if isinstance(operation, ChangeKind):  # the field is there: the offer, said, makes it
        made = apply_change(CLUB, suggestion.change_request)
        assert made.made and not made.unmade, (made.made, made.unmade)
