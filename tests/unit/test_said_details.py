"""Details land on the record the idea says they are of; the audience is who the founder is."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.brief.model import MAX_FIELDS, Brief, Entity
from livebuild.english.detail_kinds import said_kind

GROOMING = (
    "Dog grooming salon, 2 groomers. We need to book appointments for dogs, keep each dog's "
    "coat notes and the owner's phone number, and see the day's schedule."
)
GUITAR = (
    "I teach guitar to about 20 kids. Need to track lessons, what we covered, and who has paid "
    "for the month"
)
BIKES = (
    "We're a bike repair shop in Leeds (3 mechanics). Customers drop bikes off, we write down "
    "what's wrong, give a quote, and text them when it's ready."
)


def _record(brief: Brief, plural: str) -> Entity:
    return next(e for e in brief.entities if e.plural == plural)


def _labels(entity: Entity) -> dict[str, str]:
    return {f.label: f.kind for f in entity.fields}


def test_each_detail_goes_on_the_record_it_is_said_of() -> None:
    brief = derive_brief(GROOMING)
    assert _labels(_record(brief, "Dogs"))["Coat notes"] == "longtext"
    assert _labels(_record(brief, "Owners"))["Phone number"] == "text"
    # The owner's phone is not the appointment's.
    appointments = _labels(_record(brief, "Appointments"))
    assert not {"Phone", "Phone number"} & set(appointments)
    assert {"Dog", "Groomer", "Owner"} <= {k for k, v in appointments.items() if v == "link"}


def test_every_sample_row_fills_the_details_it_was_given() -> None:
    for entity in derive_brief(GROOMING).entities:
        for row in entity.seed:
            assert set(row) == {f.name for f in entity.fields}


def test_what_the_work_records_goes_on_the_work() -> None:
    lessons = _labels(_record(derive_brief(GUITAR), "Lessons"))
    assert lessons["What we covered"] == "longtext" and lessons["Paid"] == "boolean"
    repairs = _labels(_record(derive_brief(BIKES), "Repairs"))
    assert repairs["Problem"] == "longtext" and repairs["Quote"] == "money"


def test_the_price_of_each_thing_and_a_list_of_one_records_details() -> None:
    brief = derive_brief(
        "Bakery: track orders and the price of each cake, plus each customer's birthday, "
        "postcode and phone number."
    )
    assert _labels(_record(brief, "Cakes"))["Price"] == "money"
    customers = _labels(_record(brief, "Customers"))
    assert customers["Birthday"] == "date"
    assert customers["Postcode"] == "text" and customers["Phone number"] == "text"


def test_a_detail_said_twice_is_one_field() -> None:
    brief = derive_brief(
        "Small gym. Members, classes and each member's membership id and emergency contact phone."
    )
    labels = [f.label for f in _record(brief, "Members").fields]
    assert "Membership id" in labels and "Emergency contact phone" in labels
    assert "Contact phone" not in labels and "Membership" not in labels
    tasks = derive_brief("Sprint planning: tasks, the deadline of each task, and who's on it")
    dates = [f for f in tasks.entities[0].fields if f.kind == "date"]
    assert len(dates) == 1


def test_what_is_said_of_no_record_is_no_field() -> None:
    # "the day's schedule": the day is no record, and "details" names nothing.
    brief = derive_brief(GROOMING + " Keep each dog's details.")
    labels = {f.label for e in brief.entities for f in e.fields}
    assert not {"Schedule", "Details"} & labels


@pytest.mark.parametrize(
    "idea",
    [
        "Track dogs. " + " ".join(f"Each dog's colour{n} notes and" for n in range(80)) + " x.",
        "Track dogs and each dog's " + "coat " * 200 + "notes.",
        "Track dogs. The dog's <script>alert(1)</script> notes, the dog's 's 's 's.",
        "Track dogs and " + "the price of each dog, " * 50,
    ],
)
def test_hostile_details_stay_within_the_plan_limits(idea: str) -> None:
    brief = derive_brief(idea)
    for entity in brief.entities:
        assert len(entity.fields) <= MAX_FIELDS
        assert len({f.name for f in entity.fields}) == len(entity.fields)
        assert all("<" not in f.label and len(f.label) < 60 for f in entity.fields)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("coat notes", "longtext"),
        ("quote", "money"),
        ("fee", "money"),
        ("birthday", "date"),
        ("phone number", "text"),
        ("age", "number"),
        ("vet phone", "text"),
        ("favourite colour", "text"),
    ],
)
def test_a_details_words_say_its_kind(name: str, kind: str) -> None:
    assert said_kind(name) == kind


@pytest.mark.parametrize(
    ("idea", "audience"),
    [
        (GUITAR, "Guitar teachers"),
        (BIKES, "Bike repair shops"),
        (GROOMING, "Dog grooming salons"),
        ("I walk dogs in Bristol. Track walks and each dog's vet phone", "Dog walkers"),
        ("We groom dogs. Appointments and each dog's coat notes", "Dog groomers"),
        ("An app for my climbing gym to keep track of members and classes", "A climbing gym"),
    ],
)
def test_the_audience_is_who_the_founder_is(idea: str, audience: str) -> None:
    brief = derive_brief(idea)
    assert brief.target_users == audience
    assert not brief.target_users.startswith("People who keep track")


@pytest.mark.parametrize(
    ("idea", "audience"),
    [
        ("I teach 4th grade and organize field trips: trips, students and parents", "Teachers"),
        ("I coach kids at weekends. Sessions and who paid", "Coaches"),
        ("I run knitting workshops. Track wool stock and orders", "Knitting workshops"),
    ],
)
def test_an_audience_is_never_a_level_nor_a_double_plural(idea: str, audience: str) -> None:
    users = derive_brief(idea).target_users
    assert users == audience and "ses" not in users.split()[-1][-4:-1]


def test_work_links_only_to_what_it_is_for_and_the_people_kept() -> None:
    brief = derive_brief(
        "Biometrics appointments for spouse visas and settlement, with a reply window."
    )
    for entity in brief.entities:
        assert not [f for f in entity.fields if f.kind == "link" and "window" in f.name]


@pytest.mark.parametrize(
    ("idea", "audience"),
    [
        ("im a plumber, need somthing to log my call outs and the quotes i send", "Plumbers"),
        (
            "personal trainer here 💪 clients, their workouts and packages of sessions",
            "Personal trainers",
        ),
        (
            "I'm a piano technician. I tune about 15 pianos a week; pianos and clients",
            "Piano technicians",
        ),
        (
            "Small local history museum: objects, donors who gave them, and exhibitions",
            "History museums",
        ),
        ("Cellar book for a wine collector: bottles and tasting notes", "A wine collector"),
        ("portrait & family photographer. clients, shoots and which photos they chose", None),
        ("im a wedding DJ. gigs (date, venue, fee) and my kit list", None),
    ],
)
def test_the_founders_own_trade_is_the_audience(idea: str, audience: str | None) -> None:
    users = derive_brief(idea).target_users
    if audience is None:
        assert users not in {"Families", "Venues", "A venue"}
    else:
        assert users == audience


def test_details_listed_with_a_record_are_its_fields() -> None:
    swims = _labels(
        _record(derive_brief("Swim club: log swims (distance, stroke, pool) and members"), "Swims")
    )
    assert swims["Distance (km)"] == "number" and {"Stroke", "Pool"} <= set(swims)
    jobs = derive_brief(
        "Freelance translator. Keep track of translation jobs with word count, rate and deadline"
    ).entities[0]
    labels = _labels(jobs)
    assert labels["Word count"] == "number" and labels["Rate"] == "money"


@pytest.mark.parametrize(
    "idea",
    [
        "IT kit at a school: devices (laptops, chromebooks, projectors) and repairs",
        "Roofing jobs, and the materials (slate, lead, felt) each uses",
        "Garden jobs (pruning, mulching, dividing) and gardeners",
        "Booking each wash with the package (bronze/silver/gold)",
        "Workshop machines (laser cutter, lathe, CNC...) and inductions",
    ],
)
def test_examples_and_options_in_brackets_are_not_fields(idea: str) -> None:
    labels = {f.label.lower() for e in derive_brief(idea).entities for f in e.fields}
    said = {"laptops", "slate", "lead", "pruning", "bronze", "lathe", "laser cutter"}
    assert not said & labels


def test_their_details_belong_to_the_record_just_named() -> None:
    brief = derive_brief(
        "Simple CRM for a window cleaning round. Customers, their addresses and whether "
        "they've paid."
    )
    customers = _labels(_record(brief, "Customers"))
    assert customers["Address"] == "text" and "Addresses" not in customers


@pytest.mark.parametrize(
    "idea",
    [
        "I teach <script>alert(1)</script> guitar. Lessons and students",
        "We're a " + "very " * 300 + "big bike repair shop. Repairs and bikes",
        "im a " + "plumber " * 200,
        "I teach " + "x" * 5000,
    ],
)
def test_a_hostile_audience_is_short_and_plain(idea: str) -> None:
    users = derive_brief(idea).target_users
    assert users and len(users) <= 80 and "<" not in users and "script" not in users.lower()


def test_the_founders_acronyms_stay_in_capitals() -> None:
    idea = "IT technician at a secondary school (1,100 pupils). Devices, repairs and loans."
    assert derive_brief(idea).target_users == "IT technicians"
