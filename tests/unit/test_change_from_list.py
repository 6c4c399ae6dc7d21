"""A field said to be one of another kind's records ("exam should be one of our exams",
"picked from our boats", "comes from the instructors list", "is one of the exams") becomes a
pick of that kind; of a kind's own field, the answer says it can't pick from its own list and
nothing changes (it once renamed the field "One"). Plans and requests written for these tests;
none is from a held-out round."""

from __future__ import annotations

import pytest

from bench.changes import _plan
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief

SURF = _plan(
    {
        "idea": "A surf school: lessons, boards, instructors and grading.",
        "product_name": "Swell",
        "tagline": "Learn to surf",
        "features": ["Keep lessons"],
        "entities": [
            {"singular": "Instructor", "fields": [["Name", "text"], ["Phone", "phone"]]},
            {"singular": "Board", "fields": [["Name", "text"], ["Length", "number"]]},
            {
                "singular": "Lesson",
                "fields": [
                    ["Title", "text"],
                    ["Board", "text"],
                    ["Coach", "text"],
                    ["Level", "choice", "Beginner", "Improver"],
                ],
            },
            {"singular": "Grading", "fields": [["Grading", "text"], ["Date", "date"]]},
        ],
    }
)


def _field(brief: Brief, plural: str, label: str) -> tuple[str, str]:
    entity = next(e for e in brief.entities if e.plural == plural)
    found = next(f for f in entity.fields if f.label == label)
    return found.kind, found.links_to


@pytest.mark.parametrize(
    "request_",
    [
        "board should be one of our boards",
        "the board on a lesson is picked from our boards",
        "board comes from the boards list",
        "the board is one of the boards",
        "each lesson's board should come from our boards",
        "board has to be chosen from our boards",
    ],
)
def test_a_field_said_to_be_one_of_a_kind_is_picked_from_it(request_: str) -> None:
    result = apply_change(SURF, request_)
    assert _field(result.brief, "Lessons", "Board") == ("link", "boards"), result.unmade
    assert result.made == ["Board is now picked from your boards."]


def test_the_kind_picked_from_may_be_named_otherwise_than_the_field() -> None:
    result = apply_change(SURF, "coach should be one of our instructors")
    assert _field(result.brief, "Lessons", "Coach") == ("link", "instructors"), result.unmade


@pytest.mark.parametrize(
    "request_",
    [
        "grading should be one of our gradings",
        "grading should be picked from our gradings",
        "grading is one of the gradings",
    ],
)
def test_a_kinds_own_field_is_never_renamed_and_says_why(request_: str) -> None:
    result = apply_change(SURF, request_)
    assert result.brief.to_dict() == SURF.to_dict()
    assert not result.made
    assert result.unmade == [
        "Grading can't be picked from your gradings: a grading can't pick from its own list. "
        "Nothing was changed."
    ]


def test_a_choice_said_to_be_one_of_its_options_is_already_picked() -> None:
    result = apply_change(SURF, "level should be one of our levels")
    assert result.brief.to_dict() == SURF.to_dict()
    assert result.made == ["Level is already a choice."]


BAKERY = _plan(
    {
        "idea": "A bakery taking cake orders.",
        "product_name": "Crumb",
        "tagline": "Cakes to order",
        "features": ["Keep orders"],
        "entities": [
            {
                "singular": "Order",
                "fields": [
                    ["Customer", "text"],
                    ["Cake", "text"],
                    ["Price", "money"],
                    ["Pickup date", "date"],
                    ["Guests", "number"],
                ],
            },
            {"singular": "Cake", "fields": [["Name", "text"], ["Baker", "text"]]},
            {"singular": "Baker", "fields": [["Name", "text"], ["Phone", "phone"]]},
        ],
    }
)


@pytest.mark.parametrize(
    ("request_", "refusal"),
    [
        (
            "price should come from the cakes",
            "Price is an amount of money, so it can't be picked from your cakes. "
            "Nothing was changed.",
        ),
        (
            "the price on an order should come from the cake",
            "Price is an amount of money, so it can't be picked from your cakes. "
            "Nothing was changed.",
        ),
        (
            "the pickup date should come from the bakers",
            "Pickup date is a date, so it can't be picked from your bakers. Nothing was changed.",
        ),
        (
            "guests should be one of our cakes",
            "Guests is a number, so it can't be picked from your cakes. Nothing was changed.",
        ),
    ],
)
def test_an_amount_date_or_number_is_never_made_a_pick_and_keeps_its_values(
    request_: str, refusal: str
) -> None:
    # A founder's prices would show as "25.50 (not linked)", and the list total would go.
    result = apply_change(BAKERY, request_)
    assert result.brief.to_dict() == BAKERY.to_dict()
    assert not result.made
    assert result.unmade == [refusal]


def test_a_title_said_alone_is_never_made_a_pick_of_another_kind() -> None:
    # Cakes and Bakers both have Name: the request never said cakes, so every cake's name
    # must not become a baker pick.
    result = apply_change(BAKERY, "name should be one of our bakers")
    assert result.brief.to_dict() == BAKERY.to_dict()
    assert not result.made
    assert result.unmade == [
        "Name is on Cakes and Bakers, and the request doesn't say which. Nothing was changed."
    ]


def test_a_kinds_title_is_never_made_a_pick_even_when_its_kind_is_said() -> None:
    result = apply_change(BAKERY, "the name of a cake should come from our bakers")
    assert result.brief.to_dict() == BAKERY.to_dict()
    assert not result.made
    assert result.unmade == [
        "Name is what each of your cakes is called, so it can't be picked from your bakers. "
        "Nothing was changed."
    ]


def test_a_text_field_is_still_made_a_pick() -> None:
    result = apply_change(BAKERY, "cake should come from our cakes")
    assert _field(result.brief, "Orders", "Cake") == ("link", "cakes"), result.unmade


@pytest.mark.parametrize(
    "request_", ["customer should be one of our customers", "the customer comes from our customers"]
)
def test_a_pick_from_a_kind_the_app_hasnt_changes_nothing_and_says_so(request_: str) -> None:
    # Not "Did you mean to rename the customer field of Orders to One?"
    result = apply_change(BAKERY, request_)
    assert result.brief.to_dict() == BAKERY.to_dict()
    assert not result.made and not result.suggestions
    assert result.unmade == [
        "Your app has no Customers to pick from: say \u201ckeep track of customers\u201d first. "
        "Nothing was changed."
    ]
