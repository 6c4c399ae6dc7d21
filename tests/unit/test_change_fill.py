"""The arguments of the op a request asks for, read from its grammar where no rule's phrasing
covers it (`change_fill`): what a founder sees made of a request said the way people talk,
against a karting club's plan no rule was written for."""

from __future__ import annotations

import pytest

from bench.changes import _plan
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief, Entity

CLUB = _plan(
    {
        "idea": "A karting club: our drivers, their karts, race meetings and each heat's result.",
        "product_name": "Kart Club",
        "tagline": "Racing every other Sunday",
        "features": ["Keep race results"],
        "entities": [
            {
                "singular": "Driver",
                "fields": [["Name", "text"], ["Phone", "phone"], ["Joined", "date"]],
            },
            {"singular": "Kart", "fields": [["Number", "text"], ["Engine", "text"]]},
            {"singular": "Meeting", "fields": [["Title", "text"], ["Date", "date"]]},
            {
                "singular": "Heat",
                "fields": [
                    ["Title", "text"],
                    ["Meeting", "text"],
                    ["Winner", "text"],
                    ["Laps", "number"],
                    ["Track", "text"],
                ],
            },
        ],
    }
)


def _kind(brief: Brief, plural: str) -> Entity:
    return next(e for e in brief.entities if e.plural == plural)


def _fields(brief: Brief, plural: str) -> dict[str, str]:
    return {f.label: f.kind for f in _kind(brief, plural).fields}


def test_a_new_kind_described_by_what_it_records_is_added_with_each_detail() -> None:
    result = apply_change(
        CLUB,
        "I want to log the fines we give drivers for bumping: which driver, which meeting, "
        "what for, and how much",
    )
    fines = _kind(result.brief, "Fines")
    kinds = {f.label: f.kind for f in fines.fields}
    assert kinds.get("Driver") == "link" and kinds.get("Meeting") == "link", result.made
    assert "What for" in kinds and kinds.get("How much") == "money", result.made
    assert next(f for f in fines.fields if f.label == "Driver").links_to == "drivers"


def test_a_new_kind_pointed_back_to_takes_the_name_said_before() -> None:
    result = apply_change(
        CLUB,
        "We sell practice sessions on Fridays and I need to keep those too: the date, "
        "how many laps and the price",
    )
    assert result.brief.entities[-1].plural == "Practice sessions", result.made
    fields = set(_fields(result.brief, "Practice sessions"))
    assert {"Date", "Price"} <= fields and fields & {"How many laps", "Number of laps"}


def test_fields_asked_as_questions_about_a_kind_said_first() -> None:
    result = apply_change(CLUB, "drivers: are they over 16?")
    assert _fields(result.brief, "Drivers").get("Over 16") == "boolean", result.made
    result = apply_change(CLUB, "karts: what colour it's painted and what tyres it's got")
    assert {"Colour", "Tyres"} <= set(_fields(result.brief, "Karts")), result.made


def test_a_reason_beside_a_detail_is_not_a_field() -> None:
    result = apply_change(CLUB, "drivers - an emergency contact number please, we had a crash")
    added = set(_fields(result.brief, "Drivers")) - set(_fields(CLUB, "Drivers"))
    assert added == {"Emergency contact number"}, result.made


def test_a_field_made_a_link_to_the_kind_it_is_picked_from() -> None:
    result = apply_change(CLUB, "the winner of a heat has to be one of our drivers, let me pick")
    winner = next(f for f in _kind(result.brief, "Heats").fields if f.label == "Winner")
    assert (winner.kind, winner.links_to) == ("link", "drivers"), result.made


def test_no_link_is_made_where_the_founder_says_not() -> None:
    result = apply_change(CLUB, "the winner of a heat should not come from our drivers")
    assert _fields(result.brief, "Heats") == _fields(CLUB, "Heats"), result.made


def test_a_field_moved_before_the_one_said() -> None:
    result = apply_change(CLUB, "heats: move Track up so it comes before the winner")
    labels = [f.label for f in _kind(result.brief, "Heats").fields]
    assert labels.index("Track") < labels.index("Winner"), result.made


@pytest.mark.parametrize(
    "request_",
    [
        "We've been bought out - new name is Regal Karting",
        "The committee voted to call it Regal Karting",
    ],
)
def test_the_app_renamed_by_a_name_said_after_a_word_of_naming(request_: str) -> None:
    assert apply_change(CLUB, request_).brief.product_name == "Regal Karting"


def test_a_kind_renamed_is_not_the_app() -> None:
    result = apply_change(CLUB, "the drivers voted to be called Racers")
    assert result.brief.product_name == "Kart Club", result.made
