"""A record named like one the catalogue knows from another trade ("visits") never brings
that trade's people: a clinic's or a window cleaner's visits have no "Carer" (the pet-care
catalogue's), and are called by what they are, not by someone the founder never named."""

from __future__ import annotations

import pytest

from livebuild.brief import Brief
from livebuild.brief.plan import offline_plan


def _fields(brief: Brief, plural: str) -> list[str]:
    entity = next(e for e in brief.entities if e.plural == plural)
    return [f.label for f in entity.fields]


@pytest.mark.parametrize(
    "idea",
    [
        "A physiotherapy clinic that tracks patients and their visits",
        "A window cleaning round: houses, visits and payments",
        "A mobile knife-sharpening van that keeps customers and their visits",
    ],
)
def test_another_trades_people_stay_out_of_a_visit(idea: str) -> None:
    labels = _fields(offline_plan(idea), "Visits")
    assert "Carer" not in labels
    assert labels[0] != "Carer"
    assert "Date" in labels


def test_a_visit_without_its_borrowed_title_is_called_a_visit() -> None:
    brief = offline_plan("A physiotherapy clinic that tracks patients and their visits")
    assert _fields(brief, "Visits")[0] == "Visit"


def test_a_pet_sitters_visits_keep_their_carer() -> None:
    # The pet-care trade's own visits: the carer is who makes them.
    labels = _fields(offline_plan("A pet sitting service with pets and visits"), "Visits")
    assert "Carer" in labels


def test_a_carer_the_founder_names_is_kept() -> None:
    idea = "A home care agency: clients, carers and visits, each visit with its carer"
    brief = offline_plan(idea)
    assert any("carer" in label.lower() for label in _fields(brief, "Visits"))
