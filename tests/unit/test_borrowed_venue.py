"""A place named by another trade's word ("a pottery *studio*", "a sailing *club*", "a
driving *school*") is not that trade: its members, classes and students get no gym plans and
fees, no coach or intensity, no year group or guardian's email, unless the founder says
them. A place the trade's own word qualifies ("a yoga studio", "a boxing club", "a primary
school") keeps its trade's fields."""

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
        "A pottery studio: members, their firing slots and the glazes they use",
        "A sailing club with members and the boats they crew",
        "A chess club's members and the games they play",
    ],
)
def test_members_of_another_trades_place_get_no_gym_plan_or_fee(idea: str) -> None:
    labels = _fields(offline_plan(idea), "Members")
    assert "Plan" not in labels and "Monthly fee" not in labels
    assert labels[0] == "Name" and "Email" in labels


def test_a_pottery_studios_classes_have_no_coach_or_intensity() -> None:
    idea = "Track the members of my pottery studio and the classes they book"
    labels = _fields(offline_plan(idea), "Classes")
    assert "Coach" not in labels and "Intensity" not in labels
    assert "Date" in labels


@pytest.mark.parametrize(
    "idea",
    [
        "A driving school: students and their lessons",
        "An adult language school with students, teachers and lessons",
    ],
)
def test_students_of_another_kind_of_school_have_no_guardian_or_year_group(idea: str) -> None:
    labels = _fields(offline_plan(idea), "Students")
    assert "Guardian email" not in labels and "Year group" not in labels
    assert labels[0] == "Name"


@pytest.mark.parametrize(
    "idea",
    [
        "My yoga studio: members and the classes they book",
        "A boxing club with members and classes",
        "A climbing gym with members and the classes they book",
    ],
)
def test_a_gyms_own_members_keep_their_plan(idea: str) -> None:
    labels = _fields(offline_plan(idea), "Members")
    assert "Plan" in labels and "Monthly fee" in labels


def test_a_primary_schools_pupils_keep_their_guardian() -> None:
    labels = _fields(offline_plan("Our primary school: students and their homework"), "Students")
    assert "Guardian email" in labels


def test_a_plan_and_fee_the_founder_names_are_kept() -> None:
    idea = "A pottery studio: members with their membership plan and monthly fee"
    labels = _fields(offline_plan(idea), "Members")
    assert "Plan" in labels and "Monthly fee" in labels


@pytest.mark.parametrize(
    "idea",
    [
        # The reviewer's: fitness trades, and gyms and clubs known by their names.
        "A spin studio: members, their plans and the classes they book",
        "Our cycling studio with members and classes",
        "A barre studio for members and classes",
        "A fitness club with members and classes",
        "A health club: members and classes",
        "A martial arts club: members, belts and classes",
        "A judo club for kids: members, belts and sessions",
        "A weightlifting club with members and their plans",
        "Members of Hillside Club and the classes they book",
        "Track members at Iron Studio and the classes they book",
        "A Brooklyn studio: members and the yoga classes they book",
        # Mine.
        "A karate club with members and the classes they attend",
        "Our kickboxing studio: members and their classes",
        "Members of the Riverside Boxing Club and their classes",
    ],
)
def test_a_fitness_trades_or_a_named_gyms_members_keep_their_plan(idea: str) -> None:
    labels = _fields(offline_plan(idea), "Members")
    assert "Plan" in labels and "Monthly fee" in labels


@pytest.mark.parametrize(
    "idea",
    [
        # The reviewer's: named schools, and schools for children.
        "Lincoln High School with students, teachers and exams",
        "Oakwood School: students, teachers and grades",
        "Greenfield Primary School: students, their homework and grades",
        "A boarding school with students, teachers and exams",
        "A summer school with students and exams",
        "A music school for kids: students and their lessons",
        # Mine.
        "An art school for children: students and their classes",
        "Students at St Anne's School and their homework",
    ],
)
def test_a_named_or_childrens_schools_students_keep_their_guardian(idea: str) -> None:
    brief = offline_plan(idea)
    people = next(e for e in brief.entities if e.plural in ("Students", "Pupils"))
    labels = [f.label for f in people.fields]
    assert "Year group" in labels and "Guardian email" in labels


def test_a_fitness_studio_is_the_whole_gym() -> None:
    brief = offline_plan("A fitness studio with members and classes")
    assert brief.tagline == "The front desk for modern studios."
    assert "Monthly revenue at a glance" in brief.features
    assert "Spot members who stopped coming" in brief.features


@pytest.mark.parametrize(
    "idea",
    [
        "Pottery Studio Member Tracker: Members, Their Firing Slots And The Glazes",
        "Members of my pottery studio in Leeds and the glazes they use",
    ],
)
def test_another_trades_place_stays_so_when_capitals_or_names_are_near(idea: str) -> None:
    labels = _fields(offline_plan(idea), "Members")
    assert "Plan" not in labels and "Monthly fee" not in labels
