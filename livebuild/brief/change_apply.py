"""Making typed change operations on the plan, each checked before it is made.

An operation names the plan's records by slug and fields by key; one that names something
the plan no longer has, or that would leave a plan the app can't be built from, is refused
with a plain reason and changes nothing. Each made operation is checked by the same rules
as a plan the founder edits by hand (`merge_plan`), which also gives new fields sample values.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import replace

from livebuild.brief.change_intents import Already, Refused, listing
from livebuild.brief.change_move import move_field, move_to_kind
from livebuild.brief.change_names import already_kept, find_entity
from livebuild.brief.change_ops import (
    AddChoices,
    AddEntity,
    AddField,
    Cannot,
    ChangeKind,
    FeatureOff,
    FeatureOn,
    MoveField,
    MoveFieldTo,
    Operation,
    RemoveEntity,
    RemoveField,
    RenameEntity,
    RenameField,
    Reorder,
    SetColour,
    SetName,
    SetTagline,
    SetTheme,
    Suggestion,
)
from livebuild.brief.change_words import label
from livebuild.brief.colours import accent_is_rules, dark_theme, light_theme, recolour
from livebuild.brief.model import (
    FIELD_KINDS,
    KIND_PHRASES,
    MAX_ENTITIES,
    MAX_FEATURES,
    MAX_FIELDS,
    Brief,
    Entity,
    Field,
)
from livebuild.brief.renames import carry_renames
from livebuild.brief.schema import CHOICE_MAX, MAX_CHOICES
from livebuild.brief.text import plural, singular
from livebuild.brief.validate import merge_plan
from livebuild.core.errors import Unprocessable
from livebuild.english.forms import is_plural
from livebuild.english.forms import plural as dictionary_plural
from livebuild.english.forms import singular as dictionary_singular
from livebuild.english.grammar import is_person, with_article


def takes(brief: Brief, operation: Operation) -> bool:
    """Whether the plan takes `operation` as it stands (no whole-plan check: a quick look)."""
    if isinstance(operation, Cannot):
        return True
    try:
        _made(brief, operation)
    except (Refused, Unprocessable):
        return False
    return True


def apply_operation(brief: Brief, operation: Operation) -> tuple[Brief, str]:
    """`brief` with `operation` made, and what was made in words; raises `Refused`."""
    if isinstance(operation, Cannot):
        raise Refused(operation.why)
    changed, said = _made(brief, operation)
    if changed is brief:
        return brief, said
    changed = _titles_typed_again(changed)
    try:
        checked = merge_plan(brief, _patch(brief, changed))
    except Unprocessable as refusal:
        raise Refused(refusal.detail) from None
    return checked, said


def _titles_typed_again(brief: Brief) -> Brief:
    """A title picked from a kind the change removed is typed again: the app writes each
    record's picked name back into it."""
    slugs = {entity.slug for entity in brief.entities}
    entities = tuple(
        replace(e, fields=(replace(e.fields[0], kind="text", links_to=""), *e.fields[1:]))
        if e.fields[0].kind == "link" and e.fields[0].links_to not in slugs
        else e
        for e in brief.entities
    )
    return replace(brief, entities=entities)


def _patch(before: Brief, after: Brief) -> dict[str, object]:
    """The keys an operation changed, in the shape a hand-edited plan is checked in."""
    old, new = before.to_dict(), after.to_dict()
    keys = ("product_name", "tagline", "problem", "target_users", "features", "entities", "theme")
    return {k: new[k] for k in keys if new[k] != old[k]}


def _entity(brief: Brief, slug: str) -> Entity:
    found = next((e for e in brief.entities if e.slug == slug), None)
    if found is None:
        raise Refused("That part of the plan has changed since; please ask again.")
    return found


def _field(entity: Entity, name: str) -> Field:
    found = next((f for f in entity.fields if f.name == name), None)
    if found is None:
        raise Refused(f"{entity.plural} no longer have that field; please ask again.")
    return found


def _swap(brief: Brief, old: Entity, new: Entity) -> Brief:
    return replace(brief, entities=tuple(new if e is old else e for e in brief.entities))


