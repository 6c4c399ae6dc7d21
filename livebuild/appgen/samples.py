"""Sample rows that read like real records: filler such as "Walk 1" or "Sample contact A"
gives way to names, and a date of birth is always in the past."""

from __future__ import annotations

import datetime
import re
from typing import Any

from livebuild.appgen.sample_details import detail_value, known_detail
from livebuild.brief.catalogue import shipped_catalogue
from livebuild.english.grammar import is_person

_EVENTS = re.compile(
    r"\b(?:walk|booking|job|appointment|session|visit|order|request|repair|shoot|class|"
    r"lesson|delivery|invoice|payment|task|ticket|review|leave|check-?in|reservation|"
    r"meeting|call|trip|ride|pickup|dose|feed|nap|harvest|planting|wedding)s?\b",
    re.IGNORECASE,
)
# Events many people come to: one is named by its day ("Tuesday class"), never for one person.
_GROUPS = re.compile(
    r"\b(?:class|workshop|meeting|trip|tour|course|rehearsal|practice|service|event|party|"
    r"match|game|meetup|retreat|camp)(?:es|s)?$",
    re.IGNORECASE,
)
# A column that says an event has places to fill: it is for a group.
_PLACES = re.compile(r"capacity|places|spaces|spots|seats|\bmax", re.IGNORECASE)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A column that names a person whatever the record is (an order's "Customer", a plant's "Owner").
_PERSONISH = re.compile(
    r"\b(?:client|customer|contact|owner|walker|person|member|author|assignee|tutor|"
    r"teacher|student|patient|carer|caregiver|driver|guest|supplier|vendor|who|by)\b",
    re.IGNORECASE,
)
# A plain "Name" is a person's only on a record of people: a plant's name is a plant's.
_NAME = re.compile(r"\bnames?\b", re.IGNORECASE)
_BIRTH = re.compile(r"birth|born|\bdob\b", re.IGNORECASE)
# Animals a founder keeps by name: a sample dog is "Biscuit", never "Dog #1040".
_ANIMALS = re.compile(
    r"\b(?:dog|puppy|pup|cat|kitten|pet|horse|pony|donkey|rabbit|bunny|hamster|guinea pig|"
    r"parrot|bird|goat|sheep|ewe|ram|lamb|cow|calf|heifer|pig|hen|chicken|duck|alpaca|llama|"
    r"tortoise|ferret|animal)s?$",
    re.IGNORECASE,
)
_PET_NAMES = ("Biscuit", "Luna", "Milo", "Pepper", "Bella", "Rosie", "Teddy", "Maple", "Ziggy")
# Two people kept as one record: a couple is "Maya & Daniel", never "Couple #1040".
_PAIRS = re.compile(r"\b(?:couple|pair|duo|newlywed|bride and groom)s?$", re.IGNORECASE)
# Places a founder keeps by name: a sample yard is "Maple Yard", never "Yard #1040".
_NAMED_PLACES = re.compile(
    r"\b(?:yard|farm|site|venue|property|properties|stable|field|garden|house|cottage|estate|"
    r"location|branch|shop|salon|studio|store|warehouse|park|church|school|hall|pub|cafe|"
    r"restaurant|hotel|campsite|marina|gym|clinic|surgery|nursery|kennel|cattery)s?$",
    re.IGNORECASE,
)
# A household kept as one record: "The Okafor family".
_HOUSEHOLDS = re.compile(r"\b(?:family|families|household|households)$", re.IGNORECASE)
# A column that holds a year ("Year", "Year made"), not a count of years ("Age (years)"), a
# count in each year ("Visits per year") nor a school's year group.
_YEAR = re.compile(
    r"(?<!\bper )(?<!\ba )(?<!\beach )(?<!\bevery )\byear\b(?! group| level| of study)",
    re.IGNORECASE,
)
_GENERIC_TITLES = frozenset({"title", "name", "label", "summary", "description", "item", "entry"})


def _people() -> list[str]:
    return list(shipped_catalogue().people)


def _names_a_person(entity: dict[str, Any], field: dict[str, Any]) -> bool:
    """Whether a value under `field` is a person's name: a column for a role ("Owner"), or
    any name on a record of people. Whether the record is people is the English layer's word
    (`grammar.is_person`), never the column's name alone."""
    label = f"{field['name']} {field['label']}"
    if _PERSONISH.search(label) or any(is_person(w) for w in str(field["label"]).split()):
        return True  # a class's "Coach", a shift's "Volunteer"
    return bool(entity.get("person") and _NAME.search(label))


def _filler(value: str, noun: str) -> bool:
    """ "Walk 1", "Sample walker A", "sample3": a placeholder, not a record."""
    pattern = rf"(?:sample\s+)?(?:{re.escape(noun)}|[a-z]+(?:\s[a-z]+)?)\s*(?:\d{{1,3}}|[A-Z])"
    return bool(re.fullmatch(pattern, value.strip(), re.IGNORECASE)) and (
        value.lower().startswith("sample") or value.lower().startswith(noun.lower())
    )


def _group(entity: dict[str, Any]) -> bool:
    """Whether the record is an event many people come to: a class, a trip, a lesson with
    places to fill."""
    singular = str(entity["singular"]).strip()
    if _GROUPS.search(singular):
        return True
    return bool(_EVENTS.search(singular)) and any(
        _PLACES.search(f"{f['name']} {f['label']}") for f in entity["fields"]
    )


