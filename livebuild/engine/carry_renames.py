"""Which record kinds and fields a new plan calls by other names than the plan before it.

A new version's app starts from the previous version's records (`carry`); the renames found
here travel with them in `carry.json`, and a downloaded app's `renames.json` holds them for
every step between its versions, so the app can carry renamed lists and fields itself.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from livebuild.appgen.spec import build_spec
from livebuild.brief import Brief


@dataclass(frozen=True)
class Move:
    """A field moved from one record kind to another. `via` is the field that says which
    record of the other kind each is for: on the one moved from (`up`: each appointment's
    owner takes its phone) or on the one moved to (`down`: each dog takes its owner's
    breed); None when neither says, so the values typed can't follow."""

    source: str
    column: str
    target: str
    via: str | None
    way: str  # "up" or "down"

    def as_list(self) -> list[str]:
        return [self.source, self.column, self.target, self.via or "", self.way]


@dataclass(frozen=True)
class Renames:
    tables: list[tuple[str, str]]
    columns: list[tuple[str, str, str]]
    moves: list[Move] = field(default_factory=list)

    def as_json(self) -> str:
        said: dict[str, Any] = {
            "tables": [list(t) for t in self.tables],
            "columns": [list(c) for c in self.columns],
        }
        carried = [m.as_list() for m in self.moves if m.via]
        if carried:
            said["moves"] = carried
        return json.dumps(said)

    def needed(self) -> bool:
        """Whether the app has anything to make before it starts on the records."""
        return bool(self.tables or self.columns or any(m.via for m in self.moves))


def _fields(entity: dict[str, Any]) -> list[dict[str, Any]]:
    return list(entity["fields"])


def _field_renames(slug: str, old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, ...]]:
    before = {f["name"]: f for f in _fields(old)}
    after = {f["name"]: f for f in _fields(new)}
    gone = [f for f in _fields(old) if f["name"] not in after]
    came = [f for f in _fields(new) if f["name"] not in before]
    renamed: list[tuple[str, ...]] = []
    title, now = _fields(old)[0], _fields(new)[0]
    if title in gone and now in came and _title_followed(old, new):
        # The title field named after the record kind followed it to its new name.
        renamed.append((slug, title["name"], now["name"]))
        gone.remove(title)
        came.remove(now)
    # One field gone and one come, of the same kind, is that field renamed.
    if len(gone) == len(came) == 1 and gone[0]["kind"] == came[0]["kind"]:
        renamed.append((slug, gone[0]["name"], came[0]["name"]))
    return renamed


def _kin(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Same title field (or one renamed along with its kind), and most old fields still there."""
    names = {f["name"] for f in _fields(new)}
    kept = sum(f["name"] in names for f in _fields(old))
    title, now = _fields(old)[0], _fields(new)[0]
    if title["name"] != now["name"]:
        if not _title_followed(old, new):
            return False
        kept += 1
    return kept * 2 >= len(_fields(old))


def _named_after(entity: dict[str, Any]) -> bool:
    """Whether the title field is named after the record kind ("Bed" for beds)."""
    return str(_fields(entity)[0]["label"]).lower() == str(entity["singular"]).lower()


def _title_followed(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Both title fields are named after their record kind, and hold the same kind of value:
    a renamed record kind renames the fields named after it."""
    title, now = _fields(old)[0], _fields(new)[0]
    return _named_after(old) and _named_after(new) and title["kind"] == now["kind"]


def _retitled(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """The same fields, but for a title that followed its record kind to a new name."""
    return _title_followed(old, new) and [f["name"] for f in _fields(old)[1:]] == [
        f["name"] for f in _fields(new)[1:]
    ]


def renames_between(old: Brief, new: Brief) -> Renames:
    """Which tables and columns of `old`'s app hold what `new`'s app calls by other names."""
    before = {e["slug"]: e for e in build_spec(old).entities}
    after = {e["slug"]: e for e in build_spec(new).entities}
    pairs = [(before[slug], after[slug]) for slug in after if slug in before]
    gone = [e for slug, e in before.items() if slug not in after]
    came = [e for slug, e in after.items() if slug not in before]
    tables: list[tuple[str, str]] = []
    for was in gone:
        names = [f["name"] for f in _fields(was)]
        same = next((e for e in came if [f["name"] for f in _fields(e)] == names), None)
        if same is None:
            same = next((e for e in came if _retitled(was, e)), None)
        if same is None and len(gone) == len(came) == 1 and _kin(was, came[0]):
            same = came[0]  # the one record kind renamed, a field changed along with it
        if same is not None:
            tables.append((was["slug"], same["slug"]))
            pairs.append((was, same))
            came.remove(same)
    columns: list[tuple[str, str, str]] = []
    for was, now in pairs:
        columns += [(s, o, n) for s, o, n in _field_renames(now["slug"], was, now)]
    renamed = {(s, o) for s, o, _ in columns}
    moves = [m for m in moves_between(before, after) if (m.source, m.column) not in renamed]
    return Renames(tables, columns, moves)


def _column(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40]


def _pointer(entity: dict[str, Any], other: dict[str, Any]) -> str | None:
    """The field of `entity` saying which of `other` each record is for: a link to it, or a
    field called after it ("Owner" holding the owner's name)."""
    for item in _fields(entity)[1:]:
        if item.get("links_to") == other["slug"]:
            return str(item["name"])
    named = _column(str(other["singular"]))
    found = next((f for f in _fields(entity)[1:] if f["name"] == named), None)
    return None if found is None else str(found["name"])


def _names(entity: dict[str, Any] | None) -> set[str]:
    return set() if entity is None else {str(f["name"]) for f in _fields(entity)}


def moves_between(before: dict[str, Any], after: dict[str, Any]) -> list[Move]:
    """Fields one record kind lost and exactly one other gained, of the same kind (spec
    entities by slug, before and after), and how their values can follow."""
    moves: list[Move] = []
    for slug, was in before.items():
        now = after.get(slug)
        if now is None:
            continue
        for gone in _fields(was):
            if gone["name"] in _names(now):
                continue
            gained = [
                e
                for s, e in after.items()
                if s != slug
                and s in before
                and gone["name"] in _names(e) - _names(before[s])
                and next(f for f in _fields(e) if f["name"] == gone["name"])["kind"] == gone["kind"]
            ]
            if len(gained) != 1:
                continue
            target = gained[0]
            up = _pointer(was, target)
            down = _pointer(before[target["slug"]], was)
            via, way = (up, "up") if up is not None else (down, "down")
            moves.append(Move(slug, str(gone["name"]), str(target["slug"]), via, way))
    return moves


SHIPPED = "renames.json"


def rename_history(versions: list[tuple[int, Brief]]) -> str:
    """`renames.json` for a downloaded app: the renames between each ready version and the
    next, oldest first, up to the last of `versions` (`(number, plan)` pairs, in order).

    The app makes each step its data folder has not had yet, once (see its schema.py), so
    its files run over any older version's data with renamed lists and fields carried.
    """
    steps: list[dict[str, Any]] = []
    for (_, old), (number, new) in pairwise(versions):
        renames = renames_between(old, new)
        if renames.needed():
            steps.append({"version": number, **json.loads(renames.as_json())})
    last = versions[-1][0] if versions else 0
    return json.dumps({"version": last, "steps": steps}, indent=2) + "\n"
