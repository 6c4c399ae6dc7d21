"""Sample records read like the column they sit under: a loan whose title is its book shows
"Book #1040" under BOOK, not "Loan #1040"."""

from __future__ import annotations

import re
from typing import Any

import pytest

from livebuild.appgen.samples import believable
from livebuild.brief.catalogue import shipped_catalogue
from livebuild.brief.model import Entity, Field
from livebuild.brief.samples import sample_rows
from livebuild.english.grammar import is_person


def _entity(singular: str, title: str, label: str) -> dict[str, Any]:
    return {
        "singular": singular,
        "fields": [{"name": title, "label": label, "kind": "text"}],
        "seed": [{title: f"{singular} {i}"} for i in range(1, 4)],
    }


def test_a_title_named_for_something_else_names_that() -> None:
    loans = _entity("Loan", "book", "Book")
    believable(loans)
    titles = [row["book"] for row in loans["seed"]]
    assert titles == ["Book #1040", "Book #1057", "Book #1074"]


def test_a_title_named_for_the_record_keeps_its_name() -> None:
    parts = _entity("Part", "part", "Part")
    believable(parts)
    assert parts["seed"][0]["part"] == "Part #1040"


def _named(singular: str, *more: str) -> dict[str, Any]:
    """A record titled "Name", as a founder writes it ("plants with name, price ..."), with the
    'is people' mark the app's spec gives it from the English layer."""
    fields = [{"name": "name", "label": "Name", "kind": "text"}]
    fields += [{"name": m.lower().replace(" ", "_"), "label": m, "kind": "text"} for m in more]
    seed = [
        {
            "name": f"{singular} {i}",
            **{f["name"]: f"Sample {f['label'].lower()} {i}" for f in fields[1:]},
        }
        for i in range(1, 4)
    ]
    return {"singular": singular, "person": is_person(singular), "fields": fields, "seed": seed}


THINGS = ("Plant", "Bike", "Boat", "Cake", "Room", "Tool", "Hive", "Recipe", "Lamp", "Book")
PEOPLE = ("Customer", "Tenant", "Volunteer", "Groomer", "Student", "Guest")


@pytest.mark.parametrize("singular", THINGS)
def test_a_thing_named_name_is_never_given_a_persons_name(singular: str) -> None:
    things = _named(singular, "Common name")
    believable(things)
    people = set(shipped_catalogue().people)
    for row in things["seed"]:
        assert row["name"] not in people and not any(p in row["name"] for p in people)
        assert row["name"].startswith(singular)
        assert row["common_name"] not in people


@pytest.mark.parametrize("singular", PEOPLE)
def test_people_named_name_get_peoples_names(singular: str) -> None:
    people = _named(singular)
    believable(people)
    assert all(row["name"] in shipped_catalogue().people for row in people["seed"])


def test_a_column_for_a_person_on_a_thing_still_names_one() -> None:
    plants = _named("Plant", "Owner")
    believable(plants)
    assert all(row["owner"] in shipped_catalogue().people for row in plants["seed"])


@pytest.mark.parametrize(
    ("singular", "person"), [("Plant", False), ("Boat", False), ("Tenant", True)]
)
def test_a_name_added_to_a_record_is_a_persons_only_on_people(singular: str, person: bool) -> None:
    fields = (Field("title", "Title", "text"), Field("nickname", "Nick name", "text"))
    entity = Entity(singular, singular + "s", singular.lower() + "s", fields, ())
    rows = sample_rows(entity, (), "a tracker", {})
    people = set(shipped_catalogue().people)
    assert all((row["nickname"] in people) is person for row in rows)


@pytest.mark.parametrize("singular", ["Class", "Pottery class", "Workshop", "Meeting", "Trip"])
def test_a_group_event_is_not_titled_for_one_person(singular: str) -> None:
    # Pottery classes' samples were once titled "Class for Maya Thompson".
    events = _named(singular, "Coach")
    believable(events)
    people = shipped_catalogue().people
    titles = [row["name"] for row in events["seed"]]
    assert not any(p in t for p in people for t in titles)
    assert all(t.endswith(f" {singular.lower()}") for t in titles)
    assert len(set(titles)) == len(titles)


