"""Normalise a Brief into safe, self-consistent data for the generated app.

A Brief may come from `from_dict` with arbitrary content, so everything the app
relies on (slugs, column names, kinds, colours) is re-validated here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from livebuild.appgen.sample_agree import agree
from livebuild.appgen.samples import believable
from livebuild.brief import FIELD_KINDS, Brief
from livebuild.brief.feature_truth import planned_features
from livebuild.brief.opening import opens_on_list
from livebuild.brief.schema import (
    APP_VALUE_MAX,
    CHOICE_MAX,
    COLUMN_MAX,
    ENTITY_NAME_MAX,
    FEATURE_MAX,
    FONT_MAX,
    LABEL_MAX,
    MAX_CHOICES,
    MAX_ENTITIES,
    MAX_FEATURES,
    MAX_FIELDS,
    MAX_SEED,
    PROBLEM_MAX,
    PRODUCT_NAME_MAX,
    RESERVED_COLUMNS,
    RESERVED_SLUGS,
    SLUG_MAX,
    TAGLINE_MAX,
    USERS_MAX,
)
from livebuild.brief.units import priced_each
from livebuild.english import grammar
from livebuild.english.totals import how_totalled

_DEFAULT_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_FONT_OK = re.compile(rf"[A-Za-z0-9 ,\"'-]{{1,{FONT_MAX}}}")


@dataclass(frozen=True)
class AppSpec:
    name: str
    tagline: str
    users: str
    problem: str
    idea: str
    features: tuple[str, ...]
    entities: tuple[dict[str, Any], ...]
    theme: dict[str, str]
    currency: str
    testimonials: tuple[dict[str, str], ...]
    # "list" opens the app on its first list (a tool), "landing" on a welcome page.
    home: str = "landing"
    # The features the finished app doesn't do, and those an early build (lists and forms,
    # no search or dashboard yet) doesn't: judged by `brief.feature_truth`, as the guide is.
    planned: tuple[str, ...] = ()
    planned_early: tuple[str, ...] = ()


def plain(value: object, limit: int = 300) -> str:
    """Single-line printable text with no lone surrogates or control characters."""
    text = str(value).encode("utf-8", "replace").decode("utf-8", "replace")
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
        if unicodedata.category(ch) not in ("Cs", "Co", "Cn")
    )
    text = re.sub(r"\s+", " ", text).strip()
    return text[:limit].strip()


def _unique(candidate: str, taken: set[str], sep: str) -> str:
    result, n = candidate, 2
    while result in taken:
        result, n = f"{candidate}{sep}{n}", n + 1
    taken.add(result)
    return result


def _column(name: str, index: int, taken: set[str]) -> str:
    col = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")[:COLUMN_MAX]
    if not col or col[0].isdigit():
        col = f"field_{index + 1}" if not col else f"f_{col}"
    if col in RESERVED_COLUMNS:
        col += "_value"
    return _unique(col, taken, "_")


def _fields(
    raw_fields: Any, each: frozenset[str] = frozenset()
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The fields as the app has them, and each detail's column; `each` names the amounts
    the idea prices per unit ("price per kg"), which are averaged, never summed."""
    fields: list[dict[str, Any]] = []
    renames: dict[str, str] = {}
    taken: set[str] = set()
    for index, field in enumerate(tuple(raw_fields)[:MAX_FIELDS]):
        column = _column(str(field.name), index, taken)
        renames[str(field.name)] = column
        kind = field.kind if field.kind in FIELD_KINDS else "text"
        choices = [c for c in dict.fromkeys(plain(c, CHOICE_MAX) for c in field.choices) if c]
        choices = choices[:MAX_CHOICES]
        if kind == "choice" and not choices:
            kind = "text"
        links_to = str(getattr(field, "links_to", "") or "") if kind == "link" else ""
        if index == 0 and kind not in ("text", "longtext", "link"):
            kind = "text"
        if kind != "choice":
            choices = []
        label = plain(field.label, LABEL_MAX) or column.replace("_", " ").capitalize()
        spec = {"name": column, "label": label, "kind": kind, "choices": choices}
        if kind == "link":
            spec["links_to"] = links_to
        if kind in ("money", "number"):
            # What a list's totals row and the dashboard show for it: a sum, an average or
            # nothing (a year or a reference number never adds up).
            spec["total"] = "average" if field.name in each else how_totalled(label, kind)
        fields.append(spec)
    if not fields:
        fields.append({"name": "name", "label": "Name", "kind": "text", "choices": []})
        renames["name"] = "name"
    return fields, renames


def _entities(brief: Brief) -> tuple[dict[str, Any], ...]:
    out: list[dict[str, Any]] = []
    slugs: set[str] = set()
    source = list(brief.entities[:MAX_ENTITIES])
    each = priced_each(source, brief.idea[:4000])
    for entity in source:
        singular = plain(entity.singular, ENTITY_NAME_MAX) or "Item"
        plural = plain(entity.plural, ENTITY_NAME_MAX) or singular + "s"
        slug = (
            re.sub(r"[^a-z0-9-]+", "-", entity.slug.lower()).strip("-")[:SLUG_MAX].strip("-")
            or "items"
        )
        if slug in RESERVED_SLUGS:
            slug += "-list"
        slug = _unique(slug, slugs, "-")
        fields, renames = _fields(
            entity.fields, frozenset(name for slug, name in each if slug == entity.slug)
        )
        seed = []
        for row in entity.seed[:MAX_SEED]:
            values = {renames[k]: plain(v, APP_VALUE_MAX) for k, v in row.items() if k in renames}
            seed.append({f["name"]: values.get(f["name"], "") for f in fields})
        article = grammar.article(singular)
        out.append(
            {
                "singular": singular,
                "plural": plural,
                "slug": slug,
                "article": article,
                "person": grammar.is_person(singular),
                "fields": fields,
                "seed": seed,
            }
        )
    _resolve_links(out, source)
    _name_samples(out)
    if not out:
        out.append(
            {
                "singular": "Note",
                "plural": "Notes",
                "slug": "notes",
                "article": "a",
                "person": False,
                "fields": [
                    {"name": "title", "label": "Title", "kind": "text", "choices": []},
                    {"name": "body", "label": "Body", "kind": "longtext", "choices": []},
                ],
                "seed": [
                    {"title": "Welcome", "body": "This is your first note."},
                    {"title": "Ideas", "body": "Jot down what comes next."},
                ],
            }
        )
    return tuple(out)


