"""Every detail a built app's sample row shows carries a value that fits its column: a
phone is a phone number, an address an address, a note a short sentence. A dash under a
column the founder asked for reads as a broken app."""

from __future__ import annotations

import re
from typing import Any

import pytest

from livebuild.appgen.sample_details import detail_value, load_details
from livebuild.appgen.samples import believable
from livebuild.appgen.spec import build_spec
from livebuild.brief.derive import derive_brief


def _record(singular: str, *columns: tuple[str, str], blank: bool = False) -> dict[str, Any]:
    """A record titled by its name, with `columns` (label, kind) as the plan writes them: each
    sample value "Sample <label> <n>", or nothing at all when `blank`."""
    fields: list[dict[str, Any]] = [
        {"name": "name", "label": singular, "kind": "text", "choices": []}
    ]
    for label, kind in columns:
        name = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
        fields.append({"name": name, "label": label, "kind": kind, "choices": []})
    seed = [
        {
            "name": f"{singular} #{1040 + i}",
            **{f["name"]: "" if blank else f"Sample {f['label'].lower()} {i}" for f in fields[1:]},
        }
        for i in range(1, 6)
    ]
    return {"singular": singular, "person": False, "fields": fields, "seed": seed}


SHAPES = [
    ("Phone", "text", r"555-01\d\d"),
    ("Mobile number", "phone", r"555-01\d\d"),
    ("Address", "text", r"\d+ [A-Z][a-z]+ [A-Z][a-z]+"),
    ("Website", "url", r"https://[a-z0-9.-]+\.[a-z]+(/\S*)?"),
    ("Photo link", "text", r"https://[a-z0-9.-]+\.[a-z]+/\S+"),
    ("Start time", "time", r"\d\d:\d\d"),
    ("Pickup", "datetime", r"2026-\d\d-\d\d \d\d:\d\d"),
    ("Comments", "text", r"[A-Z][^.!?]*[.!?]"),
    ("Notes", "longtext", r"[A-Z][^.!?]*[.!?]"),
    ("Colour", "text", r"[A-Z][a-z]+( [a-z]+)?"),
    ("Serial number", "text", r"[A-Z]{2}-\d{5}"),
    ("Duration", "text", r"\d+ (min|hours?)"),
    ("Quantity", "number", r"\d+"),
    ("Deposit", "money", r"\d+\.\d\d"),
    ("Due", "date", r"2026-\d\d-\d\d"),
]


@pytest.mark.parametrize("blank", [False, True], ids=["placeholder", "blank"])
@pytest.mark.parametrize(("label", "kind", "shape"), SHAPES)
def test_a_detail_shows_a_value_shaped_like_its_column(
    label: str, kind: str, shape: str, blank: bool
) -> None:
    kept = _record("Bike", (label, kind), blank=blank)
    believable(kept)
    name = kept["fields"][1]["name"]
    values = [row[name] for row in kept["seed"]]
    assert all(re.fullmatch(shape, v) for v in values), values
    assert not any(v.lower().startswith("sample") for v in values), values


def test_a_detail_no_word_list_knows_still_shows_a_value() -> None:
    # A potter's "Temperature" and a climber's "Crag" were dashes in every sample row.
    routes = _record("Route", ("Crag", "text"), ("Temperature", "text"), blank=True)
    believable(routes)
    for row in routes["seed"]:
        assert row["crag"] and row["temperature"], row
        assert "sample" not in (row["crag"] + row["temperature"]).lower()


def test_a_guitars_model_is_a_model_not_a_person() -> None:
    guitars = _record("Guitar", ("Model", "text"), ("Make", "text"))
    believable(guitars)
    from livebuild.brief.catalogue import shipped_catalogue

    people = set(shipped_catalogue().people)
    assert not any(row["model"] in people or row["make"] in people for row in guitars["seed"])


def test_a_choice_and_a_yes_or_no_left_blank_are_filled_from_what_they_allow() -> None:
    kept = _record("Bike", blank=True)
    kept["fields"] += [
        {"name": "size", "label": "Size", "kind": "choice", "choices": ["S", "M", "L"]},
        {"name": "insured", "label": "Insured", "kind": "boolean", "choices": []},
    ]
    for row in kept["seed"]:
        row.update(size="", insured="")
    believable(kept)
    assert {row["size"] for row in kept["seed"]} == {"S", "M", "L"}
    assert all(row["insured"] in ("yes", "no") for row in kept["seed"])


def test_no_sample_note_quotes_anyone() -> None:
    # Sample notes are the founder's own jottings, never made-up people's praise.
    for entry in load_details():
        for value in entry.values:
            assert not re.search(r"[\"“”]|\b(?:loved?|amazing|best|recommend)\b", value, re.I)


IDEAS = [
    "A booking app for my dog grooming van. I keep clients with their phone, address and their "
    "dogs with breed, allergies and coat notes. Appointments have a date, time, price and the "
    "groomer's comments.",
    "A site where climbers log routes they sent, with grade, crag, style, date and a photo link",
    "Track my vintage guitar repairs: each guitar has a make, model, serial number, year, colour "
    "and the owner's phone and email; each repair has a description, parts used, hours and cost",
]


