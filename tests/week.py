"""A founder's week with their app: seven changes and two restores, a record added each day.

Shared by the single-machine and the scale-out tests, so both hold the same promise: no
record is ever lost, renamed lists and fields carry theirs, and a field kept aside by one
version is back with the plan that has it.
"""

from __future__ import annotations

IDEA = "A garden planner for allotment growers: beds, plantings and harvests to plan the season."

FIRST = {"bed": "Day one bed", "status": "", "notes": "South facing"}

# (the change, the list the records show in after it, the record kind added, its values)
WEEK: list[tuple[dict[str, str], str, dict[str, str]]] = [
    ({"change_request": "add a supplier to beds"}, "beds", {"supplier": "Acme"}),
    ({"change_request": "rename supplier to vendor"}, "beds", {"vendor": "Birch & Co"}),
    ({"change_request": "remove the notes field from beds"}, "beds", {}),
    ({"change_request": "rename beds to plots"}, "plots", {}),
    ({"restore": "v0.1"}, "beds", {}),
    ({"change_request": "add a Tastings page with rating and date"}, "beds", {}),
    ({"change_request": "use a dark theme"}, "beds", {}),
    ({"restore": "v0.3"}, "beds", {}),
    ({"change_request": "add a phone number to beds"}, "beds", {}),
]


def day_record(day: int, slug: str, values: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The record added on `day` to the list `slug`: its name, and the form's values."""
    name = f"Day {day} bed"
    # The title field named after the record kind follows it: a plot's title is "plot".
    title = "plot" if slug == "plots" else "bed"
    return name, {title: name, "status": "", **values}
