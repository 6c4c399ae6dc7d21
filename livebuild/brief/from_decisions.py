"""The plan written by the rules from a model's decisions about an idea.

The model chose the records, the details said of each and what links to what (`model_reading`;
an audience only when its answer gives one); everything else is the rules' own work, exactly as
offline: slugs, labels, fields each kind of record has, sample rows, the theme, features and
tagline (`derive_brief`, given the chosen records). The model's details and links are then added
where the rules have none, each held to the plan's limits, with samples that fit their kind.
"""

from __future__ import annotations

import dataclasses
import re

from livebuild.brief.derive import derive_brief
from livebuild.brief.links import add_link, column, with_field
from livebuild.brief.model import MAX_FIELDS, Brief, Entity, Field
from livebuild.brief.model_reading import Decisions, RecordChoice
from livebuild.brief.things import sample_value
from livebuild.english.detail_kinds import checked_kind
from livebuild.english.detail_labels import detail_label
from livebuild.english.forms import singular
from livebuild.english.idea import read_once
from livebuild.english.reading import Reading

# Detail names that say nothing of their own (the model repeating the kinds, or the title).
_EMPTY_DETAILS = frozenset(
    {"name", "title", "note", "notes", "kind", "type", "id", "text", "value", "detail"}
)
# Words that name the product, not the people it is for ("a dog walking app").
_PRODUCT_WORDS = frozenset({"app", "application", "tool", "website", "site", "platform", "system"})


def _choice_for(entity: Entity, records: tuple[RecordChoice, ...]) -> RecordChoice | None:
    said = entity.singular.lower()
    for record in records:
        if record.name in (said, singular(said)) or singular(record.name) == singular(said):
            return record
    return None


def _detail_field(label: str, kind: str, reading: Reading) -> Field:
    """The detail as a field; the rules' word on its kind wins (a phone number or a tag number
    is text, a year or a size in litres a number, a date only a time)."""
    kind = checked_kind(label, kind, reading)
    if kind == "choice":
        kind = "text"  # the model names no choices; a plain text field holds any answer
    return Field(column(label.lower()), label, kind)


def _add_details(entity: Entity, record: RecordChoice, names: set[str], idea: str) -> Entity:
    taken = {f.name for f in entity.fields} | {f.label.lower() for f in entity.fields}
    reading = read_once(idea).english
    for said, kind in record.details:
        # A detail is named by a noun phrase ("pupil actually turnedup" is "Pupil").
        label = detail_label(said, reading, kind)
        name = label.lower()
        slot = column(name)
        if not label:
            continue
        if len(entity.fields) >= MAX_FIELDS or not slot or slot[0].isdigit():
            break
        head = name.split()[-1]
        if said.split()[-1] in _EMPTY_DETAILS or name in names or singular(head) in names:
            continue  # a record of its own is linked, not copied as a detail
        if slot in taken or name in taken or slot == column(entity.singular):
            continue
        field = _detail_field(label, kind, reading)
        values = [
            sample_value(field, i, entity.singular.lower(), idea) for i in range(len(entity.seed))
        ]
        entity = with_field(entity, field, values)
        taken.update({slot, name})
    return entity


def _linked(entities: list[Entity], decisions: Decisions) -> list[Entity]:
    by_name = {}
    for entity in entities:
        record = _choice_for(entity, decisions.records)
        if record is not None:
            by_name[record.name] = entity.slug
    slugs = {e.slug: n for n, e in enumerate(entities)}
    pairs: set[tuple[str, str]] = set()
    for n, entity in enumerate(list(entities)):
        record = _choice_for(entity, decisions.records)
        for target_name in record.links if record is not None else ():
            target = by_name.get(target_name)
            # One way only: a pair linked both ways has no order to make its samples in.
            if target is None or target == entity.slug or (target, entity.slug) in pairs:
                continue
            pairs.add((entity.slug, target))
            entities[n] = add_link(entities[n], entities[slugs[target]])
    return entities


def _letters(name: str) -> str:
    return singular(re.sub(r"[^a-z]", "", name.lower()))


def _matched(brief: Brief, records: tuple[RecordChoice, ...]) -> tuple[RecordChoice, ...]:
    """The model's records under the names of the plan's kinds they are: the same name first,
    else the same head word when only one kind has it; a record of no kind is left as said."""
    kinds = [e.singular.lower() for e in brief.entities]
    heads = [singular(k.split()[-1]) for k in kinds]
    # "sign up" is the plan's "sign-up": the same letters, spaced or hyphenated.
    letters = [_letters(k) for k in kinds]
    renamed: dict[str, str] = {}
    for record in records:
        if any(_choice_for(e, (record,)) for e in brief.entities):
            continue
        head = singular(record.name.split()[-1])
        if _letters(record.name) in letters:
            renamed[record.name] = kinds[letters.index(_letters(record.name))]
        elif heads.count(head) == 1 and kinds[heads.index(head)] not in renamed.values():
            renamed[record.name] = kinds[heads.index(head)]
    return tuple(
        RecordChoice(
            renamed.get(r.name, r.name),
            r.details,
            tuple(renamed.get(x, x) for x in r.links),
        )
        for r in records
    )


def _audience(said: str) -> str:
    words = set(re.findall(r"[a-z]+", said.lower()))
    return "" if words & _PRODUCT_WORDS else said


def brief_from_decisions(idea: str, name: str | None, decisions: Decisions) -> Brief:
    """The plan for `idea` around the records the model chose, written by the rules."""
    brief = derive_brief(idea, name, records=[r.name for r in decisions.records])
    return with_model_details(brief, decisions, idea)


def with_model_details(brief: Brief, decisions: Decisions, idea: str) -> Brief:
    """`brief` with the details and links the model said of its records, where the rules have
    none; the model's records are matched to the plan's kinds by name, then by head word
    ("dog walk" is the plan's Walk), so a plan whose kinds the rules chose takes them too."""
    decisions = dataclasses.replace(decisions, records=_matched(brief, decisions.records))
    names = {r.name for r in decisions.records} | {singular(r.name) for r in decisions.records}
    entities = []
    for entity in brief.entities:
        record = _choice_for(entity, decisions.records)
        entities.append(entity if record is None else _add_details(entity, record, names, idea))
    entities = _linked(entities, decisions)
    audience = _audience(decisions.audience) or brief.target_users
    return dataclasses.replace(brief, entities=tuple(entities), target_users=audience)
