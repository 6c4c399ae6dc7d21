"""Judging one change against a held-out request: was the plan changed as meant, and only so?

Every judge reads the delta between the plan before and after. A change is applied as meant
when the expected part changed the expected way (names compared as in `understanding_names`)
and nothing else did: no other kind or field added, removed, renamed or altered, the product
name and colours unchanged unless the request was about them. A request that can't be made
offline is right when it is declined plainly and the plan stays as it was.
"""

from __future__ import annotations

import colorsys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.understanding_delta import EntityPair, PlanDelta, label, plan_delta
from bench.understanding_names import label_in_group, normalised_text, same_name


@dataclass(frozen=True)
class Outcome:
    """What the product did with a change: the plan after it and any words it said."""

    ok: bool  # the change was taken and finished (a build completed, a plan-change answered)
    after: dict[str, Any]
    message: str  # what it said it couldn't do, or why it failed ("" when it said nothing)
    seconds: float


Expect = dict[str, Any]


def hsl(colour: str) -> tuple[float, float, float]:
    """Hue in degrees, lightness and saturation of a `#rrggbb` colour."""
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, lightness, s


def _dark(theme: dict[str, Any]) -> bool:
    return hsl(str(theme.get("background") or "#ffffff"))[1] < 0.35


def _theme(plan: dict[str, Any]) -> dict[str, Any]:
    return dict(plan.get("theme") or {})


def _colours_kept(before: dict[str, Any], after: dict[str, Any]) -> bool:
    keys = ("primary", "accent", "background", "text")
    return all(_theme(before).get(k) == _theme(after).get(k) for k in keys)


def _name_kept(before: dict[str, Any], after: dict[str, Any]) -> bool:
    return str(before.get("product_name")) == str(after.get("product_name"))


def _only(delta: PlanDelta, entity: str) -> EntityPair | None:
    """The pair of the kind named, when nothing outside it changed."""
    pair = delta.pair_named(entity)
    if pair is None or pair.renamed or not delta.untouched_except(pair):
        return None
    return pair


