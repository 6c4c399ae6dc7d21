"""The plain forms of a change ("add X to Y", "remove X", "rename X to Y", "make X a K")
read into typed operations against the plan's own names."""

from __future__ import annotations

import re
from contextvars import ContextVar
from typing import Literal

from livebuild.brief.change_clauses import clause_field
from livebuild.brief.change_names import find_entity, find_feature, find_field
from livebuild.brief.change_restate import described_field
from livebuild.brief.colour_clauses import colour_phrase

__all__ = [
    "BUILT_IN_PAGES",
    "FOCUS",
    "Already",
    "FeatureOff",
    "Refused",
    "Unsure",
    "add",
    "add_entity",
    "find_field",
    "focused",
    "listing",
    "make",
    "offer",
    "people",
    "remove",
    "rename",
]
from livebuild.brief.change_ops import (
    AddChoices,
    AddEntity,
    AddField,
    ChangeKind,
    FeatureOff,
    Operation,
    RemoveEntity,
    RemoveField,
    RenameEntity,
    RenameField,
    SetName,
    Suggestion,
)
from livebuild.brief.change_words import (
    ARTICLES,
    chosen_name,
    field_specs,
    head_noun,
    kind_of,
    kind_word,
    name_text,
    names_nothing,
    reads_as_field,
    reads_as_name,
    reads_as_record,
    unquote,
    values,
)
from livebuild.brief.model import Brief, Entity
from livebuild.brief.text import singular
from livebuild.english.grammar import is_person

# Pages every app already has, and pages we don't build, by what a founder calls them.
BUILT_IN_PAGES = {
    "dashboard": "Dashboard",
    "stats": "Dashboard",
    "statistics": "Dashboard",
    "overview": "Dashboard",
    "search": "search",
    "search bar": "search",
    "search box": "search",
    "about": "About",
    "home": "home",
    "landing": "home",
}
UNBUILDABLE_PAGES = frozenset(
    {"faq", "faqs", "help", "blog", "pricing", "contact", "contact us", "checkout"}
)
_FIELDISH = re.compile(
    r"\b(?:name|number|phone|mobile|address|code|id|email|e-mail|date|birthday|notes?|status|"
    r"type|category|colou?r|size|link|url|website|contact|title|description|rating|tags?|"
    r"level|tier|price|cost|amount|fee|rate|deadline|time|duration|weight|age|gender|"
    r"comments?|reference|sku|quantity|stock|capacity|room|location|postcode|zip|"
    r"nickname|allergies|instructions|priority|source|owner)\b",
    re.I,
)
_PEOPLE = frozenset(
    [
        "customer",
        "client",
        "member",
        "patient",
        "user",
        "student",
        "person",
        "people",
        "guest",
        "owner",
        "contact",
        "employee",
        "staff",
        "volunteer",
        "tenant",
        "buyer",
        "subscriber",
        "player",
        "parent",
        "lead",
        "attendee",
        "visitor",
        "donor",
        "participant",
        "resident",
        "family",
        "athlete",
        "pupil",
        "learner",
    ]
)
_PERSONAL = re.compile(
    r"\b(?:phone|mobile|email|e-mail|address|birthday|postal|postcode|zip|contact)"
)


class Unsure(Exception):
    """A reading too unsure to make: offered back to confirm."""

    def __init__(self, suggestion: Suggestion) -> None:
        super().__init__(suggestion.text)
        self.suggestion = suggestion


class Refused(Exception):
    """A part the plan can't take; the message says why in plain words, and `closest` is the
    nearest change that can be made, offered to confirm (never made unasked)."""

    def __init__(self, message: str, closest: Suggestion | None = None) -> None:
        super().__init__(message)
        self.closest = closest


class Already(Refused):
    """A part asking for what the plan already has ("add walkers" beside Walkers): there is
    nothing to make, and the message says it is there."""


def offer(request: str, what: str) -> Unsure:
    return Unsure(
        Suggestion(f"Did you mean to {what}? Say \u201c{request}\u201d to make it.", request)
    )


def has(brief: Brief) -> str:
    """What the app keeps, said when a request names nothing in it: "It has Shifts and
    Families." """
    return f"It has {listing([e.plural for e in brief.entities])}." if brief.entities else ""


