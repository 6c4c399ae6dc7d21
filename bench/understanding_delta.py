"""What a change did to a plan: record kinds and fields added, removed, renamed or altered.

Kinds are paired by name first, then by slug (a renamed kind may keep its slug), then a lone
removed kind with a lone added kind of the same fields counts as renamed. Fields are paired the
same way by label, then by their `name`. The benchmark's judge reads this delta.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bench.understanding_names import same_name


def label(f: dict[str, Any]) -> str:
    return str(f.get("label") or f.get("name") or "")


def entity_names(entity: dict[str, Any]) -> list[str]:
    return [str(entity.get(key)) for key in ("plural", "singular") if entity.get(key)]


def names_entity(entity: dict[str, Any], name: str) -> bool:
    return any(same_name(n, name) for n in entity_names(entity))


@dataclass
class FieldDelta:
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    renamed: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    # Same field before and after, whose kind or choices differ.
    altered: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    order_before: list[str] = field(default_factory=list)
    order_after: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.altered)


@dataclass
class EntityPair:
    before: dict[str, Any]
    after: dict[str, Any]
    fields: FieldDelta

    @property
    def renamed(self) -> bool:
        old, new = entity_names(self.before), entity_names(self.after)
        return not any(same_name(a, b) for a in old for b in new)


@dataclass
class PlanDelta:
    pairs: list[EntityPair]
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]

    def pair_named(self, name: str) -> EntityPair | None:
        return next((p for p in self.pairs if names_entity(p.before, name)), None)

    def untouched_except(self, keep: EntityPair | None) -> bool:
        """Nothing added, removed, renamed or altered outside the pair `keep`."""
        others = [p for p in self.pairs if p is not keep]
        return (
            not self.added
            and not self.removed
            and all(not p.renamed and p.fields.empty for p in others)
        )


def _pair(
    before: list[dict[str, Any]], after: list[dict[str, Any]], same: Any, key: str
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[Any], list[Any]]:
    left, right = list(before), list(after)
    pairs = []
    for rule in (same, lambda a, b: bool(a.get(key)) and a.get(key) == b.get(key)):
        for item in list(left):
            match = next((r for r in right if rule(item, r)), None)
            if match is not None:
                pairs.append((item, match))
                left.remove(item)
                right.remove(match)
    return pairs, left, right


def _altered(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a.get("kind") != b.get("kind") or list(a.get("choices") or []) != list(
        b.get("choices") or []
    )


def field_delta(before: dict[str, Any], after: dict[str, Any]) -> FieldDelta:
    old, new = list(before.get("fields") or []), list(after.get("fields") or [])
    pairs, removed, added = _pair(old, new, lambda a, b: same_name(label(a), label(b)), "name")
    delta = FieldDelta(added=added, removed=removed)
    if len(removed) == 1 and len(added) == 1 and removed[0].get("kind") == added[0].get("kind"):
        pairs.append((removed[0], added[0]))
        delta.added, delta.removed = [], []
    for a, b in pairs:
        if not same_name(label(a), label(b)):
            delta.renamed.append((a, b))
        elif _altered(a, b):
            delta.altered.append((a, b))
    delta.order_before = [label(f) for f in old]
    delta.order_after = [label(f) for f in new]
    return delta


def _same_fields(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return field_delta(a, b).empty


def plan_delta(before: dict[str, Any], after: dict[str, Any]) -> PlanDelta:
    old, new = list(before.get("entities") or []), list(after.get("entities") or [])

    def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return any(same_name(x, y) for x in entity_names(a) for y in entity_names(b))

    pairs, removed, added = _pair(old, new, same, "slug")
    if len(removed) == 1 and len(added) == 1 and _same_fields(removed[0], added[0]):
        pairs.append((removed[0], added[0]))
        removed, added = [], []
    return PlanDelta(
        pairs=[EntityPair(a, b, field_delta(a, b)) for a, b in pairs],
        added=added,
        removed=removed,
    )


def describe(delta: PlanDelta) -> str:
    """The delta in one line, for a human reading what a misread change did."""
    parts = [f"+kind {entity_names(e)[0]}" for e in delta.added if entity_names(e)]
    parts += [f"-kind {entity_names(e)[0]}" for e in delta.removed if entity_names(e)]
    for pair in delta.pairs:
        name = (entity_names(pair.after) or ["?"])[0]
        if pair.renamed:
            parts.append(f"kind {(entity_names(pair.before) or ['?'])[0]} → {name}")
        f = pair.fields
        parts += [f"{name}: +{label(x)} ({x.get('kind')})" for x in f.added]
        parts += [f"{name}: -{label(x)}" for x in f.removed]
        parts += [f"{name}: {label(a)} → {label(b)}" for a, b in f.renamed]
        parts += [
            f"{name}: {label(b)} now {b.get('kind')} {b.get('choices')}" for _, b in f.altered
        ]
    return "; ".join(parts) or "no change to kinds or fields"
