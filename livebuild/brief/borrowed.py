"""Records the catalogue knows: their fields, borrowed for this idea and linked to its records.

A bare noun the catalogue has a record for ("loan", "attendee", "order") borrows that record's
fields, never its rows: samples are made for this idea, so no other product's data (a shop's
aprons in a bakery) leaks in. A borrowed field that names another product's record ("Book" on a
seed library's loans, "Event" on a choir's attendees) names this idea's own record instead, and
a field for a person ("Borrower") names the people the idea keeps, if it keeps any.
"""

from __future__ import annotations

import functools

from livebuild.brief.catalogue import Domain, EntitySpec, shipped_catalogue
from livebuild.brief.model import Entity, Field
from livebuild.brief.schema import MAX_FIELDS
from livebuild.brief.text import singular, slugify
from livebuild.brief.things import (
    HINT_FIELD_NAMES,
    dates_in_order,
    kind_of,
    sample_title,
    sample_value,
    thing_entity,
)
from livebuild.brief.venue_words import others_places
from livebuild.english.grammar import is_person
from livebuild.english.idea import IdeaReading
from livebuild.english.shapes import Thing

# Nouns too general to borrow one product's fields for (a repair cafe's items have no SKU, a
# cleaner's jobs no salary).
_TOO_GENERIC = frozenset({"item", "entry", "record", "thing", "object", "job", "appointment"})

# People a borrowed record names by the part they play in it: the idea's own people play it
# (a loan's borrower is a neighbour). An "artist" or a "clinician" is someone else.
_PARTICIPANTS = frozenset(
    {"borrower", "customer", "client", "member", "guest", "attendee", "renter", "buyer"}
)


@functools.cache
def _known_specs() -> dict[str, EntitySpec]:
    specs: dict[str, EntitySpec] = {}
    for domain in shipped_catalogue().domains:
        for spec in domain.entities:
            specs.setdefault(spec.singular.lower(), spec)
    return specs


@functools.cache
def _home_domain(spec: EntitySpec) -> Domain:
    return next(d for d in shipped_catalogue().domains if spec in d.entities)


def _score(domain: Domain, words: set[str], text: str) -> int:
    """How much `domain`'s keywords are used: a phrase ("book club") counts double."""
    return sum(
        2 if " " in keyword else 1
        for keyword in domain.keywords
        if (f" {keyword} " in text if " " in keyword else keyword in words)
    )


def _from_elsewhere(spec: EntitySpec, reading: IdeaReading, kept: set[str]) -> bool:
    """Whether `spec` is another kind of business's record: the idea's words, other than the
    records it keeps (`kept`), speak less of its domain than of another (a tool library's or a
    book club's members are not a gym's, nor a pottery studio's)."""
    # "A pottery studio" speaks of pottery, not of a gym's studio (`venue_words.py`).
    away = others_places(reading.words, reading.english)
    words = {
        w
        for w, other in zip(reading.words, away, strict=True)
        if not other and w not in kept and singular(w) not in kept
    }
    words |= {singular(w) for w in words}
    text = " " + " ".join(reading.words) + " "
    home = _score(_home_domain(spec), words, text)
    return home == 0 or any(_score(d, words, text) > home for d in shipped_catalogue().domains)


def _someone_elses(field: Field, said: frozenset[str]) -> bool:
    """Whether `field` is how to reach someone the idea never names: a school's students'
    "Guardian email" on an adult pottery class's students."""
    words = field.label.lower().split()
    contact = field.kind == "email" or bool({"phone", "email", "mobile"} & set(words))
    return contact and any(is_person(w) and not {w, f"{w}s"} & said for w in words)


def _their_trades_person(field: Field, said: frozenset[str], event: bool) -> bool:
    """Whether `field` names who does the other business's work (`event`: the record is a
    visit, a class, a job) and the idea never names them: a pet-sitter's "Carer" on a clinic's
    visits, a gym's "Coach" on a choir's classes. (The parties to it, a customer or a borrower,
    stay: they name the idea's people; so does a person a thing is of, a song's artist.)"""
    name = field.name
    if not event:
        return False
    person = is_person(name) or kind_of(name) == "person"
    return person and name not in _PARTICIPANTS and not {name, f"{name}s"} & said


def _fits_elsewhere(field: Field, said: frozenset[str], event: bool) -> bool:
    """Whether a field of another business's record fits this idea: its plain details do, but
    not a way to reach someone it never names, nor someone of that trade it never names; its
    options and amounts ("Plan: Class pack", "Monthly fee") only if the idea speaks of them."""
    if _someone_elses(field, said) or _their_trades_person(field, said, event):
        return False
    if field.kind not in ("choice", "money") or field.name == "status":
        return True
    named = {w for c in field.choices for w in c.lower().split()} | set(field.label.lower().split())
    return bool(named & said - {"monthly", "annual", "yearly", "weekly", "daily"})


def catalogue_spec(thing: Thing) -> EntitySpec | None:
    specs = _known_specs()
    if thing.phrase in _TOO_GENERIC:
        return None
    if thing.phrase in specs:
        return specs[thing.phrase]
    # A word in front changes the thing: a "repair job" is not a job opening, so only a
    # bare noun borrows the catalogue's fields for it.
    return specs.get(thing.head) if thing.phrase == thing.head else None