def listing(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _owner(brief: Brief, text: str, then: str) -> Entity:
    found = find_entity(brief, text)
    if found is None:
        kept = listing([e.plural for e in brief.entities])
        raise Refused(f"We couldn't find \u201c{unquote(text)}\u201d in your app; it keeps {kept}.")
    if not found.sure:
        raise offer(then.format(found.entity.plural), then.format(found.entity.plural))
    return found.entity


# The record kind the request was last about: "…and add a payment date" adds it there.
FOCUS: ContextVar[str | None] = ContextVar("change_focus", default=None)
# The kind said first in the part being read ("fixtures: can we log the ref's name").
SAID_FIRST: ContextVar[str | None] = ContextVar("change_said_first", default=None)


def focused(brief: Brief) -> Entity | None:
    slug = FOCUS.get()
    return next((e for e in brief.entities if e.slug == slug), None)


def people(brief: Brief) -> Entity:
    """The plan's records of people, else its first records."""
    for entity in brief.entities:
        if singular(entity.singular.lower().split()[-1]) in _PEOPLE:
            return entity
    return brief.entities[0]


def addressed(brief: Brief, said: str) -> Entity:
    """The plan's people a request names, first said first ("text the customers when the job
    is done": Customers), else the plan's people (`people`)."""
    for word in re.findall(r"[a-z]+", said.lower()):
        head = singular(word)
        for entity in brief.entities:
            kind = singular(entity.singular.lower().split()[-1])
            if kind == head and (kind in _PEOPLE or is_person(kind)):
                return entity
    return people(brief)


# ---------------------------------------------------------------- add


def add(brief: Brief, what: str, owner_text: str | None) -> list[Operation]:
    if owner_text is not None:
        return _add_to(brief, what, owner_text)
    what = unquote(what)
    body = ARTICLES.sub("", what)
    existing = find_entity(brief, body)
    if existing is not None and existing.sure:
        raise Already(f"Your app already has {existing.entity.plural}.")
    if re.match(
        r"(?:better|nicer|shorter|longer|bigger|smaller|different|other|more|less)\b", body
    ):
        raise Refused(f"We couldn't work out what to add from \u201c{what}\u201d.")
    fieldish = _FIELDISH.search(body) is not None or kind_of(body) != "text"
    looks_plural = singular(body.split()[-1].lower()) != body.split()[-1].lower() if body else False
    kinds = kin(brief, body) if not looks_plural and focused(brief) is None else []
    specs = field_specs(what) if kinds else []
    if len(specs) == 1:
        # "add weekly rent" beside Monthly rent: a field like one the plan keeps, not a page.
        request = f"add {body} to {kinds[0].plural}"
        if len(kinds) > 1:
            raise offer(request, request)
        return [AddField(kinds[0].slug, *specs[0])]
    if fieldish and not (looks_plural and not _FIELDISH.search(body)):
        specs = field_specs(what)
        if not specs:
            raise Refused(f"We couldn't work out which field to add from \u201c{what}\u201d.")
        owner = focused(brief) or (
            people(brief) if _PERSONAL.search(body.lower()) else brief.entities[0]
        )
        return [AddField(owner.slug, s[0], s[1], s[2]) for s in specs]
    return add_entity(brief, body, "")


def kin(brief: Brief, body: str) -> list[Entity]:
    """The record kinds with a field named like `body`, a noun with words before it: "weekly
    rent" is kin to a Monthly rent or a Rent field, by the noun each ends on."""
    words = body.lower().split()
    if len(words) < 2 or not words[-1].isalpha():
        return []
    noun = singular(words[-1])
    return [
        entity
        for entity in brief.entities
        if any(singular(field.label.lower().split()[-1]) == noun for field in entity.fields)
    ]


def _add_to(brief: Brief, what: str, owner_text: str) -> list[Operation]:
    owner_text = unquote(owner_text)
    owner = find_entity(brief, owner_text)
    located = find_field(brief, owner_text)
    if located is not None and located.sure and located.field.kind == "choice":
        # "appointment types" names Type of Appointments better than Appointments.
        better = owner is None or not owner.sure or located.score > owner.score
    else:
        better = owner is None or not owner.sure
    if better and located is not None and located.sure:
        said = re.sub(r"\s+(?:as\s+)?(?:an?\s+)?(?:new\s+)?(?:option|choice|value)s?$", "", what)
        choices = values(said)
        if not choices:
            raise Refused(f"Say which options to add to {located.field.label}.")
        return [AddChoices(located.entity.slug, located.field.name, tuple(choices))]
    entity = _owner(brief, owner_text, f"add {unquote(what)} to {{}}")
    specs = field_specs(described_field(what))
    if not specs and names_nothing(what):
        raise Refused(
            f"Say what the new field on {entity.plural} is for, like \u201cadd a phone number "
            f"to {entity.plural}\u201d."
        )
    if not specs:
        raise Refused(
            f"We couldn't work out which field to add to {entity.plural} from \u201c{what}\u201d."
        )
    return [AddField(entity.slug, s[0], s[1], s[2]) for s in specs]


def add_entity(brief: Brief, name: str, fields_text: str) -> list[Operation]:
    name = name_text(name)
    key = name.lower()
    if not name or key in ("page", "pages", "section", "list", "tab", "new page", "one", "another"):
        raise Refused(
            "Say what the new page keeps track of, like \u201cadd an Invoices page with "
            "amount and due date\u201d."
        )
    if key in BUILT_IN_PAGES:
        raise Already(f"Your app already has a {BUILT_IN_PAGES[key]} page.")
    if key in UNBUILDABLE_PAGES:
        raise Refused(
            f"We can't add a {name} page yet; the pages we add are lists of records, and every "
            "app comes with a Dashboard, search and an About page. The user guide has an FAQ "
            "you can edit."
        )
    if key in ("field", "column", "fields", "columns"):
        raise Refused(
            "Say which field to add and to what, like \u201cadd a phone number to Members\u201d."
        )
    if not reads_as_name(name):
        guess = head_noun(name)
        # Only a name said first: "people who come to class", not "a way to see who came".
        starts = name.lower().startswith(guess.lower()) if guess else False
        if starts and find_entity(brief, guess) is None and reads_as_name(guess):
            request = f"add a {guess} page"
            raise offer(request, f"add a page for {guess}")
        raise Refused(f"We couldn't work out what to call a page for \u201c{name}\u201d.")
    if not reads_as_record(name):
        raise Refused(f"We couldn't work out what to call a page for \u201c{name}\u201d.")
    existing = find_entity(brief, name)
    if existing is not None and existing.sure:
        if fields_text:
            return _add_to(brief, fields_text, existing.entity.plural)
        raise Already(f"Your app already has {existing.entity.plural}.")
    # Each field as its name: "which machine, what the repair cost us" is Machine, Repair cost.
    said = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+(?!\w+\s+(?:and|or)\b)", fields_text)
    specs: list[tuple[str, str, tuple[str, ...]]] = []
    for item in (p for p in said if p.strip()):
        clause = clause_field(item)
        found = [clause] if clause is not None else field_specs(described_field(item))
        specs.extend(s for s in found if s[0].lower() not in {k[0].lower() for k in specs})
    return [AddEntity(name, tuple(specs))]


# ---------------------------------------------------------------- remove


def remove(brief: Brief, what: str, noun: str, owner_text: str | None) -> list[Operation]:
    what = unquote(what)
    body = ARTICLES.sub("", what).lower()
    if body in BUILT_IN_PAGES:
        raise Refused(
            f"The {BUILT_IN_PAGES[body]} page is part of every app we build, so it stays; "
            "you can leave it unused."
        )
    scope = _owner(brief, owner_text, f"remove {what} from {{}}") if owner_text else None
    if scope is None and noun not in ("field", "column", "feature"):
        found = find_entity(brief, what)
        if found is not None and found.sure:
            return [RemoveEntity(found.entity.slug)]
        if found is not None and noun in ("page", "section", "list", "tab", "records"):
            request = f"remove the {found.entity.plural} page"
            raise offer(request, f"remove the {found.entity.plural} page")
    if noun != "feature":
        located = find_field(brief, what, scope)
        if located is not None and located.sure:
            return [RemoveField(located.entity.slug, located.field.name)]
        if located is not None:
            request = f"remove {located.field.label.lower()} from {located.entity.plural}"
            raise offer(request, request)
    feature = find_feature(brief, what)
    if feature is not None:
        return [FeatureOff(feature)]
    raise Refused(
        f"We couldn't find \u201c{what}\u201d in your app to remove. {has(brief)}".strip()
    )


# ---------------------------------------------------------------- rename and kinds

_OWNED = re.compile(r"^(?:the\s+|its\s+)?(?P<owner>[\w-]+)['\u2019]s?\s+\w+", re.I)


def _not_a_field_name(brief: Brief, old: str, new: str) -> None:
    """Refuses a field renamed, unquoted, to a colour ("the status should be red") and offers
    to confirm one renamed to a thing of another record ("the title should be the pet's name"):
    neither is made literally."""
    if colour_phrase(new.lower()):
        raise Refused(
            f"\u201c{new}\u201d is a colour, not a name, so {old} stays as it is. "
            "Say \u201cmake the main colour " + new.lower() + "\u201d to change the app's colour."
        )
    owned = _OWNED.match(new)
    if owned is not None and find_entity(brief, owned["owner"]) is not None:
        request = f"rename {old} to {new[:1].upper() + new[1:]}"
        raise offer(request, request)


def rename(brief: Brief, old: str, new_said: str) -> list[Operation]:
    old = unquote(old)
    new = name_text(new_said)
    if kind_word(new) is not None and find_field(brief, old) is not None:
        return make(brief, old, new, None)
    if not new:
        raise Refused(f"Say what to call {old}.")
    target = _rename_target(brief, old)
    chosen = chosen_name(new, new_said)
    if not chosen and not reads_as_name(new, 3 if target != "app" else 6):
        guess = head_noun(new) if target != "app" else ""
        if not guess:
            raise Refused(f"We couldn't tell what the new name is in \u201c{new_said}\u201d.")
        request = f"rename {_said(target)} to {guess[:1].upper() + guess[1:]}"
        raise offer(request, request)
    if isinstance(target, str):
        return [SetName(new[:60])]
    if not isinstance(target, Entity) and not chosen:
        label = next((f.label for f in target[0].fields if f.name == target[1]), old)
        _not_a_field_name(brief, label, new)
    if isinstance(target, Entity):
        if not reads_as_record(new):
            raise Refused(f"We couldn't tell what the new name is in \u201c{new_said}\u201d.")
        return [RenameEntity(target.slug, new)]
    if not chosen and not reads_as_field(new):
        raise Refused(f"We couldn't tell what the new name is in \u201c{new_said}\u201d.")
    entity, field_name = target
    return [RenameField(entity.slug, field_name, new)]


_Target = Literal["app"] | Entity | tuple[Entity, str]


def _said(target: _Target) -> str:
    if isinstance(target, str):
        return "the app"
    if isinstance(target, Entity):
        return target.plural
    entity, field_name = target
    label = next(f.label for f in entity.fields if f.name == field_name)
    return f"the {label.lower()} field of {entity.plural}"


def _rename_target(brief: Brief, old: str) -> _Target:
    lowered = ARTICLES.sub("", old.lower())
    if lowered in ("it", "app", "product", "site", "the app", brief.product_name.lower()) or (
        lowered.startswith(("app", "product", "site")) and lowered.endswith("name")
    ):
        return "app"
    entity = find_entity(brief, old)
    located = find_field(brief, old)
    if entity is not None and (located is None or entity.score >= located.score):
        if not entity.sure:
            raise offer(
                f"rename {entity.entity.plural} to \u2026", f"rename {entity.entity.plural}"
            )
        return entity.entity
    if located is not None:
        if not located.sure:
            what = f"the {located.field.label.lower()} field of {located.entity.plural}"
            raise offer(f"rename {what} to \u2026", f"rename {what}")
        return (located.entity, located.field.name)
    raise Refused(f"We couldn't find \u201c{old}\u201d in your app to rename.")


def make(brief: Brief, what: str, kind_said: str, choices_text: str | None) -> list[Operation]:
    kind = kind_word(kind_said)
    if kind is None:
        raise Refused(f"We can't make a field \u201c{kind_said}\u201d.")
    located = find_field(brief, what)
    if located is None:
        raise Refused(f"We couldn't find a field called \u201c{unquote(what)}\u201d to change.")
    if not located.sure:
        request = f"make {located.field.label.lower()} on {located.entity.plural} {kind_said}"
        raise offer(request, request)
    written = r"\b(?:phone|mobile|postal|postcode|zip|id|code|number)\b"
    if (
        kind in ("number", "money")
        and kind_of(located.field.label) in ("text", "phone")
        and re.search(written, located.field.label.lower())
    ):
        raise Refused(
            f"{located.field.label} stays text, so it can hold things like "
            "\u201c+1 555 010 0199\u201d or \u201cAB-12\u201d that aren't amounts."
        )
    choices: tuple[str, ...] = ()
    if choices_text:
        choices = tuple(values(choices_text))
    return [ChangeKind(located.entity.slug, located.field.name, kind, choices)]
