"""A field made a link in a change (`fill_link`): the field the founder names, the kind said
with "which", a title made a pick of another kind, never another field made a
link in its place. A sailing school's plan no reader was written for."""

from __future__ import annotations

import pytest

from bench.changes import _plan
from livebuild.brief.change_apply import apply_operation
from livebuild.brief.change_intents import Refused
from livebuild.brief.change_ops import ChangeKind
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief, Entity

SCHOOL = _plan(
    {
        "idea": "A sailing school: our instructors, students, boats, lessons and exams.",
        "product_name": "Keel School",
        "tagline": "Learn to sail",
        "features": ["Keep lessons"],
        "entities": [
            {"singular": "Instructor", "fields": [["Name", "text"], ["Phone", "phone"]]},
            {"singular": "Student", "fields": [["Name", "text"], ["Email", "email"]]},
            {"singular": "Boat", "fields": [["Name", "text"], ["Class", "text"]]},
            {
                "singular": "Lesson",
                "fields": [["Title", "text"], ["Date", "date"], ["Boat", "text"]],
            },
            {
                "singular": "Exam",
                "fields": [
                    ["Student", "text"],
                    ["Exam", "text"],
                    ["Date", "date"],
                    ["Examiner", "text"],
                ],
            },
        ],
    }
)

PLACEMENTS = _plan(
    {
        "idea": "Respite care: families and the placements we arrange for them.",
        "product_name": "Harbour",
        "tagline": "Placements kept",
        "features": ["Keep placements"],
        "entities": [
            {"singular": "Family", "fields": [["Name", "text"], ["Phone", "phone"]]},
            {
                "singular": "Placement",
                "fields": [["Family", "text"], ["Starts", "date"], ["Nights", "number"]],
            },
        ],
    }
)


def _kind(brief: Brief, plural: str) -> Entity:
    return next(e for e in brief.entities if e.plural == plural)


def _links(brief: Brief, plural: str) -> dict[str, str]:
    return {f.label: f.links_to for f in _kind(brief, plural).fields if f.kind == "link"}


def test_the_kinds_own_name_said_is_not_its_field_of_that_name() -> None:
    """ "the examiner on an exam": "exam" names the kind Exams, not its Exam field."""
    result = apply_change(
        SCHOOL, "the examiner on an exam ought to be one of our instructors from the list"
    )
    assert _links(result.brief, "Exams") == {"Examiner": "instructors"}, result.made


def test_a_title_made_a_link_is_picked_from_that_kind_and_nothing_else_changes() -> None:
    result = apply_change(
        SCHOOL, "the student on an exam ought to be one of our students from the list"
    )
    assert not result.unmade, result.unmade
    assert _kind(result.brief, "Exams").fields[0].links_to == "students"
    assert result.made[0].startswith("Student is now picked from your students.")
    assert "Each exam is called by its student's name" in result.made[0]
    others = [e for e in result.brief.entities if e.plural != "Exams"]
    assert others == [e for e in SCHOOL.entities if e.plural != "Exams"]


@pytest.mark.parametrize(
    "said",
    [
        "the family on a placement should be picked from our families",
        "each placement is for one of our families",
        "the family on each placement has to be one of our families, chosen not typed",
    ],
)
def test_a_title_said_to_be_one_of_our_records_becomes_a_link(said: str) -> None:
    result = apply_change(PLACEMENTS, said)
    assert not result.unmade, result.unmade
    first = _kind(result.brief, "Placements").fields[0]
    assert (first.label, first.kind, first.links_to) == ("Family", "link", "families")


def test_a_title_picked_from_its_own_kind_stays_text() -> None:
    result = apply_change(PLACEMENTS, "the family on a family should be one of our families")
    assert _kind(result.brief, "Families").fields[0].kind == "text"


def test_the_kind_said_with_which_is_the_one_picked_from() -> None:
    result = apply_change(
        SCHOOL, "Each lesson should say which boat it's on - pick it, not type it"
    )
    assert _links(result.brief, "Lessons") == {"Boat": "boats"}, result.made


CLUB = _plan(
    {
        "idea": "A sailing club: our instructors, boats and lessons.",
        "product_name": "Keel Club",
        "tagline": "Learn to sail",
        "features": ["Keep lessons"],
        "entities": [
            {"singular": "Instructor", "fields": [["Name", "text"], ["Phone", "phone"]]},
            {"singular": "Boat", "fields": [["Name", "text"], ["Class", "text"]]},
            {
                "singular": "Lesson",
                "fields": [["Title", "text"], ["Date", "date"], ["Coach", "text"]],
            },
        ],
    }
)


def test_a_role_said_as_one_of_a_kind_is_a_link_not_the_names_typed_so_far() -> None:
    result = apply_change(CLUB, "the coach on a lesson should be one of our instructors")
    assert _links(result.brief, "Lessons") == {"Coach": "instructors"}, result.made


def test_a_link_to_a_kind_the_plan_lacks_is_never_made_and_the_role_is_offered() -> None:
    with pytest.raises(Refused) as refused:
        apply_operation(CLUB, ChangeKind("lessons", "coach", "link"))
    assert str(refused.value) == "We couldn't find a list of coaches to pick from."
    offered = refused.value.closest
    assert offered is not None
    assert offered.change_request == "the coach on a lesson should be one of our instructors"
    # Said back, the offer is made as a link to the instructors.
    made = apply_change(CLUB, offered.change_request)
    assert _links(made.brief, "Lessons") == {"Coach": "instructors"}


def test_a_link_to_nothing_kept_says_what_the_app_keeps() -> None:
    with pytest.raises(Refused, match="Your app keeps Instructors, Boats and Lessons"):
        apply_operation(CLUB, ChangeKind("lessons", "date", "link"))
