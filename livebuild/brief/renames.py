"""A renamed record kind or field carried through the plan: the tagline, the problem, the
features, the sample rows and the fields named after it say the new name ("Pet profiles with
care notes" becomes "Animal profiles ..."); in the audience, where the old name only describes
another noun ("a bike repair co-op") it is the business's own word and stays."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from livebuild.brief.model import Brief, Entity, Field
from livebuild.english import nlp


def _replacer(pairs: list[tuple[str, str]]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    table = {old.lower(): new for old, new in pairs if old and old.lower() != new.lower()}
    if not table:
        return None
    alternatives = "|".join(re.escape(o) for o in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE), table


def _in_case(found: str, new: str) -> str:
    if found.islower():
        return new.lower() if not new.isupper() else new
    if found.isupper() and len(found) > 1:
        return new.upper()
    return new[:1].upper() + new[1:]


def _modifiers(text: str) -> frozenset[int]:
    """Where a word in `text` starts that only modifies a noun after it ("bike" in "a bike
    repair co-op", "bike owner"): the business's own words, not a mention of the kind."""
    try:
        doc = nlp.parsed(text)
    except nlp.EnglishUnavailable:
        return frozenset()
    return frozenset(
        token.idx
        for token in doc
        if token.dep_ in ("compound", "amod", "nmod")
        and token.head.i > token.i
        and token.head.pos_ in ("NOUN", "PROPN")
    )


def _swap_words(
    text: str, pattern: re.Pattern[str], table: dict[str, str], *, keep_modifiers: bool = False
) -> str:
    """`text` with each whole mention of an old name said with its new one; with
    `keep_modifiers` (text about the business, not the plan), a name that only modifies
    another noun stays (it describes something else)."""
    matches = list(pattern.finditer(text))
    if not matches:
        return text
    modifiers = _modifiers(text) if keep_modifiers else frozenset()
    out: list[str] = []
    position = 0
    for match in matches:
        last_word = match.start() + match.group(0).rfind(" ") + 1
        kept = last_word in modifiers
        new = match.group(0) if kept else _in_case(match.group(0), table[match.group(0).lower()])
        out += [text[position : match.start()], new]
        position = match.end()
    return "".join(out) + text[position:]


def carry_renames(
    brief: Brief,
    pairs: list[tuple[str, str]],
    *,
    records: bool = True,
    moved: Mapping[str, str] | None = None,
) -> Brief:
    """`brief` with each old name in `pairs` (longest first) replaced by its new one; with
    `records` (a record kind renamed), the tagline, problem and audience say the new name and
    fields named after it and sample rows follow too; without (a field renamed), only the
    features do: "across notes, spreadsheets and messages" is not the Notes field. The
    audience describes the business, so there a name that modifies another noun stays ("A bike
    repair co-op"); everywhere else the plan names the kind. `moved` points links at a renamed
    list's new web address."""
    brief = replace(brief, entities=tuple(relinked(e, moved or {}) for e in brief.entities))
    found = _replacer(pairs)
    if found is None:
        return brief
    pattern, table = found

    def swap(text: str) -> str:
        return _swap_words(text, pattern, table)

    features = tuple(swap(f) for f in brief.features)
    if not records:
        return replace(brief, features=features)
    return replace(
        brief,
        tagline=swap(brief.tagline),
        problem=swap(brief.problem),
        target_users=_swap_words(brief.target_users, pattern, table, keep_modifiers=True),
        features=features,
        entities=tuple(_entity(e, pattern, table) for e in brief.entities),
    )


def relinked(entity: Entity, moved: Mapping[str, str]) -> Entity:
    """`entity` with its links to a list that moved pointed at that list's new web address."""
    if not any(f.kind == "link" and f.links_to in moved for f in entity.fields):
        return entity
    fields = tuple(
        replace(f, links_to=moved[f.links_to]) if f.kind == "link" and f.links_to in moved else f
        for f in entity.fields
    )
    return replace(entity, fields=fields)


def _entity(entity: Entity, pattern: re.Pattern[str], table: dict[str, str]) -> Entity:
    renamed: dict[str, str] = {}
    fields: list[Field] = []
    for field in entity.fields:
        if field.label.lower() in table:
            label = table[field.label.lower()]
            name = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40] or field.name
            if name not in {f.name for f in entity.fields}:
                renamed[field.name] = name
                field = replace(field, name=name, label=label)
        fields.append(field)
    seed = tuple(
        {renamed.get(k, k): _swap_words(v, pattern, table) for k, v in row.items()}
        for row in entity.seed
    )
    return replace(entity, fields=tuple(fields), seed=seed)
