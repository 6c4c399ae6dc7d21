from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livebuild.brief import FIELD_KINDS, Brief, contrast_ratio, derive_brief

DOG_IDEA = (
    "A dog walking marketplace that lets owners book vetted walkers, track walks on a live map "
    "and pay in the app"
)
RECIPE_IDEA = (
    "Recipe sharing app for busy parents with meal plans, shopping lists and nutrition info"
)
HEX = re.compile(r"#[0-9a-f]{6}")


def _check_invariants(brief: Brief) -> None:
    assert brief.product_name.strip()
    assert "<" not in brief.product_name and ">" not in brief.product_name
    assert brief.tagline and brief.target_users and brief.problem
    assert 3 <= len(brief.features) <= 6
    assert all(f.strip() for f in brief.features)
    assert 1 <= len(brief.entities) <= 3
    for entity in brief.entities:
        assert entity.singular and entity.plural
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entity.slug)
        assert entity.fields and entity.fields[0].kind == "text"
        assert 5 <= len(entity.seed) <= 8
        names = [f.name for f in entity.fields]
        assert len(set(names)) == len(names)
        for field in entity.fields:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", field.name)
            assert field.kind in FIELD_KINDS
            assert bool(field.choices) == (field.kind == "choice")
        for row in entity.seed:
            assert set(row) == set(names)
            assert row[names[0]]
    theme = brief.theme
    for colour in (theme.primary, theme.accent, theme.background, theme.text):
        assert HEX.fullmatch(colour)
    assert contrast_ratio(theme.text, theme.background) >= 7
    assert contrast_ratio(theme.primary, "#ffffff") >= 4.5
    assert theme.font and "<" not in theme.font


def test_deterministic() -> None:
    assert derive_brief(DOG_IDEA) == derive_brief(DOG_IDEA)
    assert derive_brief(DOG_IDEA).to_dict() == derive_brief(DOG_IDEA).to_dict()


def test_dog_walking_idea() -> None:
    brief = derive_brief(DOG_IDEA)
    _check_invariants(brief)
    # The records are what the idea names (walkers, walks) and what booking implies.
    assert [e.plural for e in brief.entities] == ["Walkers", "Walks", "Bookings"]
    assert "Book vetted walkers" in brief.features
    assert "Track walks on a live map" in brief.features


def test_explicit_name_in_idea() -> None:
    assert derive_brief("An app called Pawpath for dog owners").product_name == "Pawpath"
    assert (
        derive_brief('a platform "Seed Swap" where neighbours trade seeds').product_name
        == "Seed Swap"
    )
    assert (
        derive_brief("a budgeting tool named penny jar, for students").product_name == "Penny Jar"
    )


def test_name_argument_wins() -> None:
    assert derive_brief(DOG_IDEA, name="WalkWell").product_name == "WalkWell"
    assert derive_brief(DOG_IDEA, name="<b>Bold</b>").product_name == "Bold"
    assert derive_brief(DOG_IDEA, name="<>").product_name == derive_brief(DOG_IDEA).product_name


def test_distinct_ideas_give_distinct_briefs() -> None:
    dog, recipe = derive_brief(DOG_IDEA), derive_brief(RECIPE_IDEA)
    assert dog.product_name != recipe.product_name
    assert dog.theme.primary != recipe.theme.primary
    assert [e.slug for e in dog.entities] != [e.slug for e in recipe.entities]
    assert dog.entities[0].seed != recipe.entities[0].seed


def test_many_ideas_get_many_colours() -> None:
    ideas = [
        f"an app for {thing}"
        for thing in ("bakers", "pilots", "gardeners", "teachers", "bands", "nurses")
    ]
    assert len({derive_brief(i).theme.primary for i in ideas}) == len(ideas)


@pytest.mark.parametrize(
    ("idea", "slug"),
    [
        ("Online booking for hair salons", "bookings"),
        ("Share family recipes and plan dinners", "recipes"),
        ("Kanban task tracker for small agencies", "tasks"),
        ("Invoicing for freelance designers", "invoices"),
        ("Help landlords manage tenants and rent", "properties"),
        ("A helpdesk for customer support tickets", "tickets"),
        ("Track job candidates through interviews", "jobs"),
        ("Household budget and expense splitting", "expenses"),
        # The founder's own word: the houseplants are what is watered.
        ("Remind me to water my houseplants", "houseplants"),
        ("Volunteer shift rota for a food bank", "volunteers"),
        ("Fleet management for a small car garage", "vehicles"),
        ("A donor database for a charity", "donations"),
        ("Restaurant menu and table reservations", "dishes"),
    ],
)
def test_domain_detection(idea: str, slug: str) -> None:
    brief = derive_brief(idea)
    _check_invariants(brief)
    assert brief.entities[0].slug == slug


def test_unknown_domain_uses_main_noun() -> None:
    brief = derive_brief("A tool to track my vintage synthesizer collection")
    _check_invariants(brief)
    assert brief.entities[0].plural == "Vintage synthesizers"
    assert any("synthesizer" in f.lower() for f in brief.features)


def test_target_users_from_idea() -> None:
    assert derive_brief(RECIPE_IDEA).target_users == "Busy parents"


def test_round_trip_is_json_safe() -> None:
    brief = derive_brief(DOG_IDEA)
    data = json.loads(json.dumps(brief.to_dict()))
    assert Brief.from_dict(data) == brief


@pytest.mark.parametrize(
    "idea",
    [
        "",
        "x",
        "!!!???...",
        "🐶🐶🐶 🚀",
        "<script>alert('x')</script> called <img src=x onerror=alert(1)>",
        "'; DROP TABLE users; --",
        "日本語のアイデア、料理のアプリ",
        "تطبيق لحجز المواعيد",
        'named """\\\'\n"',
        "word " * 4000,
        "a" * 20000,
        "\ud800 lone surrogate \x00 nul",
    ],
)
def test_robust_to_odd_input(idea: str) -> None:
    brief = derive_brief(idea)
    _check_invariants(brief)
    json.dumps(brief.to_dict())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_property_never_raises(idea: str) -> None:
    brief = derive_brief(idea)
    _check_invariants(brief)
    assert derive_brief(idea) == brief


def test_the_naming_clause_is_not_taken_for_users_or_features() -> None:
    brief = derive_brief(
        "A booking app for independent dog walkers called Pawpath: owners book walks."
    )
    assert brief.product_name == "Pawpath"
    assert "called" not in brief.target_users.lower()
    assert "pawpath" not in brief.target_users.lower()
    assert all("called" not in feature.lower() for feature in brief.features)


def test_a_records_title_never_becomes_a_link() -> None:
    # Found by the property test: a clinic's appointments are titled by their patient.
    for entity in derive_brief("pATIEN").entities:
        assert entity.fields[0].kind == "text"