def _column(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "field"


# Plurals that don't end in "s", and words that are the same either way.
_IRREGULAR = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "mice": "mouse",
    "geese": "goose",
    "feet": "foot",
    "teeth": "tooth",
}
_SAME = frozenset(
    {"staff", "sheep", "fish", "series", "data", "equipment", "news", "species", "homework"}
    | {"feedback", "inventory", "furniture", "clothing", "information", "advice", "research"}
    | {"attendance", "maintenance", "software", "music", "food"}
)


def _names(name: str) -> tuple[str, str]:
    """Singular and plural of a name said either way: "Invoices" or "Invoice"."""
    name = label(name)
    words = name.split()
    last = words[-1]
    lowered = last.lower()
    if lowered in _SAME:
        return name, name
    if lowered in _IRREGULAR:
        return label(" ".join([*words[:-1], _IRREGULAR[lowered]])), name
    many = {one: many for many, one in _IRREGULAR.items()}
    if lowered in many:
        return name, label(" ".join([*words[:-1], many[lowered]]))
    one = singular(lowered)
    if one == lowered and lowered.endswith("is") and is_plural(lowered):
        one = dictionary_singular(lowered)  # "tipis" is the plural of "tipi", not a "tipises"
    if one != last.lower():
        single = " ".join([*words[:-1], last[: len(one)] if last.lower().startswith(one) else one])
        return label(single), name
    # A singular ending in s is declined by the dictionary: "tennis" stays, "axis" -> "axes".
    many_last = dictionary_plural(lowered) if lowered.endswith("s") else plural(last)
    return name, label(" ".join([*words[:-1], many_last]))


def _made(brief: Brief, op: Operation) -> tuple[Brief, str]:
    if isinstance(op, SetName):
        if op.name == brief.product_name:
            return brief, f"The app is already called {op.name}."
        return replace(brief, product_name=op.name), (
            f"Renamed the app from {brief.product_name} to {op.name}."
        )
    if isinstance(op, SetTagline):
        return replace(brief, tagline=op.text), f"Changed the tagline to \u201c{op.text}\u201d."
    if isinstance(op, SetTheme):
        if op.dark:
            return replace(brief, theme=dark_theme(brief.theme)), "Switched to a dark theme."
        return replace(brief, theme=light_theme(brief.theme)), "Switched to a light theme."
    if isinstance(op, SetColour):
        what = "accent colour" if op.accent else "main colour"
        theme = recolour(
            brief.theme, op.colour, accent=op.accent, accent_follows=accent_is_rules(brief)
        )
        made = theme.accent if op.accent else theme.primary
        said = f"Made the {what} {as_made(op, made)}"
        if not op.accent and theme.accent != brief.theme.accent:
            # The logo and the dashboard bars fade into the accent: say it moved too.
            said += ". The accent colour moved to a matching shade, so the two fit together"
        return replace(brief, theme=theme), f"{said}."
    if isinstance(op, FeatureOn | FeatureOff | Reorder):
        return _features_and_order(brief, op)
    if isinstance(op, AddEntity | RemoveEntity | RenameEntity):
        return _entities(brief, op)
    return _fields(brief, op)


_DARKER = 0.05  # how much darker (HLS lightness) a made colour is before the founder is told
_LIGHT_SHADE = re.compile(r"^(?:light|lighter|pale|paler|bright|brighter|soft|pastel)\s+", re.I)


def _lightness(colour: str) -> float:
    return colorsys.rgb_to_hls(*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)))[1]


def as_made(op: SetColour, made: str) -> str:
    """The colour as the app shows it: a yellow or gold is darkened until white text on it
    reads, and the founder is told so rather than told "yellow"."""
    if _lightness(op.colour) - _lightness(made) < _DARKER:
        return op.said
    return f"a darker {_LIGHT_SHADE.sub('', op.said)}, so text on it stays readable"


def _features_and_order(brief: Brief, op: FeatureOn | FeatureOff | Reorder) -> tuple[Brief, str]:
    if isinstance(op, FeatureOn):
        if len(brief.features) >= MAX_FEATURES:
            raise Refused("The home page already shows six features; turn one off first.")
        return replace(
            brief, features=(*brief.features, op.text)
        ), f"Turned on \u201c{op.text}\u201d."
    if isinstance(op, FeatureOff):
        if op.feature not in brief.features:
            raise Already(f"\u201c{op.feature}\u201d is already off.")
        features = tuple(f for f in brief.features if f != op.feature)
        return replace(brief, features=features), f"Turned off \u201c{op.feature}\u201d."
    moving = _entity(brief, op.entity)
    rest = [e for e in brief.entities if e is not moving]
    at = len(rest) if op.position is None else min(op.position, len(rest))
    rest.insert(at, moving)
    where = "first" if at == 0 else "last" if at == len(rest) - 1 else f"to position {at + 1}"
    return replace(brief, entities=tuple(rest)), f"Moved {moving.plural} {where} in the navigation."


