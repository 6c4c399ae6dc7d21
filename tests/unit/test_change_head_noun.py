"""A founder calls a kind by the word that says what it is: "the shifts" are the Cleaning
shifts, and a change said so is made, not answered "We couldn't find 'shifts'". A word that
is also a field's name ("notes" beside Session notes) is never read as the kind."""

from __future__ import annotations

import pytest

from livebuild.brief.changes import apply_change
from livebuild.brief.derive import derive_brief

FRIDGE = derive_brief(
    "Community fridge: log food donations by donor with weight and expiry date, and "
    "volunteer cleaning shifts"
)
TUTORING = derive_brief("A tutoring app: students, lessons and session notes")


@pytest.mark.parametrize(
    ("request_", "made"),
    [
        ("shifts should have a start time", "Added start time to Cleaning shifts."),
        ("add a start time to the shifts", "Added start time to Cleaning shifts."),
        ("rename shifts to rotas", "Renamed Cleaning shifts to Rotas."),
        ("remove notes from the donations", "Removed the Notes field from Food donations."),
    ],
)
def test_a_kind_called_by_its_last_word_is_changed(request_: str, made: str) -> None:
    assert [e.plural for e in FRIDGE.entities] == ["Food donations", "Cleaning shifts"]
    result = apply_change(FRIDGE, request_)
    assert result.made == [made], result.unmade


def test_a_word_that_is_also_a_field_is_not_read_as_the_kind() -> None:
    result = apply_change(TUTORING, "remove the notes")
    assert not result.made
    assert [e.plural for e in result.brief.entities] == ["Students", "Lessons", "Session notes"]
    assert "doesn't say which" in result.unmade[0]


@pytest.mark.parametrize(
    "request_",
    [
        "make the app work offline on my phone without internet",
        "it needs to work in the basement where there's no signal",
        "can volunteers use it offline",
    ],
)
def test_working_offline_gets_a_true_answer_not_outside_services(request_: str) -> None:
    result = apply_change(FRIDGE, request_)
    assert not result.made
    said = " ".join(result.unmade)
    assert "can't work offline" in said and "other services" not in said, said
    assert "couldn't work out" not in said


def test_a_field_called_offline_is_still_added() -> None:
    result = apply_change(FRIDGE, "add an offline reason to shifts")
    assert result.made == ["Added offline reason to Cleaning shifts."], result.unmade


CHARITY = derive_brief("A digital inclusion charity: households, devices we lend and home visits")


@pytest.mark.parametrize(
    ("request_", "made"),
    [
        (
            "add a tick box to households for those without internet",
            "Added those without internet (yes or no) to Households.",
        ),
        ("add an offline access field to devices", "Added offline access to Devices."),
        (
            "home visits should have a reason for when there's no signal",
            "Added reason to Home visits.",
        ),
    ],
)
def test_a_field_about_being_offline_is_made_not_refused(request_: str, made: str) -> None:
    """A digital-inclusion charity keeps who is without internet: that is data, and the
    field is made; the founder is not told the app can't work offline."""
    result = apply_change(CHARITY, request_)
    assert result.made == [made], result.unmade
    assert "offline" not in " ".join(result.unmade)


def test_a_device_used_offline_is_not_the_app_working_offline() -> None:
    result = apply_change(CHARITY, "add a yes/no for whether the device can be used offline")
    assert "can't work offline" not in " ".join(result.unmade), result.unmade


@pytest.mark.parametrize(
    "request_", ["we need an offline mode", "can I use the app without internet"]
)
def test_the_offline_answer_says_the_download_starts_without_records(request_: str) -> None:
    result = apply_change(FRIDGE, request_)
    said = " ".join(result.unmade)
    assert "can't work offline" in said, said
    assert "starts without your records" in said and "CSV" in said, said


SHIFT_FIELD = apply_change(FRIDGE, "add a preferred shift to donations").brief


@pytest.mark.parametrize("request_", ["remove the shift", "rename shift to slot"])
def test_a_word_a_field_ends_with_is_asked_about_not_the_kind(request_: str) -> None:
    """Food donations have a Preferred shift: "the shift" may be that field, so the Cleaning
    shifts page is neither removed nor renamed on a guess."""
    result = apply_change(SHIFT_FIELD, request_)
    assert not result.made, result.made
    assert [e.plural for e in result.brief.entities] == ["Food donations", "Cleaning shifts"]
