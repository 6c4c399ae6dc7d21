"""Words a founder reads in their plan: record kinds named in the singular with a real plural,
identifiers kept as short text, counts as numbers, articles that agree."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.brief.from_decisions import brief_from_decisions
from livebuild.brief.model_reading import Decisions, RecordChoice
from livebuild.english.detail_kinds import detail_kind
from livebuild.english.forms import as_singular, is_plural
from livebuild.english.grammar import with_article

LAMBING = (
    "Lambing season tracker. Ewes, the lambs each one has, tag numbers, which field they're "
    "in and any vet treatments given."
)
RETREATS = (
    "like calendly but for my yoga retreats - guests pick a retreat weekend, choose a room "
    "(shared or single) and pay a deposit"
)


def _names(idea: str, records: list[str] | None = None) -> dict[str, str]:
    return {e.singular: e.plural for e in derive_brief(idea, records=records).entities}


def test_odd_plurals_are_never_doubled() -> None:
    assert _names(LAMBING)["Ewe"] == "Ewes"
    assert _names(LAMBING, ["ewes", "lambs", "vet treatments"]) == {
        "Ewe": "Ewes",
        "Lamb": "Lambs",
        "Vet treatment": "Vet treatments",
    }
    birds = derive_brief("Log bird sightings and the species we see", records=["species"])
    assert [(e.singular, e.plural) for e in birds.entities] == [("Species", "Species")]
    assert "specieses" not in birds.tagline.lower()


@pytest.mark.parametrize(
    ("word", "one"),
    [("ewes", "ewe"), ("bookings", "booking"), ("species", "species"), ("calories", "calorie")],
)
def test_singular_of_a_plural_noun(word: str, one: str) -> None:
    assert as_singular(word) == one
    assert is_plural(word) == (word != one)


@pytest.mark.parametrize(
    ("name", "proposed", "kind"),
    [
        ("Tag number", "longtext", "text"),
        ("tag number", "number", "text"),
        ("ID", "longtext", "text"),
        ("Phone number", "number", "text"),
        ("Room no", "number", "text"),
        ("Year", "money", "number"),
        ("Age", "longtext", "number"),
        ("Number of guests", "number", "number"),
        ("Price", "money", "money"),
        ("Year", "date", "date"),
        ("", "text", "text"),
    ],
)
def test_a_detail_name_says_what_it_holds(name: str, proposed: str, kind: str) -> None:
    assert detail_kind(name, proposed) == kind


def test_the_model_path_keeps_identifiers_as_text_and_years_as_numbers() -> None:
    ewes = RecordChoice(
        "ewes", (("tag number", "longtext"), ("year", "money"), ("ID", "longtext")), ()
    )
    lambs = RecordChoice("lambs", (("birth weight", "number"),), ("ewes",))
    brief = brief_from_decisions(LAMBING, None, Decisions("records", (ewes, lambs), "farmers"))
    ewe = next(e for e in brief.entities if e.singular == "Ewe")
    kinds = {f.name: f.kind for f in ewe.fields}
    assert kinds["tag_number"] == "text" and kinds["id"] == "text" and kinds["year"] == "number"
    lamb = next(e for e in brief.entities if e.singular == "Lamb")
    assert any(f.kind == "link" and f.links_to == ewe.slug for f in lamb.fields)


def test_a_plural_record_name_reads_with_its_article() -> None:
    retreats = RecordChoice("yoga retreats", (), ())
    bookings = RecordChoice("bookings", (("deposit", "money"),), ("yoga retreats",))
    brief = brief_from_decisions(RETREATS, None, Decisions("records", (retreats, bookings), ""))
    retreat = brief.entities[0]
    assert (retreat.singular, retreat.plural) == ("Yoga retreat", "Yoga retreats")
    assert with_article(retreat.singular.lower()) == "a yoga retreat"
    text = " ".join((brief.tagline, brief.problem, *brief.features)).lower()
    assert "retreatses" not in text and "bookingses" not in text