def _label(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def _link(field: Field, thing: Thing, others: list[Thing], said: frozenset[str]) -> Thing | None:
    """The idea's own record `field` should name instead, if any.

    A participant ("Borrower") names the idea's people; a field naming another product's
    record names an earlier record of the same kind (a loan's book is the seed packet, an
    attendee's event the rehearsal; a tenant's unit is not the rent payment).
    """
    if field.kind != "text" or field.name in said or field.name == thing.head:
        return None
    kind = kind_of(field.name)
    if field.name in _PARTICIPANTS:
        return next((t for t in others if kind_of(t.head) == "person"), None)
    if field.name in _known_specs():
        # An earlier record first (a loan's book is the seed packet listed before it), else
        # any the idea keeps ("who has which vests": the vests lent).
        alike = [t for t in others if kind_of(t.head) == kind and t is not thing]
        earlier = [t for t in alike if t.position <= thing.position]
        return next(iter(earlier or alike), None)
    return None


def _foreign(field: Field, said: frozenset[str]) -> bool:
    """Whether `field` names another product's record that this idea neither says nor keeps
    ("Book" on hi-vis kit loans): a detail of some other thing, not of this one."""
    return (
        field.kind == "text"
        and field.name in _known_specs()
        and field.name not in said
        and kind_of(field.name) != "person"
    )


def _titled_by_itself(fields: list[Field], links: dict[str, Thing], own: Field) -> list[Field]:
    """`fields` with a title of the record's own ("Booking 1") first when the borrowed title
    names someone the idea keeps ("Customer" on a booking of the idea's members): the record
    is named by itself, and the person becomes a link the founder picks from. (A loan of a
    seed packet may still be named by the packet: what it joins, not who.)"""
    if not fields or fields[0].name not in links or any(f.name == own.name for f in fields):
        return fields
    if kind_of(links[fields[0].name].head) != "person":
        return fields
    if len(fields) >= MAX_FIELDS:
        fields = [f for f in fields if f.kind != "longtext"][: MAX_FIELDS - 1]
    return [own, *fields]


def _titled_if_untitled(fields: list[Field], own: Field) -> list[Field]:
    """`fields` with the record's own title ("Visit") first when the borrowed title was left
    out as another trade's (a clinic's visit is not called by a pet-sitter's carer), so no
    date or status ends up naming the record."""
    if not fields or fields[0].kind == "text" or any(f.name == own.name for f in fields):
        return fields
    if len(fields) >= MAX_FIELDS:
        fields = [f for f in fields if f.kind != "longtext"][: MAX_FIELDS - 1]
    return [own, *fields]


def borrowed_entity(
    thing: Thing, reading: IdeaReading, hints: list[str], others: list[Thing]
) -> Entity:
    """The record for `thing`: the catalogue's fields if it knows the noun, else read from it.

    `others` are the idea's other records, in the order they matter, for linking.
    """
    idea = reading.idea  # the seed of its sample rows
    entity = thing_entity(thing.phrase, thing.head, idea, hints)
    spec = catalogue_spec(thing)
    if spec is None:
        return entity
    said = reading.said
    kept = spec.fields
    if _from_elsewhere(spec, reading, {t.head for t in (thing, *others)}):
        event = kind_of(thing.head) == "event"
        kept = tuple(f for f in spec.fields if _fits_elsewhere(f, said, event))
    names = {f.name for f in kept}
    dated = any(f.kind == "date" for f in kept)
    # Details the idea asked for stay (a date only if the borrowed record has none).
    extra = tuple(
        f
        for f in entity.fields
        if f.name in HINT_FIELD_NAMES and f.name not in names and not (dated and f.kind == "date")
    )
    fields = list(kept + extra)
    links: dict[str, Thing] = {}
    elsewhere = kept is not spec.fields
    for n, f in enumerate(fields):
        other = _link(f, thing, others, said)
        name = slugify(other.phrase, "item").replace("-", "_") if other else ""
        if other is not None and name not in names and name not in links:
            fields[n] = Field(name, _label(other.phrase), "text")
            links[name] = other
    fields = [f for f in fields if f.name in links or not (elsewhere and _foreign(f, said))]
    fields = _titled_by_itself(fields, links, entity.fields[0])
    fields = _titled_if_untitled(fields, entity.fields[0])

    def value(n: int, f: Field, i: int, title: str) -> str:
        if f.name in links:
            return sample_title(links[f.name].phrase, links[f.name].head, i + 1)
        if f.kind == "text" and kind_of(f.name) == "person":
            return sample_title(f.label.lower(), f.name, i)  # "Sample customer A"
        return title if n == 0 else sample_value(f, i, thing.phrase, idea)

    first = entity.fields[0].name
    rows = tuple(
        dates_in_order(
            tuple(fields), {f.name: value(n, f, i, sample[first]) for n, f in enumerate(fields)}
        )
        for i, sample in enumerate(entity.seed)
    )
    return Entity(entity.singular, entity.plural, entity.slug, tuple(fields), rows)
