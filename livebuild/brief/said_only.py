"""A record whose details the founder lists keeps those, not the catalogue's guesses beside them.

"members (name, phone, membership type - monthly or annual)" gives Members a name, a phone and a
membership type: no made-up "Plan" beside the said type, no "Monthly fee" or "Email" nobody
said. What every record may keep stays: its title, its status, its notes, its links, a date on
a record of something that happens, and any field whose words the idea says elsewhere ("with
the price"). A record the founder says nothing about keeps the catalogue's fields as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from livebuild.brief.model import Entity, Field
from livebuild.english.said_of import as_singular

# Fields any record keeps whatever the founder lists of it.
_BASICS = frozenset({"status", "notes"})


def idea_words(text: str) -> frozenset[str]:
    """The words of an idea and their singulars, to tell a field the idea says elsewhere."""
    words = re.findall(r"[a-z]+", text.lower())
    return frozenset(words) | frozenset(as_singular(w) for w in words)


def _said_elsewhere(field: Field, words: frozenset[str]) -> bool:
    label = re.findall(r"[a-z]+", field.label.lower())
    return bool(label) and all(w in words or as_singular(w) in words for w in label)


def _kept(field: Field, said: list[Field], words: frozenset[str], event: bool) -> bool:
    parts = set(field.name.split("_"))
    return (
        field.name in _BASICS
        or field.kind == "link"
        or (event and field.kind == "date")
        or any(parts & set(f.name.split("_")) for f in said)
        or _said_elsewhere(field, words)
    )


def only_said(entity: Entity, said: list[Field], words: frozenset[str], event: bool) -> Entity:
    """`entity` without the catalogue's fields beside the details `said` of it: kept are its
    title, status, notes, links, fields sharing a word with a said detail, fields whose words
    the idea says (`words`), and a date when it is a record of something that happens."""
    gone = {f.name for f in entity.fields[1:] if not _kept(f, said, words, event)}
    if not gone:
        return entity
    return entity.without(gone)


def _says_a_field(feature: str, entities: Sequence[Entity]) -> bool:
    """Whether a "See ..." feature only repeats a question kept as a field: "See what I
    charged" beside "What I charged"; "See which jobs are still unpaid" beside Jobs' "Unpaid"."""
    words = re.findall(r"[a-z]+", feature.lower())
    if words[:1] != ["see"]:
        return False
    said = words[1:]
    for entity in entities:
        kind = set(re.findall(r"[a-z]+", f"{entity.singular} {entity.plural}".lower()))
        for field in entity.fields[1:]:
            label = re.findall(r"[a-z]+", field.label.lower())
            if said == label and len(label) > 1:
                return True
            if field.kind == "boolean" and set(label) <= set(said) and kind & set(said):
                return True
    return False


def features_not_fields(features: Sequence[str], entities: Sequence[Entity]) -> list[str]:
    """`features` without those that only repeat a detail the plan keeps as a field."""
    return [f for f in features if not _says_a_field(f, entities)]
