"""Everyday renames, kinds, typos and can't-dos, read against the plan's own names: the name
the plan has is the old one whatever the word order; what no app can do is declined plainly."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief.changes import apply_change

STUDIO = load()[0]["studio"]


@pytest.mark.parametrize(
    ("request_", "made"),
    [
        ("could 'Classes' be 'Sessions' instead?", "Renamed Classes to Sessions."),
        ("I'd prefer 'Teacher' to 'Instructor' on classes", "Renamed the Instructor field"),
        ("Bookings I want to call just 'Reservations'", "Renamed Bookings to Reservations."),
        ("name of app should be 'Flow Studio'", "Renamed the app from Studiobook to Flow Studio."),
        ("the studio is now called Flow Studio", "Renamed the app from Studiobook to Flow Studio."),
        ("Phone of member must be phone type, not text", "Made Phone"),
        ("could members have a nickname as well as the name?", "Added nickname to Members."),
        ("status options: add also Waitlisted", "Added Waitlisted to the Status choices."),
        ("the status options need Late too", "Added Late to the Status choices."),
        ("members shoud have an emergancy contact", "Added emergency contact to Members."),
    ],
)
def test_everyday_renames_kinds_and_typos_are_read_against_the_plans_own_names(
    request_: str, made: str
) -> None:
    result = apply_change(STUDIO, request_)
    assert result.made and result.made[0].startswith(made), (result.made, result.unmade)


def test_two_quoted_words_that_are_a_list_not_a_rename_are_left_alone() -> None:
    result = apply_change(STUDIO, "add 'Late' and 'Cancelled' to the booking status")
    assert not any(m.startswith("Renamed") for m in result.made)


@pytest.mark.parametrize(
    "request_",
    [
        "let members pay for classes by card on the site",
        "let members log in with their Google account",
        "send each member their bookings on WhatsApp",
    ],
)
def test_a_cant_do_said_in_everyday_words_is_declined_plainly(request_: str) -> None:
    result = apply_change(STUDIO, request_)
    assert result.brief == STUDIO and result.unmade
    assert "couldn't work out" not in result.unmade[0]
