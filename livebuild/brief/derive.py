"""Turn a founder's free-text idea into a structured, deterministic product brief.

Everything here is offline and rule based: the same idea always yields the same brief, and any
input (empty, huge, emoji, markup, other scripts) yields a usable one. The records come from the
idea's own nouns; a catalogue domain is used whole only when the idea really is one (several of
its keywords, and the nouns the idea names are the domain's own records).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

from livebuild.brief import kind_judge
from livebuild.brief.audience import audience
from livebuild.brief.booked_acts import booked_acts
from livebuild.brief.borrowed import borrowed_entity
from livebuild.brief.catalogue import Domain
from livebuild.brief.detect import scored_domain, target_users
from livebuild.brief.domain_words import domain_words
from livebuild.brief.english_layer import english_reads
from livebuild.brief.entities import build_entity, generic_entity
from livebuild.brief.hint_owners import hint_owners
from livebuild.brief.implied import implied_kinds, implied_words
from livebuild.brief.kinds import record_things
from livebuild.brief.links import linked_work
from livebuild.brief.listed_options import with_listed_options
from livebuild.brief.model import MAX_ENTITIES, Brief, Entity
from livebuild.brief.naming import clean_name, first_name, invent_name, name_root
from livebuild.brief.record_app import app_kind
from livebuild.brief.said_details import details_not_kinds, placed_details
from livebuild.brief.said_links import joined_work
from livebuild.brief.said_only import features_not_fields
from livebuild.brief.seeded import pick
from livebuild.brief.text import singular
from livebuild.brief.theme import make_theme
from livebuild.brief.things import kind_of, thing_entity
from livebuild.brief.title_link import titled_by_link
from livebuild.brief.units import fit_units
from livebuild.english.forms import as_singular
from livebuild.english.idea import IdeaReading, read_once
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Reading as English
from livebuild.english.shapes import Shapes, Thing, chosen_things
from livebuild.english.trade_acts import trade_acts
from livebuild.english.value_lists import values_not_kinds

# Two agreeing keywords, at least one of them among the domain's first three.
_STRONG_SCORE = 5
# An idea that names a domain by one of its first three keywords ("a recipe box") is that kind
# of record-keeping app, even when it names nothing to keep; a weaker match ("word count" for
# a library) says nothing of what kind of app it is.
_NAMED = 3
_MAX_ENTITIES = MAX_ENTITIES
# Verbs whose objects, when they are events, are the bookings themselves.
_BOOKING = frozenset({"book", "reserve", "schedule"})
# Details that say when: they go to the first record that is an event.
_WHEN_HINTS = frozenset({"due", "deadline"})


@functools.cache
def _names(domain: Domain) -> set[str]:
    names: set[str] = set()
    for entity in domain.entities:
        for name in (entity.singular, entity.plural):
            names.add(name.lower())
            names.add(singular(name.lower().split()[-1]))
    return names


def app_domain(read: IdeaReading, things: list[Thing]) -> Domain | None:
    """The known kind of record-keeping app the idea is whole, or names strongly (None: none),
    as the reading of what kind of app it is takes it."""
    domain, score = scored_domain(domain_words(read))
    fits = _fits(domain, score, things)
    if not fits and things:
        return None  # the idea's own things make the plan, not the domain's
    return domain if fits or score >= _NAMED else None


def _fits(domain: Domain | None, score: int, things: list[Thing]) -> bool:
    """Whether the idea is `domain` whole: strong keywords, and every thing it names is one of
    the domain's records."""
    if domain is None or score < _STRONG_SCORE:
        return False
    names = _names(domain)
    # An opening phrase ("Invoicing for designers") is weak evidence; named objects are not.
    named = [t for t in things if t.weight >= 2]
    # (A compound is its last word: "houseplants" are the plant domain's plants.)
    return all(t.phrase in names or any(t.head.endswith(n) for n in names) for t in named)


def _business_work(english: English) -> list[str]:
    """ "Skip hire firm", "phone repair shop": the work the founder's business is named for
    (hires, repairs) is a record kind of its own, unless the founder already named it as one
    ("bike repair shop: track parts, *repair jobs* and bikes")."""
    organisations = lexicon().organisations
    for phrase in english.phrases[:3]:
        if phrase.head in organisations and not phrase.plural and phrase.modifiers:
            work = as_singular(phrase.modifiers[-1])
            named = any(work in p.modifiers for p in english.phrases if p is not phrase)
            if kind_of(work) == "event" and not named:
                return [work]
    return []


def _booked_itself(booked: set[str], heads: set[str]) -> bool:
    """Whether a thing the idea books is itself a record of work ("book appointments")."""
    return any(kind_of(h) == "event" for h in booked & heads)