def test_an_event_with_places_to_fill_is_a_group_event() -> None:
    lessons = _named("Lesson", "Capacity")
    believable(lessons)
    assert not any(" for " in row["name"] for row in lessons["seed"])


def test_an_event_for_one_person_still_names_them() -> None:
    walks = _named("Walk")
    believable(walks)
    assert walks["seed"][0]["name"].startswith("Walk for ")


def test_a_class_named_by_its_day_falls_on_that_day() -> None:
    # Sample "Tuesday rehearsal"s once fell on a Thursday.
    dates = ["2026-03-26", "2026-04-13", "2026-03-26"]
    classes = _named("Class")
    classes["fields"].append({"name": "date", "label": "Date", "kind": "date"})
    for row, date in zip(classes["seed"], dates, strict=True):
        row["date"] = date
    believable(classes)
    titles = [row["name"] for row in classes["seed"]]
    assert titles == ["Thursday class", "Monday class", "Thursday class 2"]


def test_a_phone_column_shows_made_up_numbers_not_dashes() -> None:
    # A dog groomer's "Phone" column was all dashes in the built app.
    dogs = _named("Dog", "Phone")
    believable(dogs)
    phones = [row["phone"] for row in dogs["seed"]]
    assert all(re.fullmatch(r"555-01\d\d", p) for p in phones), phones
    assert len(set(phones)) == len(phones)


def test_a_column_for_a_person_the_english_layer_knows_names_one() -> None:
    # Pottery classes' "Coach" column was all dashes in the built app.
    classes = _named("Class", "Coach", "Volunteer")
    believable(classes)
    people = shipped_catalogue().people
    assert all(row["coach"] in people and row["volunteer"] in people for row in classes["seed"])


@pytest.mark.parametrize(
    ("singular", "label", "looks_like"),
    [
        # A founder's sample dog has a dog's name, not "Dog #1040".
        ("Dog", "Dog", r"[A-Z][a-z]+"),
        ("Horse", "Name", r"[A-Z][a-z]+"),
        # A couple is two people's first names; a household is a family.
        ("Couple", "Couple", r"[A-Z][a-z]+ & [A-Z][a-z]+"),
        ("Family", "Family", r"The [A-Z][a-z]+ family"),
        # A place is named ("Maple Yard"), not numbered.
        ("Yard", "Yard", r"[A-Z][a-z]+ Yard"),
        ("Venue", "Venue", r"[A-Z][a-z]+ Venue"),
        # A wedding is someone's, like a booking.
        ("Wedding", "Wedding", r"Wedding for [A-Z][a-z]+ [A-Z][a-z]+"),
    ],
)
def test_animals_couples_and_households_are_named_as_a_founder_names_them(
    singular: str, label: str, looks_like: str
) -> None:
    kept = _entity(singular, label.lower(), label)
    believable(kept)
    titles = [row[label.lower()] for row in kept["seed"]]
    assert all(re.fullmatch(looks_like, t) for t in titles), titles
    assert len(set(titles)) == len(titles)
    assert not any("#" in t for t in titles)


def test_a_placeholder_named_for_the_title_column_is_replaced_too() -> None:
    # A farrier's visits once listed "Yard 2", "Yard 3" on the dashboard.
    visits: dict[str, Any] = {
        "singular": "Visit",
        "fields": [{"name": "yard", "label": "Yard", "kind": "text"}],
        "seed": [{"yard": f"Yard {i}"} for i in range(1, 4)],
    }
    believable(visits)
    titles = [row["yard"] for row in visits["seed"]]
    assert all(re.fullmatch(r"[A-Z][a-z]+ Yard", t) for t in titles), titles