def _entities(brief: Brief, op: AddEntity | RemoveEntity | RenameEntity) -> tuple[Brief, str]:
    if isinstance(op, AddEntity):
        if len(brief.entities) >= MAX_ENTITIES:
            raise Refused(
                f"Your app already keeps {MAX_ENTITIES} kinds of records, the most we build; "
                f"remove one to make room for {op.name}."
            )
        one, many = _names(op.name)
        fields = [Field("name", "Name", "text")]
        for field_label, kind, choices in op.fields[: MAX_FIELDS - 1]:
            if _column(field_label) not in {f.name for f in fields} and kind in FIELD_KINDS:
                # "which driver": picked from the plan's Drivers, or typed when it keeps none
                picked = _kept_kind(brief, field_label) if kind == "link" else None
                kind = kind if kind != "link" or picked is not None else "text"
                linked = picked.slug if picked is not None else ""
                fields.append(Field(_column(field_label), field_label, kind, choices, linked))
        if len(fields) == 1:
            fields.append(Field("notes", "Notes", "longtext"))
        entity = Entity(
            one, many, re.sub(r"[^a-z0-9]+", "-", many.lower()).strip("-"), tuple(fields), ()
        )
        described = listing([f.label.lower() for f in fields[1:]])
        return replace(brief, entities=(*brief.entities, entity)), (
            f"Added {with_article(many)} page with {described}."
        )
    entity = _entity(brief, op.entity)
    if isinstance(op, RemoveEntity):
        if len(brief.entities) == 1:
            raise Refused(
                f"{entity.plural} are the only records your app keeps, so they stay; "
                "add another kind of record first."
            )
        kept = tuple(e for e in brief.entities if e is not entity)
        return replace(brief, entities=kept), f"Removed the {entity.plural} page."
    one, many = _names(op.new)
    if many == entity.plural:
        return brief, f"{entity.plural} are already called that."
    if any(
        e is not entity and many.lower() in (e.plural.lower(), e.singular.lower())
        for e in brief.entities
    ):
        raise Refused(f"Your app already has {many}.")
    slug = re.sub(r"[^a-z0-9]+", "-", many.lower()).strip("-")
    renamed = replace(entity, singular=one, plural=many, slug=slug)
    pairs = [(entity.plural, many), (entity.singular, one)]
    changed = carry_renames(_swap(brief, entity, renamed), pairs, moved={entity.slug: slug})
    return changed, f"Renamed {entity.plural} to {many}."


def _fields(brief: Brief, op: Operation) -> tuple[Brief, str]:
    if isinstance(op, AddField):
        return _add_field(brief, op)
    if isinstance(op, AddChoices):
        return _add_choices(brief, op)
    if isinstance(op, ChangeKind):
        return _change_kind(brief, op)
    if isinstance(op, RemoveField):
        owner = _entity(brief, op.entity)
        target = _field(owner, op.field)
        if len(owner.fields) == 1:
            raise Refused(f"{target.label} is the only field of {owner.plural}, so it stays.")
        fields = tuple(f for f in owner.fields if f is not target)
        seed = tuple({k: v for k, v in row.items() if k != target.name} for row in owner.seed)
        return _swap(brief, owner, replace(owner, fields=fields, seed=seed)), (
            f"Removed the {target.label} field from {owner.plural}."
        )
    if isinstance(op, MoveField):
        return move_field(brief, op)
    if isinstance(op, MoveFieldTo):
        return move_to_kind(brief, op)
    assert isinstance(op, RenameField)
    owner = _entity(brief, op.entity)
    target = _field(owner, op.field)
    new_label, name = label(op.new), _column(op.new)
    if any(f.name == name and f is not target for f in owner.fields):
        raise Refused(f"There is already a field called {new_label} on {owner.plural}.")
    updated = replace(target, name=name, label=new_label)
    seed = tuple(
        {(name if k == target.name else k): v for k, v in row.items()} for row in owner.seed
    )
    fields = tuple(updated if f is target else f for f in owner.fields)
    changed = _swap(brief, owner, replace(owner, fields=fields, seed=seed))
    changed = carry_renames(changed, [(target.label, new_label)], records=False)
    return changed, f"Renamed the {target.label} field of {owner.plural} to {new_label}."


