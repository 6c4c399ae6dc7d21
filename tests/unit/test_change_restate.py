"""Requests said as statements (an arrow, a wish, a lack, a complaint, a reason after them) are
read as the change they ask for; pure functions on the dev plans, no app is started."""

from __future__ import annotations

import time

import pytest

from bench.changes import load
from livebuild.brief import Brief
from livebuild.brief.change_restate import restated, without_reason
from livebuild.brief.changes import apply_change

PLANS, _ = load()
STUDIO, SHOP, WALKERS = PLANS["studio"], PLANS["shop"], PLANS["walkers"]


def _labels(brief: Brief, plural: str) -> dict[str, str]:
    entity = next(e for e in brief.entities if e.plural == plural)
    return {f.label: f.kind for f in entity.fields}


def _plurals(brief: Brief) -> list[str]:
    return [e.plural for e in brief.entities]


@pytest.mark.parametrize("request_text", ["Classes -> Sessions please", "classes → sessions"])
def test_an_arrow_renames(request_text: str) -> None:
    result = apply_change(STUDIO, request_text)
    assert "Sessions" in _plurals(result.brief) and "Classes" not in _plurals(result.brief)


def test_a_colour_that_would_suit_is_set_with_its_shade_not_declined_for_the_logo() -> None:
    result = apply_change(STUDIO, "dark blue would suit our logo better")
    assert result.made and not result.unmade
    assert result.brief.theme.primary != STUDIO.theme.primary
    assert result.brief.theme.background == STUDIO.theme.background  # a colour, not dark mode


def test_asking_whether_the_app_could_be_dark_switches_the_theme() -> None:
    result = apply_change(STUDIO, "could the app be dark?")
    assert result.made and result.brief.theme.background != STUDIO.theme.background


def test_a_choice_list_missing_an_option_gets_it() -> None:
    result = apply_change(WALKERS, "the status options for walks are missing No show")
    walk = next(e for e in result.brief.entities if e.plural == "Walks")
    status = next(f for f in walk.fields if f.label == "Status")
    assert "No show" in status.choices
    result = apply_change(WALKERS, "Add 'No show' to the status choices for walks")
    walk = next(e for e in result.brief.entities if e.plural == "Walks")
    assert "No show" in next(f for f in walk.fields if f.label == "Status").choices


def test_a_field_that_wont_take_a_phone_number_becomes_text() -> None:
    result = apply_change(SHOP, "orders' price won't take numbers like +44 7700 900123")
    assert _labels(result.brief, "Orders")["Price"] == "text"
    # A complaint with no written value in it is not a reason to make anything text.
    assert restated("price won't take big numbers") == "price won't take big numbers"


def test_a_reason_after_the_request_is_not_part_of_any_name() -> None:
    result = apply_change(SHOP, "The stock thing on products isn't needed, we count by hand")
    assert "Stock" not in _labels(result.brief, "Products")
    result = apply_change(STUDIO, "Remove phone from members for privacy")
    assert "Phone" not in _labels(result.brief, "Members")
    assert without_reason("rename members to climbers, because we climb") == (
        "rename members to climbers"
    )


def test_a_quoted_name_is_a_name_not_a_request_no_app_can_do() -> None:
    result = apply_change(STUDIO, "please call bookings 'sign-ups' instead")
    assert "Sign-ups" in _plurals(result.brief)


def test_texting_someone_is_declined_with_the_closest_thing() -> None:
    result = apply_change(WALKERS, "Text the owner when their dog's walk is done")
    assert not result.made and "text messages" in " ".join(result.unmade)
    assert result.suggestions


def test_a_tagline_with_a_comma_inside_its_quotes_is_kept_whole() -> None:
    result = apply_change(STUDIO, "Add a tagline: 'Don't bin it, fix it'")
    assert result.brief.tagline == "Don't bin it, fix it"


def test_hostile_statements_are_read_in_bounded_time() -> None:
    for attack in ("a -> " * 2000, "dark " * 5000 + "blue would suit", "x won't take " * 3000):
        started = time.process_time()
        apply_change(STUDIO, attack)
        assert time.process_time() - started < 2.0


def test_a_field_asked_for_as_a_question_about_its_record_is_added_by_its_name() -> None:
    result = apply_change(STUDIO, "could we note which room or studio each class uses?")
    assert "Room or studio" in _labels(result.brief, "Classes")
    result = apply_change(WALKERS, "is there a way to record whether a dog is ok off the lead?")
    assert _labels(result.brief, "Dogs").get("Ok off the lead") == "boolean"
    result = apply_change(SHOP, "could each order record the weight of stuff we sent abroad?")
    assert "Weight" in _labels(result.brief, "Orders")
    result = apply_change(STUDIO, "Each class should say which room it was in, or whether online")
    assert "Room" in _labels(result.brief, "Classes")


def test_who_keeps_a_new_kind_and_why_are_no_part_of_its_name() -> None:
    result = apply_change(STUDIO, "Could we keep a list of the vets we use, with name and address?")
    assert "Vets" in _plurals(result.brief)
    result = apply_change(
        STUDIO,
        "Add a list of the events we run, with date and venue, so each class can belong to one",
    )
    assert "Events" in _plurals(result.brief)
    assert without_reason("keep a record of each payment owners make") == (
        "keep a record of each payment"
    )


def test_the_parts_of_a_new_thing_after_a_comma_are_its_fields() -> None:
    result = apply_change(WALKERS, "dogs should have a vet too, name and phone")
    labels = _labels(result.brief, "Dogs")
    assert {"Vet name", "Vet phone"} <= set(labels) and labels["Vet phone"] != "number"
    # Two requests in a row are still two: "..., rename walks to outings".
    result = apply_change(WALKERS, "add a colour to dogs, rename walks to outings")
    assert "Outings" in _plurals(result.brief) and "Colour" in _labels(result.brief, "Dogs")


def test_a_name_said_to_be_misspelt_is_put_right_and_a_follow_up_asks_nothing_more() -> None:
    misspelt = apply_change(WALKERS, "rename Walker on walks to Walkr")
    assert "Walkr" in _labels(misspelt.brief, "Walks")
    result = apply_change(
        misspelt.brief, "the walker field on walks is spelt 'Walkr', can you fix that"
    )
    assert "Walker" in _labels(result.brief, "Walks") and not result.unmade
    assert not apply_change(WALKERS, "can that be fixed? thanks").made
