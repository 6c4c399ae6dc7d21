"""The details a founder lists of one thing become its fields, with kinds that fit."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.brief.model import Brief, Entity

pytest.importorskip("spacy", reason="the English pipeline is not installed")


def _kind(brief: Brief, plural: str) -> Entity:
    return next(e for e in brief.entities if e.plural == plural)


def _fields(entity: Entity) -> dict[str, str]:
    return {f.label: f.kind for f in entity.fields}


def test_details_in_brackets_after_a_kind_become_its_fields() -> None:
    brief = derive_brief("Track bikes (make, model, colour) and repair jobs.")
    fields = _fields(_kind(brief, "Bikes"))
    assert {"Make", "Model", "Colour"} <= set(fields)


def test_details_said_with_a_kind_keep_a_sum_as_money_and_are_no_kinds_of_their_own() -> None:
    brief = derive_brief(
        "My vinyl record shop: each album with artist, year, pressing, grade and what I paid, "
        "plus the customers who order from me."
    )
    fields = _fields(_kind(brief, "Albums"))
    assert {"Artist", "Year", "Pressing", "Grade"} <= set(fields)
    assert fields["What I paid"] == "money"
    assert fields["Year"] == "number"
    assert not {"Grades", "Pressings"} & {e.plural for e in brief.entities}


def test_a_question_said_as_a_detail_holds_a_date_or_a_yes_or_no() -> None:
    brief = derive_brief(
        "Boiler servicing: customers, and every boiler (make, when it was fitted, "
        "whether it is under warranty)."
    )
    fields = _fields(_kind(brief, "Boilers"))
    assert fields["When it was fitted"] == "date"
    assert fields["Whether it is under warranty"] == "boolean"


def test_which_kind_said_as_a_detail_links_to_that_kind() -> None:
    brief = derive_brief(
        "Truffle hunting: the trees on our land, and each truffle found "
        "(which tree, weight, grade)."
    )
    truffles = _kind(brief, "Truffles")
    links = {f.links_to for f in truffles.fields if f.kind == "link"}
    assert "trees" in links


def test_examples_in_brackets_are_no_details() -> None:
    brief = derive_brief("Powder coating: jobs (wheels, gates, bike frames) and customers.")
    fields = _fields(_kind(brief, "Jobs"))
    assert not {"Wheels", "Gates", "Wheel", "Gate"} & set(fields)


def test_a_record_kept_per_another_links_to_it() -> None:
    brief = derive_brief(
        "Cranberry farm: each bog (acreage, variety), the harvest barrels per bog, and the loads."
    )
    barrels = _kind(brief, "Harvest barrels")
    assert "bogs" in {f.links_to for f in barrels.fields if f.kind == "link"}
