"""Details the idea names that are written, not counted: phone numbers, postcodes, ids.

"each member's postcode, phone number and membership id" become text fields of the record
they describe, so "+1 555 010 0199" or "SW1A 1AA" are kept as typed, never refused as numbers.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from livebuild.brief.model import MAX_FIELDS, Entity, Field
from livebuild.brief.things import sample_value
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Reading

_DETAILS = 4
# Fields every record has, whose words a detail may share and still be its own.
_OWN_BOXES = frozenset({"notes", "name"})


def _label(words: list[str], text: str) -> str:
    said = [w.upper() if re.search(rf"\b{w.upper()}\b", text) else w for w in words]
    label = " ".join(said)
    return label[:1].upper() + label[1:]


@functools.cache
def _pattern() -> re.Pattern[str]:
    names = "|".join(sorted(lexicon().text_identifiers, key=len, reverse=True))
    return re.compile(
        rf"\b(?:([a-z]{{3,}})\s+)?({names})(?:\s+(number|code|id|plate))?s?\b", re.IGNORECASE
    )


def identifier_fields(reading: Reading) -> list[Field]:
    """Text fields for the identifiers the idea names ("phone number", "membership id")."""
    words = lexicon()
    found: dict[str, Field] = {}
    for match in _pattern().finditer(reading.fixed):
        before, name, after = (g.lower() if g else "" for g in match.groups())
        named = [name, after] if after else [name]
        if not after and name not in words.attributes:
            continue  # "phone" alone may be the thing ("log each phone"); "postcode" is not
        qualifier = before and before not in words.generic and reading.tags_of(before) & {"NN"}
        if qualifier or before in words.text_identifiers:
            named.insert(0, before)  # "membership id", "zip code"
        key = "_".join(named)
        if key not in found:
            found[key] = Field(key, _label(named, reading.text), "text")
    return list(found.values())[:_DETAILS]


def with_identifiers(entity: Entity, fields: list[Field], idea: str) -> Entity:
    """`entity` with `fields` it lacks added before its notes, each row given a sample value."""
    have = {f.name for f in entity.fields}
    title = entity.fields[0].name if entity.fields else ""
    new = [
        f
        for f in fields
        if f.name not in have
        and f.name != entity.singular.lower()  # "log each phone": the phone is the record
        # "phone number" where "Phone" is kept; but "coat notes" is more than the notes.
        # The record's own word is no such box: a plot keeps its "Plot number".
        and not any(part in have - _OWN_BOXES - {title} for part in f.name.split("_"))
    ][: max(0, MAX_FIELDS - len(entity.fields))]
    if not new:
        return entity
    last = entity.fields[-1]
    at = len(entity.fields) - 1 if last.kind == "longtext" else len(entity.fields)
    fields_after = (*entity.fields[:at], *new, *entity.fields[at:])
    seed = tuple(
        {**row, **{f.name: sample_value(f, i, entity.singular.lower(), idea) for f in new}}
        for i, row in enumerate(entity.seed)
    )
    return dataclasses.replace(entity, fields=fields_after, seed=seed)