def _day(entity: dict[str, Any], row: dict[str, str], index: int) -> str:
    """The weekday of the row's date, so a "Tuesday class" is on a Tuesday; else one in turn."""
    for field in entity["fields"]:
        if field["kind"] == "date":
            try:
                return _DAYS[datetime.date.fromisoformat(row.get(field["name"], "")).weekday()]
            except ValueError:
                continue
    return _DAYS[index % len(_DAYS)]


def _group_title(entity: dict[str, Any], row: dict[str, str], index: int, used: set[str]) -> str:
    """ "Tuesday class", or "Tuesday class 2" beside another on a Tuesday."""
    said = f"{_day(entity, row, index)} {str(entity['singular']).lower()}"
    title, n = said, 1
    while title in used:
        n += 1
        title = f"{said} {n}"
    used.add(title)
    return title


def _title(entity: dict[str, Any], index: int) -> str:
    people = _people()
    # A second list of people (a dog walker's clients beside the walkers) names other people.
    person = people[(index + int(entity.get("people_from", 0))) % len(people)]
    singular = str(entity["singular"])
    title = entity["fields"][0]
    named_as = _named_like(singular, str(title["label"]), index)
    if named_as:
        return named_as
    if entity.get("person") or _names_a_person(entity, title):
        return person
    if _EVENTS.search(singular):
        return f"{singular} for {person}"
    # Under a title column named for something else (a loan's "Book"), the sample names that.
    label = str(title["label"]).strip()
    named = label if label and label.lower() not in _GENERIC_TITLES else singular
    return f"{named} #{1040 + index * 17}"


def _named_like(singular: str, label: str, index: int) -> str:
    """The name a founder gives a record of an animal, a couple, a household or a place
    ("Biscuit", "Maya & Daniel", "The Okafor family", "Maple Yard"), when the record or its
    title column is one; else ""."""
    people = _people()
    said = (singular, label)
    if any(_ANIMALS.search(w.strip()) for w in said):
        return _PET_NAMES[index % len(_PET_NAMES)]
    if any(_PAIRS.search(w.strip()) for w in said):
        one, other = people[index % len(people)], people[(index + 1) % len(people)]
        return f"{one.split()[0]} & {other.split()[0]}"
    if any(_HOUSEHOLDS.search(w.strip()) for w in said):
        return f"The {people[index % len(people)].split()[-1]} family"
    place = next((w.strip() for w in said if _NAMED_PLACES.search(w.strip())), "")
    if place:
        adjectives = shipped_catalogue().adjectives
        return f"{adjectives[index % len(adjectives)]} {place.split()[-1].capitalize()}"
    return ""


def _a_year(value: str) -> bool:
    return value.isdigit() and 1900 <= int(value) <= 2100


def _email(person: str) -> str:
    return re.sub(r"[^a-z.]", "", person.lower().replace(" ", ".")) + "@example.com"


def _past_birth(index: int) -> str:
    return f"{1958 + (index * 7) % 45}-{1 + (index * 5) % 12:02d}-{1 + (index * 11) % 28:02d}"


def believable(entity: dict[str, Any]) -> None:
    """Rewrite the entity's filler sample values in place."""
    fields = entity["fields"]
    title = fields[0]["name"]
    used: set[str] = set()
    for index, row in enumerate(entity["seed"]):
        said = row.get(title, "")
        # "Yard 2" under a visit's "Yard" column is as much a placeholder as "Visit 2".
        if fields[0]["kind"] == "link":
            pass  # a title picked from another kind names its sample once every kind is named
        elif _filler(said, str(entity["singular"])) or _filler(said, str(fields[0]["label"])):
            group = _group(entity)
            row[title] = _group_title(entity, row, index, used) if group else _title(entity, index)
        for field in fields[1:]:
            row[field["name"]] = _detail(entity, field, row, index)


def _detail(entity: dict[str, Any], field: dict[str, Any], row: dict[str, str], index: int) -> str:
    """The row's value for `field`: the plan's own unless it is a placeholder or blank, then
    one shaped like the column (a person's name under "Owner", a date of birth in the past)."""
    people = _people()
    title = str(row.get(entity["fields"][0]["name"], ""))
    name, value = field["name"], str(row.get(field["name"], ""))
    if field["kind"] == "email" and re.fullmatch(r"sample\d*@example\.com", value):
        return _email(title if title in people else people[(index + 5) % len(people)])
    if field["kind"] == "date" and _BIRTH.search(name + " " + field["label"]):
        return _past_birth(index)
    if field["kind"] == "number" and _YEAR.search(field["label"]) and not _a_year(value):
        return str(1962 + (index * 9) % 60)  # a guitar made in "12" is no year
    if field["kind"] == "link":
        return value  # named by the linked record's sample, once every record is renamed
    if value and not re.match(r"sample\b", value, re.IGNORECASE):
        return value
    text = field["kind"] in ("text", "longtext")
    if text and not known_detail(field) and _names_a_person(entity, field):
        # Two people on one record (a booking's walker and its member) are two people.
        nth = [f for f in entity["fields"][1:] if _names_a_person(entity, f)].index(field)
        return people[(index + 3 + 5 * nth) % len(people)]
    return detail_value(field, title, index)
