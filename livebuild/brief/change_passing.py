"""Options, links and pages said in passing: "add a 'No-show' status for lessons", "add levels:
beginner, advanced to classes", "link bookings to instructors", and the record kind a phrase
ends on ("notes on members")."""

from __future__ import annotations

import re

from livebuild.brief import change_intents as intents
from livebuild.brief.change_intents import Refused
from livebuild.brief.change_names import find_entity
from livebuild.brief.change_ops import AddField, Operation
from livebuild.brief.change_relate import links
from livebuild.brief.change_words import values
from livebuild.brief.model import Brief
from livebuild.brief.text import singular

_OWNER_WORD = re.compile(r"\s+(?:from|on|in|for|of|to|into|onto|against|per|with|as)\s+", re.I)
_OWNER_LEAD = re.compile(r"^(?:(?:the|each|every|all|our|my|a|an)\s+)+", re.I)


def owned(brief: Brief, text: str) -> tuple[str, str | None]:
    """ "notes on members" is ("notes", "members"): the last cut whose end names a record
    kind or a field; else the text and no owner."""
    for cut in reversed(list(_OWNER_WORD.finditer(text))[:12]):
        owner = _OWNER_LEAD.sub("", text[cut.end() :])
        owner = re.sub(r"\s+(?:page|records|list|section|tab)$", "", owner, flags=re.I)
        found = find_entity(brief, owner)
        if (found is not None and found.sure) or _field_sure(brief, owner):
            return text[: cut.start()], owner
    return text, None


def _field_sure(brief: Brief, text: str) -> bool:
    located = intents.find_field(brief, text)
    return located is not None and located.sure


_QUOTED = r"(?:'[^']{1,60}'|\"[^\"]{1,60}\")"
_ADD_VALUE = re.compile(
    rf"^add\s+(?:an?\s+|the\s+)?(?P<values>{_QUOTED}(?:\s*(?:,|and|or)\s*{_QUOTED}){{0,11}})"
    r"\s+(?!to\b|into\b|in\b|as\b|on\b)(?P<rest>.+)$",
    re.IGNORECASE,
)


def read_value(brief: Brief, text: str) -> list[Operation] | None:
    """ "add a 'No-show' status for lessons": a new option of the status field."""
    match = _ADD_VALUE.match(text)
    if match is None:
        return None
    what, owner = owned(brief, match["rest"])
    scope = find_entity(brief, owner) if owner else None
    located = intents.find_field(brief, what, scope.entity if scope else None)
    if located is None or not located.sure:
        return None
    return intents.add(brief, match["values"], f"{located.entity.plural}'s {located.field.label}")


_LINK = re.compile(
    r"^(?:link|connect|tie|relate)\s+(?:each\s+|every\s+|the\s+)?(?P<a>.+?)\s+(?:to|with)\s+"
    r"(?:an?\s+|the\s+|its\s+|their\s+)?(?P<b>.+)$",
    re.IGNORECASE,
)


_TO_PAGE = re.compile(
    r"^(?:add|put|show|include|write|display)\s+.+?\s+(?:to|on|in)\s+(?:the\s+|our\s+|my\s+)?"
    r"(?P<page>\w+(?:\s+\w+)?)\s+page$",
    re.IGNORECASE,
)


def read_built_in_page(brief: Brief, text: str) -> list[Operation] | None:
    """ "add our address to the about page": the app's own pages are written from the plan."""
    match = _TO_PAGE.match(text)
    if match is None or match["page"].lower() not in intents.BUILT_IN_PAGES:
        return None
    name = intents.BUILT_IN_PAGES[match["page"].lower()]
    raise Refused(
        f"The {name} page is written from your plan: its name, tagline, who it's for, the "
        "problem it solves and its lists; change those and it follows."
    )


def read_link(brief: Brief, text: str) -> list[Operation] | None:
    """ "link classes to instructors": each class names its instructor, picked from the list."""
    match = _LINK.match(text)
    if match is None:
        return None
    a, b = find_entity(brief, match["a"]), find_entity(brief, match["b"])
    if a is None or b is None or not (a.sure and b.sure) or a.entity is b.entity:
        return None
    return links(brief, a.entity, b.entity)


_CHOICE_FIELD = re.compile(
    r"^add\s+(?:an?\s+|the\s+)?(?P<field>[\w' -]{1,40}?)\s*"
    r"(?::|\(|\s+of|\s+with\s+(?:options|choices))"
    r"\s*(?P<values>[^()]+?)\)?\s+(?:to|for|on)\s+(?:the\s+|each\s+|every\s+|all\s+)?(?P<owner>.+)$",
    re.IGNORECASE,
)


_CHOICE_AFTER = re.compile(
    r"^add\s+(?:an?\s+|the\s+)?(?P<field>[\w' -]{1,40}?)\s+(?:to|for|on)\s+"
    r"(?:the\s+|each\s+|every\s+|all\s+)?(?P<owner>[\w' ]{1,40}?)\s*(?:\s-|–|—|:|\()\s*"
    r"(?P<values>[^()]+?)\)?$",
    re.IGNORECASE,
)


def read_choice_field(brief: Brief, text: str) -> list[Operation] | None:
    """ "add levels: beginner, intermediate, advanced to classes": a choice field."""
    match = _CHOICE_FIELD.match(text) or _CHOICE_AFTER.match(text)
    if match is None or ("," not in match["values"] and " or " not in match["values"]):
        return None
    owner = find_entity(brief, match["owner"])
    if owner is None or not owner.sure or not _options(match["values"]):
        return None
    label = match["field"].strip()
    label = label[:1].upper() + label[1:]
    options = tuple(values(match["values"]))
    return [AddField(owner.entity.slug, singularish(label), "choice", options)]


_NOT_OPTION = re.compile(r"^(?:the|a|an|my|our|your|his|her|their|its|we|they|i|he|she|it)\b", re.I)


def _options(said: str) -> bool:
    """Whether `said` lists options ("small, medium or large"), not a name running on into a
    clause ("kin phone number, the physio insists": "next of kin" is no choice of "kin")."""
    parts = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", said)]
    return all(p and len(p.split()) <= 3 and not _NOT_OPTION.match(p) for p in parts)


def singularish(label: str) -> str:
    """ "Levels" names one level per record: "Level"."""
    words = label.split()
    return " ".join([*words[:-1], singular(words[-1])]) if words else label
