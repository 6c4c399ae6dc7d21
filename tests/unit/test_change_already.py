"""A change asking for what the app already has, in other words ("customers should have a
notes box" beside Notes), changes nothing: the result says so, so no empty or failed version
is made of it. A change that couldn't be read, or was only partly already there, is not that."""

from __future__ import annotations

import pytest

from livebuild.brief.changes import apply_change
from tests.unit.test_changes import PLAN


@pytest.mark.parametrize(
    "request_",
    [
        "customers should have a notes box",  # said as made: "There is already a Notes field"
        "add customers",  # refused: "Your app already has Customers."
        "add a customers page",
        "rename Customers to Customers",
        "add a notes field",  # to Customers, the kind said first, which keep Notes
        "add a price to orders",  # "There is already a Price field on Orders"
        "call the app Bakerynest",  # "The app is already called Bakerynest."
    ],
)
def test_a_change_the_app_already_has_is_already_there(request_: str) -> None:
    result = apply_change(PLAN, request_)
    assert result.already_there(PLAN), (result.made, result.unmade)
    assert result.brief.to_dict() == PLAN.to_dict()


@pytest.mark.parametrize(
    "request_",
    [
        "make it sparkle",  # not read: a change that wasn't made, with its retry
        "add a phone number to customers",  # made
        "add customers and make it sparkle",  # part of it isn't there yet
    ],
)
def test_a_change_that_is_new_or_unread_is_not_already_there(request_: str) -> None:
    assert not apply_change(PLAN, request_).already_there(PLAN)


@pytest.mark.parametrize(
    "request_",
    [
        # The light theme is there, but the rest was dropped: the rules read only the theme.
        "keep the light theme but make the text bigger",
        "light theme please, with a larger font",
        "use a light theme with bigger fonts",
        "a lighter theme",
        "make the app light and airy",
        "switch to a light theme and a serif font",
        "use the light theme everywhere",
        # The page is there; what was said of it wasn't read.
        "add a customers page that shows the totals",
        "add an orders page that is faster",
    ],
)
def test_a_change_read_only_in_part_is_not_already_there(request_: str) -> None:
    # On a light-themed app these were answered "Your app already does that" (409, no
    # version), the bigger text or the lighter look dropped: only a line that says the app
    # already has it ("There is already a Notes field") counts, never "Switched to a light
    # theme." made of a theme it has.
    result = apply_change(PLAN, request_)
    assert result.brief.to_dict() == PLAN.to_dict()  # the plan's reading changed nothing
    assert not result.already_there(PLAN), (result.made, result.unmade, result.already)