def _add_field(brief: Brief, op: AddField) -> tuple[Brief, str]:
    owner = _entity(brief, op.entity)
    name = _column(op.label)
    same = next(
        (f for f in owner.fields if f.name == name or f.label.lower() == op.label.lower()), None
    )
    # "add a notes box" beside Notes: the field is there already, not made twice.
    same = same or already_kept(owner, op.label)
    if same is not None:
        return brief, f"There is already a {same.label} field on {owner.plural}: nothing added."
    if len(owner.fields) >= MAX_FIELDS:
        raise Refused(
            f"There are already {MAX_FIELDS} fields on {owner.plural}, the most we build."
        )
    if op.kind not in FIELD_KINDS:
        raise Refused(f"We can't build a field of that kind for {op.label}.")
    kept = _kept_kind(brief, op.label) if op.kind == "link" else None
    if op.kind == "link" and (kept is None or kept is owner):
        raise _no_list(brief, owner, op.label)
    added = Field(name, op.label, op.kind, op.choices, links_to=kept.slug if kept else "")
    changed = _swap(brief, owner, replace(owner, fields=(*owner.fields, added)))
    if kept is not None:
        return changed, (
            f"Added {added.label} to {owner.plural}, picked from your {kept.plural.lower()}."
        )
    return changed, f"Added {_describe(added)} to {owner.plural}."


def _describe(field: Field) -> str:
    if field.kind == "boolean" or (field.kind == "choice" and field.choices == ("Yes", "No")):
        return f"{field.label.lower()} (yes or no)"
    if field.kind == "choice":
        options = ", ".join(field.choices[:-1]) + " or " + field.choices[-1]
        return f"{field.label[:1].lower() + field.label[1:]} ({options})"
    return field.label if field.label.isupper() else field.label[:1].lower() + field.label[1:]


def _add_choices(brief: Brief, op: AddChoices) -> tuple[Brief, str]:
    owner = _entity(brief, op.entity)
    target = _field(owner, op.field)
    if target.kind != "choice":
        raise Refused(
            f"{target.label} is {KIND_PHRASES.get(target.kind, 'text')}, not a choice; say "
            f"\u201cmake {target.label.lower()} a choice of {', '.join(op.choices)}\u201d instead."
        )
    new = [v for v in op.choices if v.lower() not in {c.lower() for c in target.choices}]
    if not new:
        return brief, f"{target.label} already offers {listing(list(op.choices))}."
    updated = replace(target, choices=(*target.choices, *new)[:12])
    fields = tuple(updated if f is target else f for f in owner.fields)
    return _swap(brief, owner, replace(owner, fields=fields)), (
        f"Added {listing(new)} to the {target.label} choices."
    )


def _kept_kind(brief: Brief, said: str) -> Entity | None:
    """The plan's record kind a field's label names ("Teacher": Teachers), if any."""
    found = find_entity(brief, said)
    return found.entity if found is not None and found.sure else None


def _no_list(brief: Brief, owner: Entity, said: str) -> Refused:
    """A link whose kind the plan doesn't keep is never made: the refusal offers the kind it
    may mean (a slip of the keys, or its one kind of people for a person's role, "coach"),
    else says what the app keeps."""
    message = f"We couldn't find a list of {plural(said.lower())} to pick from."
    found = find_entity(brief, said)
    if found is not None and found.entity is owner:
        return Refused(
            f"{said} can't be picked from your {owner.plural.lower()}: "
            f"{with_article(owner.singular.lower())} can't pick from its own list."
        )
    near = found.entity if found is not None and found.entity is not owner else None
    people = [e for e in brief.entities if e is not owner and is_person(e.plural)]
    if near is None and is_person(said) and len(people) == 1:
        near = people[0]
    if near is None:
        kept = listing([e.plural for e in brief.entities])
        return Refused(f"{message} Your app keeps {kept}.")
    request = (
        f"the {said.lower()} on {with_article(owner.singular.lower())} should be one of our "
        f"{near.plural.lower()}"
    )
    return Refused(
        message,
        Suggestion(
            f"Did you mean to pick it from your {near.plural.lower()}? Say “{request}” to make it.",
            request,
        ),
    )


