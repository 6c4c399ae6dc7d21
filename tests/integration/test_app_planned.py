"""The running app lists as planned only what it lacks: a feature its records and pages
already carry is not "Planned" on its home or about page, in an early build or the finished
one, and what it lacks is planned in both."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

from livebuild.brief import derive_brief
from livebuild.core.stages import Stage
from tests.integration.test_appgen import fetch, serving

PETS = "An app for pet sitters to keep pets, their care notes and visits"
GYM_SITE = "A booking site for my gym where members sign up for classes"


def planned_cards(home: str) -> list[str]:
    cards = home.split('<span class="soon-tag">Planned</span>')[1:]
    return [html.unescape(card.split("<h3>", 1)[1].split("</h3>", 1)[0]) for card in cards]


def test_the_about_page_plans_only_what_the_app_lacks(tmp_path: Path) -> None:
    brief = derive_brief(PETS)
    with serving(brief, tmp_path) as (_, base):
        about = html.unescape(fetch(base + "/about")[1])
    planned = about.split("<h2>Planned</h2>", 1)[1]
    assert "Reminders for vet check-ups" in planned
    assert "Pet profiles with care notes" not in planned


def test_the_home_page_plans_only_what_the_app_lacks(tmp_path: Path) -> None:
    brief = derive_brief(GYM_SITE)
    with serving(brief, tmp_path) as (_, base):
        planned = planned_cards(fetch(base + "/")[1])
    assert "Spot members who stopped coming" in planned
    assert "Member directory with plans" not in planned


def test_an_early_build_plans_search_it_does_not_have_yet(tmp_path: Path) -> None:
    brief = derive_brief(GYM_SITE)
    brief = replace(brief, features=("Member directory with plans", "Search and filter members"))
    with serving(brief, tmp_path, stage=Stage.CODE) as (_, base):
        planned = planned_cards(fetch(base + "/")[1])
    assert planned == ["Search and filter members"]


def test_the_about_page_plans_gps_and_logins_the_app_lacks(tmp_path: Path) -> None:
    idea = (
        "A pet sitting business: pets with name, breed and owner, owners with name and phone, "
        "visits with pet, date and notes. Pet profiles with photos, visit reports sent to "
        "owners, live GPS tracking of walks, owner login."
    )
    brief = derive_brief(idea)
    wishes = [f for f in brief.features if "gps" in f.lower() or "login" in f.lower()]
    with serving(brief, tmp_path) as (_, base):
        planned = html.unescape(fetch(base + "/about")[1]).split("<h2>Planned</h2>", 1)[1]
    assert wishes and all(wish in planned for wish in wishes)
