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
