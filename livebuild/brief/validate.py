"""The founder's corrections to the plan: checked, merged into the brief, made buildable.

A partial brief replaces each top-level key it holds. Whatever the founder names
(in any language) is built as named once it is cleaned of control characters and
secrets; a shape the app can't be built from is refused with a message that says
what to change and a `where` path pointing at it.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from livebuild.brief.model import Brief, Entity, Field, Theme
from livebuild.brief.renames import relinked
from livebuild.brief.samples import sample_rows
from livebuild.brief.schema import (
    COLUMN_MAX,
    ENTITY_NAME_MAX,
    FONT_MAX,
    MAX_ENTITIES,
    MAX_FIELDS,
    MAX_SEED,
    RESERVED_COLUMNS,
    RESERVED_SLUGS,
    SLUG_MAX,
    VALUE_MAX,
    BriefPlan,
    EntityPlan,
    clean,
)
from livebuild.brief.text import plural as english_plural
from livebuild.brief.units import fit_units
from livebuild.core.errors import Unprocessable

# The app's own pages, by the address an entity's list would take from them.
_ROUTE_NAMES = {
    "static": "its images and styles",
    "healthz": "its status check",
    "dashboard": "its dashboard",
    "about": "its About page",
    "new": "adding records",
    "favicon-ico": "its icon",
}


# ------------------------------------------------------------------ errors


def _describe(loc: Sequence[str | int], raw: Any) -> str:
    """Where in the plan an error is, in words: "Walks, field “Price”: "."""
    parts: list[str] = []
    node: Any = raw
    for i in range(0, len(loc) - 1, 2):
        key, step = loc[i], loc[i + 1]
        items = node.get(key) if isinstance(node, Mapping) and isinstance(key, str) else None
        if not isinstance(items, list) or not isinstance(step, int) or step >= len(items):
            break
        node = items[step]
        if not isinstance(node, Mapping):
            break
        if key == "entities":
            parts.append(str(node.get("singular") or f"thing {step + 1}"))
        elif key == "fields":
            label = node.get("label")
            parts.append(f"field “{label}”" if label else f"field {step + 1}")
    return ", ".join(clean(p)[:40] for p in parts) + ": " if parts else ""


def _invalid(error: ValidationError, raw: Mapping[str, Any]) -> Unprocessable:
    item = error.errors()[0]
    loc = tuple(item.get("loc", ()))
    kind = item.get("type", "")
    field = str(loc[-1]) if loc else ""
    if kind == "value_error":
        message = str(item.get("msg", "")).removeprefix("Value error, ")
    elif kind == "missing":
        message = f"Please include {'a field name' if field == 'label' else field}."
    elif kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        message = f"“{field}” isn't in the right shape."
    else:
        message = f"“{field}” isn't valid."
    where = ".".join(str(p) for p in ("brief", *loc))
    return Unprocessable(_describe(loc, raw) + message, where)


def _refuse(message: str, *loc: str | int) -> Unprocessable:
    return Unprocessable(message, ".".join(str(p) for p in ("brief", *loc)))


# ------------------------------------------------------------------ names and slugs


def _ascii(text: str) -> str:
    # casefold first, so "ß" becomes "ss" rather than nothing.
    return unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()


def _column(text: str) -> str:
    column = re.sub(r"[^a-z0-9]+", "_", _ascii(text)).strip("_")[:COLUMN_MAX].strip("_")
    if column[:1].isdigit():
        column = "f_" + column
    if column in RESERVED_COLUMNS:
        column += "_value"
    return column


def _plural_of(singular: str) -> str:
    # English endings only where the word ends in a Latin letter; other scripts keep the word.
    return english_plural(singular) if _ascii(singular[-1:]).isalpha() else singular


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text)).strip("-")[:SLUG_MAX].strip("-")


# ------------------------------------------------------------------ merging


def _fields(plan: EntityPlan, e: int) -> tuple[Field, ...]:
    if not plan.fields:
        raise _refuse(f"{plan.singular} needs at least one field.", "entities", e, "fields")
    if len(plan.fields) > MAX_FIELDS:
        raise _refuse(
            f"{plan.singular} has {len(plan.fields)} fields; please keep it to {MAX_FIELDS}.",
            "entities",
            e,
            "fields",
        )
    title = plan.fields[0]
    # A title may be picked from another kind ("each visit is for one of our patients").
    if title.kind not in ("text", "longtext") and not (title.kind == "link" and title.links_to):
        raise _refuse(
            f"{plan.singular}, field “{title.label}”: the first field is each record's title, "
            "so it has to be text or one of another kind's records.",
            "entities",
            e,
            "fields",
            0,
            "kind",
        )
    labels: set[str] = set()
    names: set[str] = set()
    fields: list[Field] = []
    for f, field in enumerate(plan.fields):
        if field.label.casefold() in labels:
            raise _refuse(
                f"{plan.singular} has two fields called “{field.label}”; please rename one.",
                "entities",
                e,
                "fields",
                f,
                "label",
            )
        labels.add(field.label.casefold())
        given = _column(field.name) if field.name else ""
        if given and given in names:
            raise _refuse(
                f"{plan.singular} has two fields named “{field.name}”; please rename one.",
                "entities",
                e,
                "fields",
                f,
                "name",
            )
        base = given or _column(field.label) or f"field_{f + 1}"
        name, n = base, 2
        while name in names:
            name, n = f"{base}_{n}", n + 1
        names.add(name)
        target = clean(field.links_to or "")[:60] if field.kind == "link" else ""
        fields.append(Field(name, field.label, field.kind, tuple(field.choices), target))
    return tuple(fields)


def _entities(plans: list[EntityPlan], old: tuple[Entity, ...], idea: str) -> tuple[Entity, ...]:
    if not plans:
        raise _refuse("Your app needs at least one thing to keep track of.", "entities")
    if len(plans) > MAX_ENTITIES:
        raise _refuse(
            f"That's {len(plans)} things to keep track of; please keep it to {MAX_ENTITIES}.",
            "entities",
        )
    names: set[str] = set()
    slugs: set[str] = set()
    drafts: list[tuple[Entity, list[dict[str, str]]]] = []
    for e, plan in enumerate(plans):
        plural = plan.plural or _plural_of(plan.singular)
        if len(plural) > ENTITY_NAME_MAX:
            raise _refuse(
                f"The name “{plural[:ENTITY_NAME_MAX]}…” is too long; please keep it under "
                f"{ENTITY_NAME_MAX} characters.",
                "entities",
                e,
                "plural",
            )
        for name in {plan.singular.casefold(), plural.casefold()}:
            if name in names:
                raise _refuse(
                    f"Two things are called “{plan.singular}”; please rename one.",
                    "entities",
                    e,
                    "singular",
                )
            names.add(name)
        slug = _slug(plan.slug) if plan.slug is not None else _slug(plural) or f"list-{e + 1}"
        if not slug:
            raise _refuse(
                "A web address can use letters, digits and dashes.", "entities", e, "slug"
            )
        if slug in RESERVED_SLUGS:
            raise _refuse(
                f"{plural} would live at /{slug}, which the app already uses for "
                f"{_ROUTE_NAMES.get(slug, 'one of its own pages')}. Please choose another name.",
                "entities",
                e,
                "slug" if plan.slug is not None else "singular",
            )
        if slug in slugs:
            raise _refuse(
                f"{plural} would share its web address /{slug} with another list; "
                "please choose another name.",
                "entities",
                e,
                "slug" if plan.slug is not None else "singular",
            )
        slugs.add(slug)
        entity = Entity(plan.singular, plural, slug, _fields(plan, e), ())
        drafts.append((entity, _rows(plan, entity, old, e)))
    drafts = _relinked(drafts, old)
    _title_links([entity for entity, _ in drafts])
    # Twice: a field named after another entity ("Pet" on a visit) lists that entity's
    # records, which exist only once every entity has its rows.
    titles: dict[str, tuple[str, ...]] = {}
    for _ in range(2):
        built = tuple(
            dataclasses.replace(entity, seed=sample_rows(entity, rows, idea, titles))
            for entity, rows in drafts
        )
        titles = {}
        for entity in built:
            column = tuple(row[entity.fields[0].name] for row in entity.seed)
            titles[entity.singular.casefold()] = column
            titles[entity.plural.casefold()] = column
    # A detail added later ("add a rate per word") is sampled to fit its unit, as the
    # idea's own are.
    return tuple(fit_units(built, idea))


def _title_links(entities: list[Entity]) -> None:
    """A title picked from another kind names a record of a kind this plan has, not its own,
    whose own title is typed: else the app would show numbers or nothing as names."""
    by_slug = {entity.slug: entity for entity in entities}
    for e, entity in enumerate(entities):
        title = entity.fields[0]
        if title.kind != "link":
            continue
        target = by_slug.get(title.links_to.lower())
        where = ("entities", e, "fields", 0, "links_to")
        said = f"{entity.singular}, field \u201c{title.label}\u201d"
        if target is entity:
            raise _refuse(
                f"{said} can't be picked from your {entity.plural.lower()}: a record can't "
                "be called by one of its own list. Make it text, or pick from another list.",
                *where,
            )
        if target is None:
            raise _refuse(
                f"{said}: your plan has no list at \u201c{title.links_to}\u201d to pick from. "
                "Use the web address of one of its lists, or make it text.",
                *where,
            )
        if target.fields[0].kind == "link":
            raise _refuse(
                f"{said}: your {target.plural.lower()} are themselves called by a record they "
                "pick. Pick from a list whose records have typed names, or make it text.",
                *where,
            )


def _relinked(
    drafts: list[tuple[Entity, list[dict[str, str]]]], old: tuple[Entity, ...]
) -> list[tuple[Entity, list[dict[str, str]]]]:
    """Links follow a renamed list: where the list in a place has a new web address and its
    old one is gone ("Singers" renamed "Voices"), a link to the old address points at the
    new one, instead of the app quietly building it as text."""
    new = {entity.slug for entity, _ in drafts}
    before = {entity.slug for entity in old}
    moved = {
        was.slug: entity.slug
        for (entity, _), was in zip(drafts, old, strict=False)
        if was.slug != entity.slug and was.slug not in new and entity.slug not in before
    }
    return [(relinked(entity, moved), rows) for entity, rows in drafts]


def _rows(
    plan: EntityPlan, entity: Entity, old: tuple[Entity, ...], e: int
) -> list[dict[str, str]]:
    """The sample rows to start from: the ones given, or the same entity's from before."""
    if plan.seed is not None:
        if len(plan.seed) > MAX_SEED:
            raise _refuse(
                f"{entity.singular} has {len(plan.seed)} sample records; please keep it to "
                f"{MAX_SEED}.",
                "entities",
                e,
                "seed",
            )
        return [
            {k: clean(v)[:VALUE_MAX] for k, v in row.items() if v is not None} for row in plan.seed
        ]
    for before in old:
        if before.slug == entity.slug or before.singular.casefold() == entity.singular.casefold():
            return [dict(row) for row in before.seed]
    return []


def merge_plan(current: Brief, patch: Mapping[str, Any], name: str | None = None) -> Brief:
    """`current` with `patch` applied; raises Unprocessable for a plan that can't be built."""
    if name is not None:
        patch = {**patch, "product_name": name}
    try:
        plan = BriefPlan.model_validate(patch)
    except ValidationError as error:
        raise _invalid(error, patch) from None
    changes: dict[str, Any] = {}
    for key in ("product_name", "tagline", "target_users", "problem"):
        value = getattr(plan, key)
        if value is not None:
            changes[key] = value
    if plan.features is not None:
        changes["features"] = tuple(plan.features)
    if plan.theme is not None:
        given = plan.theme.model_dump(exclude_none=True)
        if "font" in given:
            given["font"] = clean(given["font"])[:FONT_MAX] or current.theme.font
        changes["theme"] = Theme(**{**dataclasses.asdict(current.theme), **given})
    if plan.entities is not None:
        changes["entities"] = _entities(plan.entities, current.entities, current.idea)
    return dataclasses.replace(current, **changes)
