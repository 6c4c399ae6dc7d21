"""What really differs between two plans, in plain sentences for the founder."""

from __future__ import annotations

from livebuild.brief.model import KIND_PHRASES, Brief, Entity, Field
from livebuild.english.grammar import with_article


def _listing(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _pairs(old: list[Entity], new: list[Entity]) -> list[tuple[Entity | None, Entity | None]]:
    """Entities matched by slug; what is left unmatched at both ends pairs up as a rename."""
    before = {e.slug: e for e in old}
    after = {e.slug: e for e in new}
    pairs: list[tuple[Entity | None, Entity | None]] = [
        (before[slug], after[slug]) for slug in after if slug in before
    ]
    gone = [e for e in old if e.slug not in after]
    came = [e for e in new if e.slug not in before]
    # A renamed entity keeps its fields, so same fields means the same records renamed.
    for was in list(gone):
        same = next(
            (e for e in came if [f.name for f in e.fields] == [f.name for f in was.fields]), None
        )
        if same is not None:
            pairs.append((was, same))
            gone.remove(was)
            came.remove(same)
    if len(gone) == len(came):
        pairs += list(zip(gone, came, strict=True))
    else:
        pairs += [(e, None) for e in gone] + [(None, e) for e in came]
    return pairs


def _moved(pairs: list[tuple[Entity | None, Entity | None]]) -> list[tuple[Field, str, str]]:
    """Fields one record kind lost and exactly one other gained, as (field, from, to) slugs."""
    kept = [(was, now) for was, now in pairs if was is not None and now is not None]
    moved: list[tuple[Field, str, str]] = []
    for was, now in kept:
        for field in [f for f in was.fields if f.name not in {n.name for n in now.fields}]:
            gained = [
                n
                for w, n in kept
                if n is not now
                and any(f.name == field.name and f.kind == field.kind for f in n.fields)
                and field.name not in {f.name for f in w.fields}
            ]
            if len(gained) == 1:
                moved.append((field, now.slug, gained[0].slug))
    return moved


def _field_changes(old: Entity, new: Entity, skip: frozenset[str] = frozenset()) -> list[str]:
    lines: list[str] = []
    before = {f.name: f for f in old.fields}
    after = {f.name: f for f in new.fields}
    gone = [f for f in old.fields if f.name not in after and f.name not in skip]
    came = [f for f in new.fields if f.name not in before and f.name not in skip]
    renamed: list[tuple[Field, Field]] = []
    if len(gone) == len(came) == 1:
        renamed = [(gone[0], came[0])]
        gone, came = [], []
    for was, now in renamed:
        lines.append(f"Renamed the {was.label} field of {new.plural} to {now.label}")
    if came:
        lines.append(f"Added {_listing([f.label.lower() for f in came])} to {new.plural}")
    if gone:
        lines.append(f"Removed {_listing([f.label.lower() for f in gone])} from {new.plural}")
    for name, now in after.items():
        old_field = before.get(name) or next((w for w, n in renamed if n is now), None)
        if old_field is None:
            continue
        if old_field.kind != now.kind:
            kind = KIND_PHRASES.get(now.kind, now.kind)
            lines.append(f"{now.label} on {new.plural} is now {kind}")
        elif old_field.label != now.label and (old_field, now) not in renamed:
            lines.append(f"Renamed the {old_field.label} field of {new.plural} to {now.label}")
        added = [c for c in now.choices if c not in old_field.choices]
        if added and old_field.kind == now.kind:
            lines.append(f"Added {_listing(added)} to the {now.label} choices")
    return lines


def describe_changes(old: Brief, new: Brief) -> list[str]:
    lines: list[str] = []
    if old.product_name != new.product_name:
        lines.append(f"Renamed the app from {old.product_name} to {new.product_name}")
    if old.tagline != new.tagline:
        lines.append(f"New tagline: \u201c{new.tagline}\u201d")
    if old.theme.background != new.theme.background:
        dark = new.theme.background.lower() < "#808080"
        lines.append(f"Switched to a {'dark' if dark else 'light'} theme")
    if old.theme.primary != new.theme.primary or old.theme.accent != new.theme.accent:
        lines.append("New colours")
    pairs = _pairs(list(old.entities), list(new.entities))
    moved = _moved(pairs)
    plural = {e.slug: e.plural for e in new.entities}
    for field, source, target in moved:
        lines.append(f"Moved {field.label} from {plural[source]} to {plural[target]}")
    for was, now in pairs:
        if was is None and now is not None:
            fields = [f.label.lower() for f in now.fields[1:]]
            detail = f" with {_listing(fields)}" if fields else ""
            lines.append(f"Added {with_article(now.plural)} page{detail}")
        elif now is None and was is not None:
            lines.append(f"Removed the {was.plural} page")
        elif was is not None and now is not None:
            if was.plural != now.plural:
                lines.append(f"Renamed {was.plural} to {now.plural}")
            skip = frozenset(f.name for f, a, b in moved if now.slug in (a, b))
            lines += _field_changes(was, now, skip)
    old_order = [e.slug for e in old.entities if e.slug in {n.slug for n in new.entities}]
    new_order = [e.slug for e in new.entities if e.slug in {o.slug for o in old.entities}]
    if old_order != new_order:
        lines.append("New navigation order: " + ", ".join(e.plural for e in new.entities))
    on = [f for f in new.features if f not in old.features]
    off = [f for f in old.features if f not in new.features]
    if on:
        lines.append(f"Turned on {_listing(on)}")
    if off:
        lines.append(f"Turned off {_listing(off)}")
    return lines
