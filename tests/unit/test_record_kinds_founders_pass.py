"""Kinds a founder's pass over the plan without a model saw misread (issue 15, session s16), on
sentences of our own through the real English pipeline: a relative clause's verb glued to its
noun ("which dogs bite"), a detail said as one record's own ("each dog's breed", "with its
ear-tip and vet"), subs said as paid or not, a quoted word, a bracket that names a
clause ("(donations)"), slang plurals the spelling corrector turned into other words, and a
doer nobody said ("who booked which class")."""

from __future__ import annotations

import pytest

from livebuild.english.nlp import installed_model
from livebuild.english.spelling import correction
from tests.kinds import planned_kinds

if installed_model() is None:  # pragma: no cover - scripts/setup installs it
    pytest.skip(
        "spaCy's English pipeline is not installed (scripts/setup installs it)",
        allow_module_level=True,
    )


def _kinds(idea: str) -> set[str]:
    return {kind.lower() for kind in planned_kinds(idea)}


def test_which_dogs_bite_is_the_dogs_and_a_breed_is_a_dogs_detail() -> None:
    kinds = _kinds(
        "Dog grooming salon - clients and their dogs, each dog's breed, appointments, "
        "which dogs bite"
    )
    assert {"clients", "dogs", "appointments"} <= kinds
    assert not {k for k in kinds if "bite" in k or "breed" in k}


def test_what_each_pupil_has_is_no_kind_but_each_owners_dogs_are() -> None:
    kinds = _kinds(
        "Year 1 teacher. I want to track each pupil's phonics: the half-termly checks with "
        "the score out of 40, and the catch-up groups I put them in"
    )
    assert "pupils" in kinds
    assert "phonics" not in kinds
    assert "dogs" in _kinds("Dog walking: each owner's dogs, the walks and the walkers")


def test_subs_said_as_paid_or_not_are_no_kind_of_their_own() -> None:
    kinds = _kinds("Community choir: singers, rehearsals and who came, concerts, and subs paid.")
    assert {"singers", "rehearsals", "concerts"} <= kinds
    assert "subs" not in kinds
    # (Founders who say "who's paid their subs" keep the subs as payments: rounds 12 and 14.)
    # What people pay that is a record of its own stays one.
    kinds = _kinds(
        "Plumber: customers pay their invoices late, so I need customers, jobs and invoices"
    )
    assert "invoices" in kinds


def test_one_of_each_with_details_of_its_own_is_a_kind() -> None:
    kinds = _kinds(
        "Work experience: the employers who take students, each student's placement (dates, "
        "supervisor), and the feedback forms"
    )
    assert {"employers", "students", "placements"} <= kinds


def test_a_quoted_word_is_a_word_of_its_own() -> None:
    kinds = _kinds('track customers "quotes" and invoices')
    assert {"customers", "quotes", "invoices"} <= kinds
    assert not any("customers" in k and k != "customers" for k in kinds)


def test_a_bracket_naming_the_clause_before_it_is_a_kind() -> None:
    kinds = _kinds(
        "Food bank - who donated what (donations), food parcels, the families, volunteers"
    )
    assert {"donations", "food parcels", "volunteers"} <= kinds
    # Options in brackets after a noun stay options.
    kinds = _kinds("Choir: singers (sopranos, altos, tenors), concerts")
    assert kinds == {"singers", "concerts"}


def test_a_slang_plural_is_not_corrected_into_another_word() -> None:
    assert correction("bizes") == "bizes"
    assert correction("memebers") == "members"  # a slip is still put right
    kinds = _kinds("app for wedding DJ bizes: gigs, couples, playlists")
    assert kinds == {"gigs", "couples", "playlists"}


def test_who_booked_which_class_makes_no_customers_nobody_said() -> None:
    kinds = _kinds(
        "yoga studio: members (name, phone, membership type - monthly or 10-class pass), "
        "classes on the timetable with the teacher and room, and who booked which class"
    )
    assert {"members", "classes"} <= kinds
    assert "customers" not in kinds


def test_what_a_record_comes_with_is_its_detail() -> None:
    kinds = _kinds(
        "Cat rescue: every cat we take in with its microchip and vet, the fosterers and "
        "the adoptions"
    )
    assert {"cats", "fosterers", "adoptions"} <= kinds
    assert "microchips" not in kinds
    kinds = _kinds(
        "Hedgehog rescue: each hog we take in with its weight and ear-tag, the carers and "
        "the releases"
    )
    assert "ear-tags" not in kinds
    # One thing someone comes with may be a record of its own.
    assert "dogs" in _kinds("Dog walker: each client with their dog, and the walks")


def test_an_act_listed_as_a_what_clause_is_kept_as_its_record() -> None:
    # Round 15's commonest miss: the founder lists what they do, not its noun.
    assert {"plots", "members", "harvests"} <= _kinds(
        "Allotment society: plots, the members, what we've sown on each plot, and what they harvest"
    )
    assert "orders" in _kinds("Bakery: customers, what they order each week, and the recipes")
    # What each one did is a detail of each, and needing is no act to keep.
    assert _kinds("Tutor: students, lessons and what each one paid") == {"students", "lessons"}
    assert "needs" not in _kinds("Cafe: the suppliers, what we need from them, and the staff")