def _read_entities(
    idea_reading: IdeaReading,
    reading: Shapes,
    things: list[Thing],
    booked: set[str] = set(),  # noqa: B006
) -> list[Entity]:
    idea = idea_reading.idea  # the seed of sample rows
    entities: list[Entity] = []
    heads: set[str] = set()
    sold = set(reading.sold)
    hints = reading.hints
    if sold and any(t.phrase in sold for t in things):
        # "sell cakes, cookies and sourdough": kinds of one product, not three records.
        categories = tuple(dict.fromkeys(s.capitalize() for s in reading.sold))[:6]
        entities.append(thing_entity("product", "product", idea, hints, categories))
        heads.add("product")
        things = [t for t in things if t.phrase not in sold]
    lent = set(reading.lent)
    if lent and any(t.phrase in lent for t in things):
        # "borrowed my ladder, drill and lawnmower": kinds of one item lent out.
        categories = tuple(dict.fromkeys(s.capitalize() for s in reading.lent))[:6]
        entities.append(thing_entity("item", "item", idea, [], categories, kind="lent"))
        heads.add("item")
        things = [t for t in things if t.phrase not in lent]
    # A due date belongs to the first thing that happens (a repair job), not to a part.
    dated = next((t for t in things[:_MAX_ENTITIES] if kind_of(t.head) == "event"), None)
    when = [h for h in hints if h.rstrip("s") in _WHEN_HINTS]
    lent_item = [Thing(("item",), 0, 0)] if "item" in heads else []
    owners = hint_owners(idea_reading.english.fixed, hints, {t.head for t in things})
    # Room for the kinds the idea implies (its trade's work, the people served).
    implied = implied_kinds(idea_reading.english, {t.head for t in things})
    room = _MAX_ENTITIES - len(implied)
    for thing in things:
        if len(entities) >= room:
            break
        others = [*lent_item, *(t for t in things if t is not thing)]
        # "what each vendor costs": a detail said of one record goes there, not to the first
        details = [*thing.hints, *(h for h, o in owners.items() if o == thing.head)]
        if not entities:
            mine = [h for h in hints if owners.get(h, thing.head) == thing.head]
            details += [h for h in mine if h not in when or dated is None]
        if thing is dated:
            details += when
        entities.append(borrowed_entity(thing, idea_reading, details, others))
        heads.add(thing.head)
    joined = joined_work(idea_reading.english, heads)  # "who booked which class"
    said = [*(i.name for i in implied), *booked_acts(idea_reading.english), *joined]
    for name in dict.fromkeys([*reading.implied, *_business_work(idea_reading.english), *said]):
        if name == "booking" and name not in joined and _booked_itself(booked, heads):
            continue  # "receptionists book appointments": the appointments are the bookings
        if implied_words().named(name, heads):
            continue  # "the books we sell, and our sales": the sales are the orders
        if len(entities) < _MAX_ENTITIES and name not in heads:
            others = [*lent_item, *things]  # a loan is of an item, by a neighbour
            thing = Thing(tuple(name.split()), 0, 0)
            entities.append(borrowed_entity(thing, idea_reading, [], others))
            heads.add(name)
    for kind in implied:
        entities = linked_work(entities, kind.head, kind.links)
    return entities


# A tagline or who it's for names this many record kinds at most, then "and more": a list of
# eight kinds is no tagline.
_LISTED = 3


def _listing(entities: list[Entity], most: int = 0) -> str:
    names = [e.plural.lower() for e in entities]
    if most and len(names) > most + 1:
        names = [*names[:most], "more"]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def own_words(entities: Sequence[Entity], idea: str) -> tuple[str, str]:
    """The tagline and the problem said of a plan's own record kinds (`entities`), as for an
    idea no catalogue domain fits."""
    listing = _listing(list(entities), _LISTED)
    tagline = pick(
        (
            f"{listing[:1].upper()}{listing[1:]}, kept in one place.",
            f"Keep track of {listing}.",
            f"{listing[:1].upper()}{listing[1:]}, organised.",
        ),
        idea,
        "tagline",
    )
    problem = (
        f"Keeping track of {_listing(list(entities))} across notes, spreadsheets and messages "
        "is slow and easy to get wrong."
    )
    return tagline, problem


def _users(
    reading: IdeaReading, entities: list[Entity], domain: Domain | None
) -> tuple[str, str | None]:
    """Who the app is for, said in the plan, and who the idea itself says it is for (None
    when it doesn't say, and the plan says it from the domain or the records)."""
    kept = {e.singular.lower().split()[-1] for e in entities}
    found = audience(reading.english, kept)
    if found:
        return found, found
    if domain is not None:
        return target_users(reading.for_whom, domain), None
    return f"People who keep track of {_listing(entities, _LISTED)}", None


def _product_name(
    idea: str,
    name: str | None,
    read: IdeaReading,
    domain: Domain | None,
    said_for: str | None,
    entities: list[Entity],
) -> str:
    """The name given, else the one the idea says, else one invented for the business ("yoga
    studios"), never for a record about people in it ("Membernest")."""
    given = clean_name(name) if name else ""
    if given:
        return given
    root = name_root(said_for, tuple(e.singular for e in entities), read.english)
    return first_name(read.names) or invent_name(idea, domain, root)


def _one(thing: Thing) -> Thing:
    """`thing` named in the singular ("Ewes" -> "ewe"): a record kind is named by one of it,
    and its plural is made from that (never "Eweses")."""
    head = as_singular(thing.head)
    if head == thing.head:
        return thing
    return dataclasses.replace(thing, words=(*thing.words[:-1], head))