@pytest.mark.spacy
@pytest.mark.parametrize("idea", IDEAS)
def test_a_built_apps_sample_rows_have_no_blank_details(idea: str) -> None:
    for entity in build_spec(derive_brief(idea)).entities:
        for row in entity["seed"]:
            for field in entity["fields"]:
                value = row.get(field["name"], "")
                if field["kind"] == "boolean":
                    continue
                assert value, (entity["singular"], field["label"], row)
                assert not value.lower().startswith("sample "), (field["label"], value)


def test_a_year_is_a_year_not_a_count() -> None:
    # A vintage guitar's "Year" showed 12, 19 and 6.
    guitars = _record("Guitar", ("Year", "number"), ("Year made", "number"))
    for i, row in enumerate(guitars["seed"]):
        row.update(year=str(6 + i * 7), year_made="")
    believable(guitars)
    for row in guitars["seed"]:
        assert 1950 <= int(row["year"]) <= 2026 and 1950 <= int(row["year_made"]) <= 2026, row


@pytest.mark.parametrize("label", ["Age (years)", "Year group", "Years of experience"])
def test_a_count_of_years_keeps_its_count(label: str) -> None:
    kept = _record("Pet", (label, "number"))
    name = kept["fields"][1]["name"]
    for row in kept["seed"]:
        row[name] = "7"
    believable(kept)
    assert {row[name] for row in kept["seed"]} == {"7"}


@pytest.mark.parametrize("label", ["Visits per year", "Trips a year", "Services each year"])
def test_a_count_per_year_keeps_its_count(label: str) -> None:
    # A "Visits per year" of 21 and 4 showed 1962, 1971 and 1980.
    kept = _record("Pet", (label, "number"))
    name = kept["fields"][1]["name"]
    for i, row in enumerate(kept["seed"]):
        row[name] = str(4 + i)
    believable(kept)
    assert [row[name] for row in kept["seed"]] == ["4", "5", "6", "7", "8"]


@pytest.mark.parametrize(
    ("label", "kind", "shape"),
    [
        ("Photo date", "date", r"2026-\d\d-\d\d"),
        ("Photos taken", "number", r"\d+"),
        ("Photo fee", "money", r"\d+\.\d\d"),
        ("Picture taken", "datetime", r"2026-\d\d-\d\d \d\d:\d\d"),
    ],
)
def test_a_photo_named_date_number_or_amount_is_not_a_web_address(
    label: str, kind: str, shape: str
) -> None:
    # A shoot's "Photo date" showed https://example.com/photos/biscuit-1.jpg in its column.
    shoots = _record("Shoot", (label, kind), blank=True)
    believable(shoots)
    name = shoots["fields"][1]["name"]
    values = [row[name] for row in shoots["seed"]]
    assert all(re.fullmatch(shape, v) for v in values), values


@pytest.mark.parametrize(
    ("singular", "label", "wrong"),
    [
        ("Recipe", "Ingredients", r"screws|strings|filters|cable|sandpaper"),
        ("Board", "Length", r"\bmin\b|\bhours?\b"),
        ("Student", "School", r"harbor works|maple & co|juniper labs"),
        ("Donor", "Blood type", r"classic|modern|traditional|seasonal"),
        ("Plant", "Kind", r"classic|modern|traditional|seasonal"),
    ],
)
def test_a_value_never_reads_as_another_trades(singular: str, label: str, wrong: str) -> None:
    # A recipe's Ingredients showed "Screws and wood glue", a board's Length "45 min".
    kept = _record(singular, (label, "text"), blank=True)
    believable(kept)
    name = kept["fields"][1]["name"]
    values = [row[name] for row in kept["seed"]]
    assert all(v for v in values), values
    assert not any(re.search(wrong, v, re.IGNORECASE) for v in values), values


@pytest.mark.parametrize("label", ["Invoice no.", "Number", "Order ref", "Booking code"])
def test_an_id_like_detail_shows_an_id(label: str) -> None:
    # An invoice's "Invoice no." showed "Harbor invoice no.".
    kept = _record("Invoice", (label, "text"), blank=True)
    believable(kept)
    name = kept["fields"][1]["name"]
    values = [row[name] for row in kept["seed"]]
    assert all(re.fullmatch(r"[A-Z]{2,3}-\d{4,6}", v) for v in values), values


@pytest.mark.parametrize(
    ("label", "shaped"),
    [
        ("Emergency contact number", r"555-01\d\d"),
        ("Contact no.", r"555-01\d\d"),
        ("Room number", r"\d{1,2}"),
        ("Table no.", r"\d{1,2}"),
        ("Invoice no.", r"SN-\d{5}"),
    ],
)
def test_a_numbered_detail_gets_the_number_its_name_means(label: str, shaped: str) -> None:
    # A contact number is a phone and a room number a small number, not a serial number.
    field = {"name": label.lower().replace(" ", "_").strip("."), "label": label, "kind": "text"}
    assert re.fullmatch(shaped, detail_value(field, "Sample", 1))