def _field_named(fields: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    return next((f for f in fields if same_name(label(f), name)), None)


def _added_to_each(e: Expect, d: PlanDelta) -> bool:
    """One field said for several kinds ("add a phone field to owners and walks"): each kind
    named gets it, and nothing else changes."""
    pairs = [d.pair_named(name) for name in e["entities"]]
    if any(p is None for p in pairs) or d.added or d.removed:
        return False
    for p in d.pairs:
        if p not in pairs and (p.renamed or not p.fields.empty):
            return False
    return all(p is not None and _fields_added(e, p) for p in pairs)


def _add_field(e: Expect, d: PlanDelta, before: dict[str, Any], after: dict[str, Any]) -> bool:
    if "entities" in e:
        return _added_to_each(e, d)
    pair = _only(d, e["entity"])
    return pair is not None and _fields_added(e, pair)


def _fields_added(e: Expect, pair: EntityPair) -> bool:
    if pair.renamed or pair.fields.removed or pair.fields.renamed or pair.fields.altered:
        return False
    added, kinds = list(pair.fields.added), e.get("kinds")
    if len(added) != len(e["fields"]):
        return False
    for group in e["fields"]:
        hit = next((f for f in added if label_in_group(label(f), group)), None)
        if hit is None or (kinds and hit.get("kind") not in kinds):
            return False
        added.remove(hit)
    return True


def _remove_field(e: Expect, d: PlanDelta, before: dict[str, Any], after: dict[str, Any]) -> bool:
    pair = _only(d, e["entity"])
    if pair is None or not pair.fields.removed:
        return False
    fields = pair.fields
    gone = len(fields.removed) == 1 and same_name(label(fields.removed[0]), e["field"])
    return gone and not (fields.added or fields.renamed or fields.altered)


def _rename_field(e: Expect, d: PlanDelta, before: dict[str, Any], after: dict[str, Any]) -> bool:
    pair = _only(d, e["entity"])
    if pair is None or len(pair.fields.renamed) != 1:
        return False
    old, new = pair.fields.renamed[0]
    f = pair.fields
    if f.added or f.removed or f.altered:
        return False
    return same_name(label(old), e["field"]) and label_in_group(label(new), e["to"])


def _one_altered(e: Expect, d: PlanDelta) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The expected field of the expected kind, before and after, when the change altered
    it alone there (no field of that kind added, removed or renamed)."""
    pair = _only(d, e["entity"])
    if pair is None or pair.fields.added or pair.fields.removed or pair.fields.renamed:
        return None
    altered = pair.fields.altered
    if len(altered) != 1 or not same_name(label(altered[0][0]), e["field"]):
        return None
    return altered[0]


def _set_kind(e: Expect, d: PlanDelta, before: dict[str, Any], after: dict[str, Any]) -> bool:
    altered = _one_altered(e, d)
    return altered is not None and altered[1].get("kind") in e["kinds"]


def _rename_entity(e: Expect, d: PlanDelta, before: dict[str, Any], after: dict[str, Any]) -> bool:
    pair = d.pair_named(e["entity"])
    if pair is None or not pair.renamed or d.added or d.removed:
        return False
    new = [str(pair.after.get(k) or "") for k in ("plural", "singular")]
    if not any(same_name(n, t) for n in new for t in e["to"]):
        return False
    others = [p for p in d.pairs if p is not pair]
    # A field in another kind that named the renamed one may follow the new name.
    return pair.fields.empty and all(not p.renamed for p in others)


def _add_entity(e: Expect, d: PlanDelta, before: dict[str, Any], after: dict[str, Any]) -> bool:
    if len(d.added) != 1 or d.removed:
        return False
    new = d.added[0]
    names = [str(new.get(k) or "") for k in ("plural", "singular")]
    if not any(same_name(n, t) for n in names for t in e["names"]):
        return False
    labels = [label(f) for f in new.get("fields") or []]
    if not all(any(label_in_group(lab, g) for lab in labels) for g in e["fields"]):
        return False
    for pair in d.pairs:
        f = pair.fields
        links = all(any(same_name(label(x), n) for n in names) for x in f.added)
        if pair.renamed or f.removed or f.renamed or f.altered or not links:
            return False
    return True


def _add_choices(e: Expect, d: PlanDelta, before: dict[str, Any], after: dict[str, Any]) -> bool:
    altered = _one_altered(e, d)
    if altered is None:
        return False
    old, new = altered
    was = list(old.get("choices") or [])
    now = list(new.get("choices") or [])
    if new.get("kind") != old.get("kind") or not all(c in now for c in was):
        return False
    fresh = [c for c in now if c not in was]
    every_group = all(any(label_in_group(c, g) for c in fresh) for g in e["choices"])
    no_junk = all(any(label_in_group(c, g) for g in e["choices"]) for c in fresh)
    return every_group and no_junk


def _in_hue(hue: float, span: list[float]) -> bool:
    low, high = span
    return low <= hue <= high if low <= high else hue >= low or hue <= high


def _set_colour(e: Expect, d: PlanDelta, before: dict[str, Any], after: dict[str, Any]) -> bool:
    theme = _theme(after)
    if not d.untouched_except(None) or _dark(theme) != _dark(_theme(before)):
        return False
    low, high = e.get("lightness", [0.0, 1.0])
    for key in ("primary", "accent"):
        if theme.get(key) == _theme(before).get(key):
            continue
        hue, lightness, saturation = hsl(str(theme.get(key) or "#000000"))
        if _in_hue(hue, e["hue"]) and low <= lightness <= high and saturation >= 0.15:
            return True
    return False


def _set_theme(e: Expect, d: PlanDelta, before: dict[str, Any], after: dict[str, Any]) -> bool:
    return d.untouched_except(None) and _dark(_theme(after)) == (e["background"] == "dark")


def _rename_app(e: Expect, d: PlanDelta, before: dict[str, Any], after: dict[str, Any]) -> bool:
    name = str(after.get("product_name") or "")
    return d.untouched_except(None) and any(same_name(name, t) for t in e["to"])


def _set_tagline(e: Expect, d: PlanDelta, before: dict[str, Any], after: dict[str, Any]) -> bool:
    tagline = normalised_text(str(after.get("tagline") or ""))
    said = any(normalised_text(t) in tagline for t in e["contains"])
    return d.untouched_except(None) and said


def _reorder(e: Expect, d: PlanDelta, before: dict[str, Any], after: dict[str, Any]) -> bool:
    pair = _only(d, e["entity"])
    if pair is None or not pair.fields.empty:
        return False
    order = pair.fields.order_after

    def at(name: str) -> int:
        return next((i for i, lab in enumerate(order) if same_name(lab, name)), -1)

    first, then = at(e["first"]), at(e["then"])
    return 0 <= first < then


_JUDGES: dict[str, Callable[[Expect, PlanDelta, dict[str, Any], dict[str, Any]], bool]] = {
    "add_field": _add_field,
    "remove_field": _remove_field,
    "rename_field": _rename_field,
    "set_kind": _set_kind,
    "rename_entity": _rename_entity,
    "add_entity": _add_entity,
    "add_choices": _add_choices,
    "set_colour": _set_colour,
    "set_theme": _set_theme,
    "rename_app": _rename_app,
    "set_tagline": _set_tagline,
    "reorder": _reorder,
}

OPS = frozenset(_JUDGES) | {"cannot"}


def _unchanged(before: dict[str, Any], after: dict[str, Any]) -> bool:
    delta = plan_delta(before, after)
    return (
        delta.untouched_except(None) and _colours_kept(before, after) and _name_kept(before, after)
    )


def declined(before: dict[str, Any], outcome: Outcome) -> bool:
    """Whether the product turned the request down: an error, or the plan left as it was with
    words saying what can't be done."""
    return not outcome.ok or (_unchanged(before, outcome.after) and is_plain(outcome.message))


def applied_as_meant(expect: Expect, before: dict[str, Any], outcome: Outcome) -> bool:
    """Whether the change did what `expect` says to the plan `before`, and nothing else."""
    after = outcome.after
    delta = plan_delta(before, after)
    if expect["op"] == "cannot":
        return _unchanged(before, after) and is_plain(outcome.message)
    if not outcome.ok:
        return False
    judge = _JUDGES[expect["op"]]
    if expect["op"] not in ("rename_app",) and not _name_kept(before, after):
        return False
    if expect["op"] not in ("set_colour", "set_theme") and not _colours_kept(before, after):
        return False
    return judge(expect, delta, before, after)


# A reader that didn't understand a request isn't declining it: "we couldn't work out how to
# <the request>" passes for a decline only by accident.
_NOT_UNDERSTOOD = (
    "couldnt work out",
    "could not work out",
    "didnt understand",
    "did not understand",
    "couldnt understand",
    "could not understand",
    "not sure what you mean",
    "couldnt find",
    "could not find",
)


def is_plain(message: str) -> bool:
    """Words for the founder saying what can't be done (not that the request wasn't
    understood), with no sign of a crash."""
    text = message.strip()
    technical = ("Traceback", "Exception", 'File "', ".py", "/livebuild/")
    if len(text) < 15 or any(mark in text for mark in technical):
        return False
    said = normalised_text(text)
    return not any(phrase in said for phrase in _NOT_UNDERSTOOD)