def _titles(out: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {o["slug"]: [row.get(o["fields"][0]["name"], "") for row in o["seed"]] for o in out}


def _name_samples(out: list[dict[str, Any]]) -> None:
    """Every kind's samples named like real records, linked by those names, and agreeing
    with each other; a second list of people names five other people."""
    titles = _titles(out)
    lists_of_people = 0
    for made in out:
        # Five people a list; from the third list on, a step off the first two, so that a
        # third list (Parents beside Coaches and Players) never repeats one row for row.
        made["people_from"] = 5 * lists_of_people + lists_of_people // 2
        lists_of_people += bool(made["person"])
        believable(made)
        del made["people_from"]
    _linked_samples(out, titles)
    before = _titles(out)
    if agree(out):
        _linked_samples(out, before)


def _resolve_links(out: list[dict[str, Any]], source: list[Any]) -> None:
    """A link names its record kind by the plan's slug; the app knows it by its own."""
    slugs = {str(e.slug).lower(): o["slug"] for e, o in zip(source, out, strict=False)}
    slugs.update({o["slug"]: o["slug"] for o in out})
    for entity in out:
        for field in entity["fields"]:
            if field["kind"] != "link":
                continue
            target = slugs.get(str(field.get("links_to", "")).lower())
            if target is None:
                field["kind"] = "text"
                field.pop("links_to", None)
            else:
                field["links_to"] = target
    by_slug = {o["slug"]: o for o in out}
    for entity in out:
        # A title picked from another kind names that kind's record by its own text title:
        # never a kind's own records, nor a title that is itself picked.
        first = entity["fields"][0]
        target = by_slug.get(str(first.get("links_to", ""))) if first["kind"] == "link" else None
        if first["kind"] == "link" and (
            target is None or target is entity or target["fields"][0]["kind"] == "link"
        ):
            first["kind"] = "text"
            first.pop("links_to", None)


def _linked_samples(out: list[dict[str, Any]], before: dict[str, list[str]]) -> None:
    """A sample's link names the linked sample by its title as the app shows it: "Walk for
    Maya Thompson" is walked by "Maya Thompson", not by "Sample walker A" (the plan's
    placeholder, which `believable` renamed)."""
    by_slug = {o["slug"]: o for o in out}
    for entity in out:
        for field in entity["fields"]:
            target = (
                by_slug.get(str(field.get("links_to", ""))) if field["kind"] == "link" else None
            )
            if target is None or not target["seed"]:
                continue
            title = target["fields"][0]["name"]
            now = [row.get(title, "") for row in target["seed"]]
            renamed = dict(zip(before.get(target["slug"], []), now, strict=False))
            # A title picked from another kind always names one of its samples.
            titled = field is entity["fields"][0]
            for index, row in enumerate(entity["seed"]):
                value = str(row.get(field["name"], ""))
                if value in renamed:
                    row[field["name"]] = renamed[value]
                elif not value or value.lower().startswith("sample") or titled:
                    row[field["name"]] = value if value in now else now[index % len(now)]


def _theme(brief: Brief) -> dict[str, str]:
    defaults = {
        "primary": "#3b5bdb",
        "accent": "#c2255c",
        "background": "#f8f9fc",
        "text": "#1b1f2a",
    }
    theme: dict[str, str] = {}
    for key, fallback in defaults.items():
        value = str(getattr(brief.theme, key))
        theme[key] = value.lower() if _HEX.fullmatch(value) else fallback
    font = str(brief.theme.font)
    theme["font"] = font if _FONT_OK.fullmatch(font) else _DEFAULT_FONT
    return theme


def _currency(idea: str) -> str:
    lowered = idea.lower()
    if "£" in idea or re.search(r"\b(?:pounds?|gbp|uk|london|britain)\b", lowered):
        return "£"
    if "€" in idea or re.search(r"\b(?:euros?|eur)\b", lowered):
        return "€"
    return "$"


def build_spec(brief: Brief) -> AppSpec:
    name = plain(brief.product_name, PRODUCT_NAME_MAX).replace("<", "").replace(">", "") or "My App"
    features = tuple(f for f in (plain(x, FEATURE_MAX) for x in brief.features[:MAX_FEATURES]) if f)
    return AppSpec(
        name=name,
        tagline=plain(brief.tagline, TAGLINE_MAX) or "Built with care.",
        users=plain(brief.target_users, USERS_MAX) or "Everyone",
        problem=plain(brief.problem, PROBLEM_MAX),
        # The founder's idea is private working text, not copy for the app's visitors.
        idea="",
        features=features or ("Everything in one place",),
        entities=_entities(brief),
        theme=_theme(brief),
        currency=_currency(brief.idea[:4000]),
        # No invented people or quotes: the app has no customers to quote yet.
        testimonials=(),
        home="list" if opens_on_list(brief) else "landing",
        planned=tuple(planned_features(features, brief.entities)),
        planned_early=tuple(planned_features(features, brief.entities, finished=False)),
    )
