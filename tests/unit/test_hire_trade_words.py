"""A hire business and its hyphenated trade words, read without a model (issue 15), on the
real English pipeline with sentences of our own: a business named by the work it sells ("kit
hire") keeps hires and customers, and a record borrowed from another kind of business keeps
no detail of that business's things (no "Book" on a hire shop's loans)."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.english.nlp import installed_model
from livebuild.english.reading import read

if installed_model() is None:  # pragma: no cover - scripts/setup installs it
    pytest.skip(
        "spaCy's English pipeline is not installed (scripts/setup installs it)",
        allow_module_level=True,
    )


def test_a_business_named_by_the_hire_it_sells_keeps_hires_and_customers() -> None:
    kinds = {e.plural.lower() for e in derive_brief("Hi-vis vest hire for road crews").entities}
    assert {"hires", "customers"} <= kinds


def test_a_hyphen_inside_a_word_does_not_end_the_ideas_opening() -> None:
    assert read("Hi-vis vest hire for road crews").opening[-2:] == ("vest", "hire")


def test_a_borrowed_loan_names_the_idea_own_things_never_a_book() -> None:
    brief = derive_brief(
        "Ladder lending for our street: who has which ladders, when they're due back"
    )
    loans = next(e for e in brief.entities if e.plural == "Loans")
    names = {f.name for f in loans.fields}
    assert "book" not in names
    assert "ladder" in names
    brief = derive_brief("Kit lending: track the loans, the due dates and who has what")
    loans = next(e for e in brief.entities if e.plural == "Loans")
    assert "book" not in {f.name for f in loans.fields}
    # A library's loans still name its books.
    brief = derive_brief("Our village book library: books, members and loans")
    loans = next(e for e in brief.entities if e.plural == "Loans")
    assert "book" in {f.name for f in loans.fields}


def test_an_x_to_y_converter_is_a_calculator_however_the_parser_hangs_it() -> None:
    assert derive_brief("cm to inch converter").app_kind == "calculator"
    assert derive_brief("stone to kg converter for my gym class").app_kind == "calculator"
    # A verb's "to" is no converter: "deliver parcels to shops" keeps records.
    assert derive_brief("Deliver parcels to shops. Track drivers, parcels, shops.").app_kind == (
        "records"
    )


def test_a_known_library_or_product_named_in_the_idea_is_not_the_products_name() -> None:
    brief = derive_brief("Tableau is an app for my florist: orders, bouquets and customers")
    assert brief.product_name != "Tableau"
    assert "Tableau" not in brief.product_name
    named = derive_brief("Petalry is an app for my florist: orders, bouquets and customers")
    assert named.product_name == "Petalry"
