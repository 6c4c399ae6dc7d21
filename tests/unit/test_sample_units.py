"""Sample amounts fit the unit the founder said: a translator's "rate per word" is cents and
their jobs run to thousands of words; a detail with no unit said keeps its samples. An
amount said per unit ("price per kg") is averaged in the app's totals row, not summed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from livebuild.appgen.spec import build_spec
from livebuild.brief.changes import apply_change
from livebuild.brief.derive import derive_brief
from livebuild.brief.model import Brief, Entity, Field
from livebuild.brief.units import fit_units


def _column(brief: Brief, label: str) -> list[Decimal]:
    for entity in brief.entities:
        for field in entity.fields:
            if field.label == label:
                return [Decimal(row[field.name]) for row in entity.seed if row.get(field.name)]
    raise AssertionError(f"no {label!r} in {[e.plural for e in brief.entities]}")


def test_a_rate_per_word_is_cents_and_word_counts_run_to_hundreds() -> None:
    brief = derive_brief("freelance translator: jobs with client, word count, rate per word")
    rates, counts = _column(brief, "Rate"), _column(brief, "Word count")
    assert rates and all(Decimal("0.05") <= rate <= Decimal("0.30") for rate in rates), rates
    assert counts and all(count >= 300 for count in counts), counts


def test_hourly_and_nightly_rates_read_like_hours_and_nights() -> None:
    hourly = Entity(
        "Lesson",
        "Lessons",
        "lessons",
        (Field("lesson", "Lesson", "text"), Field("rate", "Hourly rate", "money")),
        seed=tuple({"lesson": f"Lesson {i}", "rate": "190.00"} for i in range(5)),
    )
    nightly = Entity(
        "Stay",
        "Stays",
        "stays",
        (Field("stay", "Stay", "text"), Field("rate", "Rate", "money")),
        seed=tuple({"stay": f"Stay {i}", "rate": "2.50"} for i in range(5)),
    )
    hours = [Decimal(row["rate"]) for row in fit_units([hourly], "a tutor's lessons")[0].seed]
    nights = [
        Decimal(row["rate"]) for row in fit_units([nightly], "chalet stays, nightly rate")[0].seed
    ]
    assert all(20 <= rate <= 150 for rate in hours), hours
    assert all(50 <= rate <= 250 for rate in nights), nights


def test_an_amount_with_no_unit_said_keeps_its_samples() -> None:
    entity = Entity(
        "Order",
        "Orders",
        "orders",
        (Field("order", "Order", "text"), Field("price", "Price", "money")),
        seed=({"order": "Order 1", "price": "42.50"}, {"order": "Order 2", "price": ""}),
    )
    assert fit_units([entity], "cake orders with a price per order")[0].seed == entity.seed


def test_a_unit_said_of_one_kind_is_not_given_to_another_with_a_price() -> None:
    brief = derive_brief(
        "evening pottery classes: students, what each student paid, kiln firings and the clay"
        " stock in kg + price per kg"
    )
    prices = {e.plural: [row.get("price") for row in e.seed] for e in brief.entities}
    clay = [Decimal(p) for p in prices["Clay stock"] if p]
    assert clay and all(p <= 18 for p in clay), clay
    students = [Decimal(p) for p in prices.get("Students", []) if p]
    assert all(p >= 20 for p in students), students


_BEANS = "A shop selling coffee beans: products with name, origin and price per kg, and orders"


def _total(brief: Brief, plural: str, label: str) -> str:
    entity = next(e for e in build_spec(brief).entities if e["plural"] == plural)
    return str(next(f for f in entity["fields"] if f["label"] == label)["total"])


def test_a_price_said_per_kg_is_averaged_in_the_totals_row_not_summed() -> None:
    brief = derive_brief(_BEANS)
    assert _total(brief, "Products", "Price") == "average"
    # An order's total, with no unit said, still adds up.
    assert _total(brief, "Orders", "Total") == "sum"


@pytest.mark.parametrize(
    ("request_", "plural", "label", "low", "high"),
    [
        ("add a rate per word to products", "Products", "Rate per word", "0.05", "0.30"),
        ("add a price per kg to orders", "Orders", "Price per kg", "2", "18"),
    ],
)
def test_an_amount_added_by_a_change_is_sampled_to_fit_its_unit(
    request_: str, plural: str, label: str, low: str, high: str
) -> None:
    changed = apply_change(derive_brief(_BEANS), request_).brief
    amounts = _column(changed, label)
    assert amounts and all(Decimal(low) <= a <= Decimal(high) for a in amounts), amounts
    assert _total(changed, plural, label) == "average"
