"""Kinds an idea says as an act done to its things ("who referred them": referrals), brackets
the parser closes with "):", and speeds that are no count of things kept. On the real spaCy
pipeline, with sentences written for these tests."""

from __future__ import annotations

import pytest

from livebuild.brief.plan import offline_plan
from livebuild.brief.readable import NotARecordApp
from livebuild.english.acts import act_noun


def _kinds(idea: str) -> list[str]:
    return [e.plural for e in offline_plan(idea).entities]


@pytest.mark.parametrize(
    ("said", "noun"),
    [
        ("referred", "referral"),
        ("booked", "booking"),
        ("delivered", "delivery"),
        ("attended", "attendance"),
        ("ordered", "order"),
        ("visited", "visit"),
        ("adopted", "adoption"),
        ("treated", "treatment"),
    ],
)
def test_the_noun_of_an_act_comes_from_its_verb(said: str, noun: str) -> None:
    assert act_noun(said) == noun


def test_a_derived_word_that_means_something_else_is_no_act() -> None:
    assert act_noun("saw") != "seal"
    assert act_noun("signed") != "signal"


def test_who_referred_them_keeps_referrals() -> None:
    kinds = _kinds(
        "Our food bank needs: the households, who referred them, the parcels and the volunteers."
    )
    assert "Referrals" in kinds
    assert "Households" in kinds


def test_whos_booked_on_them_keeps_bookings() -> None:
    kinds = _kinds(
        "i run pottery evenings. i'd like to keep the classes i teach and who's booked on them, "
        "and my clay stock"
    )
    assert "Bookings" in kinds


def test_who_holds_a_thing_by_name_is_no_loan() -> None:
    kinds = _kinds(
        "We manage allotments. Need: each plot (number, size), who holds the tenancy and when "
        "it ends, and the waiting list."
    )
    assert "Loans" not in kinds
    assert "Plots" in kinds


def test_a_list_after_brackets_closed_by_a_colon_is_kept() -> None:
    kinds = _kinds(
        "Book club (like a reading circle): members, our monthly meetings, the books we read "
        "and the reviews."
    )
    assert {"Members", "Meetings", "Reviews"} <= {k.split()[-1] for k in kinds}


def test_a_speed_is_no_count_of_things_kept() -> None:
    with pytest.raises(NotARecordApp):
        offline_plan(
            "typing trainer, paste a passage and it flashes it at 200 or 400 words a minute"
        )


def test_things_booked_keep_bookings() -> None:
    kinds = _kinds(
        "Toddler swimming teacher. Need parents and toddlers, which course they're booked on, "
        "and the pools I hire."
    )
    assert "Bookings" in kinds


def test_records_booked_themselves_are_the_bookings() -> None:
    kinds = _kinds("window cleaner, want to keep my customers and the jobs booked in each week")
    assert "Bookings" not in kinds
