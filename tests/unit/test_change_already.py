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
        "use a light theme",  # the theme it has
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
