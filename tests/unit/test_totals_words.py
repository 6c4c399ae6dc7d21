"""What a list adds up, from a detail's kind and name: money, quantities, hours and distances
are totalled; ratings and ages averaged; years, reference numbers and intervals left alone."""

from __future__ import annotations

import pytest

from livebuild.english.totals import how_totalled


@pytest.mark.parametrize(
    ("label", "kind", "expected"),
    [
        ("Price", "money", "sum"),
        ("Deposit paid", "money", "sum"),
        ("Hourly rate", "money", "average"),
        ("Price per night", "money", "average"),
        ("Quantity in stock", "number", "sum"),
        ("In stock", "number", "sum"),
        ("On hand", "number", "sum"),
        ("Hours worked", "number", "sum"),
        ("Distance (km)", "number", "sum"),
        ("Number of guests", "number", "sum"),
        ("Guests", "number", "sum"),
        ("Pages read", "number", "sum"),
        ("Rating", "number", "average"),
        ("Age", "number", "average"),
        ("Temperature (°C)", "number", "average"),
        ("Year", "number", ""),
        # What one class or room can hold: a dashboard summing it over classes means nothing.
        ("Capacity", "number", "average"),
        ("Max people", "number", "average"),
        ("Places", "number", "average"),
        ("Year built", "number", ""),
        ("Reference number", "number", ""),
        ("Room", "number", ""),
        ("Water every (days)", "number", ""),
        ("Species", "text", ""),
    ],
)
def test_only_what_adds_up_is_totalled(label: str, kind: str, expected: str) -> None:
    assert how_totalled(label, kind) == expected
