"""Which record kinds and fields a new plan calls by other names than the plan before it.

A new version's app starts from the previous version's records (`carry`); the renames found
here travel with them in `carry.json`, and a downloaded app's `renames.json` holds them for
every step between its versions, so the app can carry renamed lists and fields itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from livebuild.appgen.spec import build_spec
from livebuild.brief import Brief


@dataclass(frozen=True)
class Renames:
    tables: list[tuple[str, str]]
    columns: list[tuple[str, str, str]]

    def as_json(self) -> str:
        return json.dumps(
            {"tables": [list(t) for t in self.tables], "columns": [list(c) for c in self.columns]}
        )


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
    return Renames(tables, columns)


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
        if renames.tables or renames.columns:
            steps.append({"version": number, **json.loads(renames.as_json())})
    last = versions[-1][0] if versions else 0
    return json.dumps({"version": last, "steps": steps}, indent=2) + "\n"
