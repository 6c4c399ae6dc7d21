"""A kind called by the record it is for ("each placement is for one of our families"): the
plan reader makes its title a pick only where the idea says so plainly and the kind has no
title of its own, and the app's spec keeps such a title only where it can always be read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from livebuild.appgen.spec import build_spec
from livebuild.brief import Entity, Field, derive_brief
from livebuild.brief.title_link import titled_by_link

RESPITE = (
    "Respite care for families: we keep families (name, phone) and placements. "
    "A placement is for one of our families, with a start date and nights."
)


def _kind(entities: Sequence[Entity], plural: str) -> Entity:
    return next(e for e in entities if e.plural == plural)


def test_a_kind_said_to_be_for_one_of_ours_is_called_by_it_and_its_samples_name_real_ones() -> None:
    brief = derive_brief(RESPITE)
    first = _kind(brief.entities, "Placements").fields[0]
    assert (first.label, first.kind, first.links_to) == ("Family", "link", "families")
    spec = build_spec(brief)
    families = next(e for e in spec.entities if e["slug"] == "families")
    placements = next(e for e in spec.entities if e["slug"] == "placements")
    names = {row["name"] for row in families["seed"]}
    assert placements["seed"] and all(row["family"] in names for row in placements["seed"])


PATIENT = Entity(
    "Patient", "Patients", "patients", (Field("name", "Name", "text"),), ({"name": "Ana Ruiz"},)
)


def _visit(title: str) -> Entity:
    return Entity(
        "Visit",
        "Visits",
        "visits",
        (Field(title.lower(), title, "text"), Field("on", "Date", "date")),
        ({title.lower(): "Visit 1", "on": "2026-01-02"},),
    )


@pytest.mark.parametrize(
    ("idea", "title", "linked"),
    [
        ("Each visit is for one of our patients.", "Visit", True),
        ("Every visit belongs to one of our patients, on a date.", "Visit", True),
        # A title of its own stays: the record is not only who it is for.
        ("Each visit is for one of our patients.", "Carer", False),
        # Not said plainly: no guess.
        ("Visits are with patients.", "Visit", False),
        ("Each visit is not for one of our patients.", "Visit", False),
        ("Each visit is for one of our doctors.", "Visit", False),
    ],
)
def test_only_a_plain_sentence_and_an_untitled_kind_make_the_title_a_pick(
    idea: str, title: str, linked: bool
) -> None:
    made = titled_by_link([PATIENT, _visit(title)], idea)
    first = _kind(made, "Visits").fields[0]
    assert (first.kind == "link" and first.links_to == "patients") is linked
    if linked:
        assert _kind(made, "Visits").seed == ({"on": "2026-01-02", "patient": "Ana Ruiz"},)


def test_the_spec_keeps_a_title_pick_only_where_it_always_reads_as_text() -> None:
    brief = derive_brief(RESPITE)
    families = _kind(brief.entities, "Families")
    placements = _kind(brief.entities, "Placements")
    # A kind picking its title from its own records, or from a kind itself called by a pick,
    # is called by its own text instead.
    own = replace(
        families,
        fields=(Field("name", "Name", "link", links_to="families"), *families.fields[1:]),
    )
    spec = build_spec(replace(brief, entities=(own, placements)))
    kinds = {e["slug"]: e["fields"][0]["kind"] for e in spec.entities}
    assert kinds == {"families": "text", "placements": "link"}
    chained = replace(
        families,
        fields=(Field("name", "Name", "link", links_to="placements"), *families.fields[1:]),
    )
    spec = build_spec(replace(brief, entities=(chained, placements)))
    assert sum(e["fields"][0]["kind"] == "link" for e in spec.entities) == 1


@pytest.mark.parametrize(
    "request_",
    [
        "each exam is for one of our boats",
        "each exam should be for one of our exams",
        "exam should be one of our exams",
        "the exam should be picked from a list",
    ],
)
def test_a_field_is_never_made_a_pick_of_its_own_kind(request_: str) -> None:
    from livebuild.brief.changes import apply_change
    from tests.unit.test_fill_link_named import SCHOOL

    answer = apply_change(SCHOOL, request_)
    exams = _kind(answer.brief.entities, "Exams")
    assert all(f.links_to != "exams" for f in exams.fields), answer.made
    assert not any("picked from your exams" in said for said in answer.made), answer.made


def test_a_field_asked_to_be_a_pick_of_its_own_kind_is_refused_plainly() -> None:
    from livebuild.brief.change_apply import apply_operation
    from livebuild.brief.change_intents import Refused
    from livebuild.brief.change_ops import ChangeKind
    from tests.unit.test_fill_link_named import SCHOOL

    with pytest.raises(Refused) as refused:
        apply_operation(SCHOOL, ChangeKind("exams", "exam", "link"))
    assert "can't pick from its own list" in str(refused.value), str(refused.value)