def _records_only(kinds: list[Thing], english: English) -> list[Thing]:
    """`kinds` without the nouns the idea says as something else: a detail of another kind
    ("each coin with country, year and grade"), the values of one ("with a category - juniors,
    adults, seniors"), the trade's work beside its records ("can you handle tightness
    testing? … each test")."""
    for said_otherwise in (details_not_kinds, values_not_kinds, trade_acts):
        other = said_otherwise([t.head for t in kinds], english)
        kinds = [t for t in kinds if t.head not in other]
    return kinds


def _chosen(read: IdeaReading, records: Sequence[str] | None) -> tuple[Shapes, list[Thing]]:
    """The idea's shapes and the things its plan keeps, each named in the singular: its own,
    or `records` chosen by another reader."""
    shapes, things = _things(read, records)
    return shapes, [_one(t) for t in things]


def _things(read: IdeaReading, records: Sequence[str] | None) -> tuple[Shapes, list[Thing]]:
    shapes = read.shapes
    things = record_things(chosen_things(shapes, _MAX_ENTITIES), read.english, _MAX_ENTITIES)
    if records is None:
        return shapes, things
    # The records chosen are not grouped into one (the reader chose them one by one); the
    # details the shape reader found for a chosen noun ("due") stay with it.
    shapes = dataclasses.replace(shapes, sold=[], lent=[])
    read_as = {t.head: t for t in shapes.things}
    chosen = []
    for n, record in enumerate(records):
        words = tuple(record.split())
        if not words:
            continue
        said = read_as.get(words[-1]) or read_as.get(as_singular(words[-1]))
        chosen.append(Thing(words, 3, n, hints=list(said.hints) if said else []))
    return shapes, chosen


def _own_records(
    read: IdeaReading, shapes: Shapes, things: list[Thing], noun: str | None
) -> tuple[list[Entity], str, str, tuple[str, ...]]:
    """Records, tagline, problem and default features for an idea no catalogue domain fits."""
    idea = read.idea
    booked = {p.head for p in read.english.phrases if p.role == "dobj" and p.verb in _BOOKING}
    entities = _read_entities(read, shapes, things, booked) or [generic_entity(noun, idea)]
    tagline, problem = own_words(entities, idea)
    first = entities[0].plural.lower()
    defaults = (
        f"Add, edit and delete {first}",
        f"Search and filter {first}",
        "A dashboard with live totals",
    )
    return entities, tagline, problem, defaults


def _features(
    read: IdeaReading, defaults: Sequence[str], entities: Sequence[Entity]
) -> tuple[str, ...]:
    # "See what I charged" where the plan keeps "What I charged": a field, not a feature.
    features = features_not_fields(read.features, entities)
    for feature in defaults:
        if len(features) >= 5:
            break
        if feature.lower() not in {f.lower() for f in features}:
            features.append(feature)
    return tuple(features[:6])


def derive_brief(
    idea: str,
    name: str | None = None,
    *,
    records: Sequence[str] | None = None,
    reading: IdeaReading | None = None,
    judged: bool = True,
) -> Brief:
    """Derive a complete, deterministic product brief from free text.

    The idea is read once (`english.idea.read_once`; pass `reading` when it was already read)
    and the plan is written from that reading. `records`, when given, are the record kinds
    another reader chose (a model, from the English reading's nouns), most important first:
    the rules write the plan around them. `judged`: the learned judge (`kind_judge`) chooses
    which of the idea's nouns are its records, from the rules' choice and every other noun."""
    read = reading if reading is not None and reading.idea == idea else read_once(idea)
    shapes, things = _chosen(read, records)
    domain, score = scored_domain(domain_words(read))
    fits = _fits(domain, score, things)
    if not fits:
        domain = None if things else domain
    kinds = things
    if judged and records is None and things:
        kinds = [_one(t) for t in kind_judge.judged_things(read.english, things, _MAX_ENTITIES)]
    kinds = _records_only(kinds, read.english)

    noun = kinds[0].head if kinds else read.main_noun

    entities: list[Entity]
    if domain is not None:
        tagline = pick(domain.taglines, idea, "tagline")
        problem = domain.problem
        entities = [build_entity(spec, idea) for spec in domain.entities]
        defaults = domain.features
    else:
        entities, tagline, problem, defaults = _own_records(read, shapes, kinds, noun)

    entities = placed_details(entities, read.english, idea)
    entities = with_listed_options(entities, read.english)
    entities = fit_units(entities, idea)
    entities = titled_by_link(entities, idea)
    users, said_for = _users(read, entities, domain)
    product_name = _product_name(idea, name, read, domain, said_for, entities)

    return Brief(
        idea=idea,
        product_name=product_name,
        tagline=tagline,
        target_users=users,
        problem=problem,
        features=_features(read, defaults, entities),
        entities=tuple(entities),
        theme=make_theme(idea, serif=domain is not None and domain.serif),
        app_kind=app_kind(read.english, things, app_domain(read, things)),
        english=english_reads(),
    )