def _stays_text(owner: Entity, target: Field) -> Refused:
    return Refused(
        f"{target.label} is what each of your {owner.plural.lower()} is called, so it stays text."
    )


def _title_picked(brief: Brief, owner: Entity, target: Field, kept: Entity) -> None:
    """A title may be picked from another kind whose own title is typed, and only where no
    kind is called by one of `owner`'s records: a name always reads as written somewhere."""
    if kept is owner:
        raise _stays_text(owner, target)
    named_by = [e for e in brief.entities if e.fields[0].links_to == owner.slug and e is not owner]
    if kept.fields[0].kind == "link" or named_by:
        picked = kept if kept.fields[0].kind == "link" else named_by[0]
        raise Refused(
            f"{target.label} is what each of your {owner.plural.lower()} is called, and your "
            f"{picked.plural.lower()} are already called by a record they pick, so it stays text."
        )


def _change_kind(brief: Brief, op: ChangeKind) -> tuple[Brief, str]:
    owner = _entity(brief, op.entity)
    target = _field(owner, op.field)
    titled = owner.fields[0] is target
    if titled and op.kind not in ("text", "longtext", "link"):
        raise _stays_text(owner, target)
    choices = op.choices or (target.choices if op.kind == "choice" else ())
    kept = (
        _kept_kind(brief, target.label) if op.kind in ("choice", "link") and not choices else None
    )
    if kept is owner:
        kept = None  # never a pick of its own list: said plainly below
    if op.kind == "link" and op.to:
        # "the winner of a heat has to be one of our drivers": the kind it is picked from said
        kept = _entity(brief, op.to)
        if kept is owner:
            raise Refused(f"{target.label} can't be picked from {owner.plural} themselves.")
    if titled and kept is not None:
        _title_picked(brief, owner, target, kept)
    if kept is not None:
        # "teacher should be picked from a list": the plan keeps Teachers, so each class
        # picks one of them.
        linked = replace(target, kind="link", choices=(), links_to=kept.slug)
        fields = tuple(linked if f is target else f for f in owner.fields)
        said = f"{target.label} is now picked from your {kept.plural.lower()}." + (
            f" Each {owner.singular.lower()} is called by its {kept.singular.lower()}'s name;"
            f" one whose {kept.singular.lower()} isn't on your list keeps the name as written."
            if titled
            else ""
        )
        return _swap(brief, owner, replace(owner, fields=fields)), said
    if op.kind == "link":
        raise _no_list(brief, owner, target.label)
    if op.kind == "choice" and not choices:
        # "only ever 3 campaigns, so a dropdown?": the values its records already hold.
        choices = _in_use(owner, target)
    if op.kind == "choice" and not choices:
        raise Refused(
            f"To make {target.label} a choice, say which options it offers, like "
            f"\u201cmake {target.label.lower()} a choice of Open, Done\u201d."
        )
    if op.kind == target.kind and (op.kind != "choice" or choices == target.choices):
        return brief, f"{target.label} is already {KIND_PHRASES[op.kind]}."
    updated = replace(target, kind=op.kind, choices=choices if op.kind == "choice" else ())
    fields = tuple(updated if f is target else f for f in owner.fields)
    changed = _swap(brief, owner, replace(owner, fields=fields))
    if op.kind == "choice" and target.kind == "choice":
        return changed, f"{target.label} now offers {listing(list(choices))}."
    if op.kind == "choice" and not op.choices:
        return changed, (
            f"Made {target.label} a choice of {listing(list(choices))}, the values your records "
            f"give it; add others with \u201cadd X to the {target.label.lower()} choices\u201d."
        )
    return changed, f"Made {target.label} {KIND_PHRASES[op.kind]}."


def _in_use(owner: Entity, target: Field) -> tuple[str, ...]:
    """The values the plan's sample records give `target`, when a few short ones do."""
    said = [str(row.get(target.name, "")).strip() for row in owner.seed]
    given = [v for v in said if v]
    found = tuple(dict.fromkeys(v for v in given if len(v) <= CHOICE_MAX))
    # A few values said again and again are options; one each ("Sample bakery 3") are not.
    return found if 2 <= len(found) <= MAX_CHOICES and len(found) < len(given) else ()
