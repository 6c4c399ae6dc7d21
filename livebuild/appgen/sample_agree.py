"""Sample rows that agree with each other: a booking's "Wheel class" names one of the wheel
classes ("Saturday wheel class", never "Wheel class 2"), and a "Booking for Kenji Watanabe"
is Kenji's booking, not Maya's. Runs once every kind's samples have their names and links."""

from __future__ import annotations

import re
from typing import Any

from livebuild.brief.catalogue import shipped_catalogue

# The person a visit or a booking is for, when a record names more than one person.
_SERVED = re.compile(
    r"\b(?:client|customer|member|guest|patient|student|pupil|owner|family|tenant|buyer|"
    r"resident|parent|child|learner|rider|player|attendee|visitor)s?\b",
    re.IGNORECASE,
)


def _titles(entity: dict[str, Any]) -> list[str]:
    name = entity["fields"][0]["name"]
    return [str(row.get(name, "")) for row in entity["seed"]]


def _named_kinds(out: list[dict[str, Any]]) -> bool:
    """A text detail called by another kind's name holds one of that kind's titles."""
    by_name = {str(o["singular"]).lower(): o for o in out}
    changed = False
    for entity in out:
        for field in entity["fields"][1:]:
            target = by_name.get(str(field["label"]).strip().lower())
            if field["kind"] != "text" or target is None or target is entity:
                continue
            titles = [t for t in _titles(target) if t]
            column = [str(row.get(field["name"], "")) for row in entity["seed"]]
            # "Wheel class 2", or a member who is none of the members: the whole column
            # named anew, so values kept and values replaced never repeat each other.
            if not titles or all(value in titles for value in column):
                continue
            for index, row in enumerate(entity["seed"]):
                row[field["name"]] = titles[index % len(titles)]
            changed = True
    return changed


def _served(entity: dict[str, Any], row: dict[str, Any], by_slug: dict[str, Any]) -> str:
    """The name of the person the row is for (its client, member, guest), or "" when no
    detail says (a booking with only its walker is still for someone else)."""
    people = set(shipped_catalogue().people)
    for field in entity["fields"][1:]:
        value = str(row.get(field["name"], ""))
        target = by_slug.get(str(field.get("links_to", "")))
        person = value in people or (target is not None and target.get("person") and value)
        if person and _SERVED.search(str(field["label"])):
            return value
    return ""


def _titled_for(out: list[dict[str, Any]]) -> bool:
    """ "Walk for Maya Thompson" names the person on the walk it is for."""
    people = set(shipped_catalogue().people)
    by_slug = {o["slug"]: o for o in out}
    changed = False
    for entity in out:
        title = entity["fields"][0]
        prefix = f"{entity['singular']} for "
        if title["kind"] != "text":
            continue
        for row in entity["seed"]:
            said = str(row.get(title["name"], ""))
            if not said.startswith(prefix) or said[len(prefix) :] not in people:
                continue
            named = said[len(prefix) :]
            served = _served(entity, row, by_slug) or _someone_else(row, named, title["name"])
            if served != named:
                row[title["name"]] = prefix + served
                changed = True
    return changed


def _someone_else(row: dict[str, Any], named: str, title: str) -> str:
    """With no detail saying whom the row is for, a person none of its other details holds:
    a booking is not for the walker who does it. The people five on (another list's five)
    come first, so the rows' titles stay distinct."""
    people = shipped_catalogue().people
    held = {str(value) for key, value in row.items() if key != title}
    if named not in held:
        return named
    start = people.index(named) + 5
    ahead = (people[(start + step) % len(people)] for step in range(len(people)))
    return next((one for one in ahead if one not in held), named)


def agree(out: list[dict[str, Any]]) -> bool:
    """Make the samples agree in place; whether any title or named value changed, so the
    links that name them are named again."""
    named = _named_kinds(out)  # a booking's Member is one of the members
    titled = _titled_for(out)  # so "Booking for" names that member
    return _named_kinds(out) or named or titled  # a Walk named after the walks' new titles
