"""A live overview: totals per entity and simple CSS bar charts."""

from __future__ import annotations

from collections import Counter
from typing import Any

import content
import layout
import store
import web
from layout import icon
from web import esc, url

Entity = dict[str, Any]


def routes() -> list[web.Route]:
    return [web.route("GET", "/dashboard", dashboard)]


def first_field(entity: Entity, kind: str) -> dict[str, Any] | None:
    return next((f for f in entity["fields"] if f["kind"] == kind), None)


def stat(value: str, label: str, icon_name: str) -> str:
    return (
        f'<div class="card stat"><div class="feature"><div class="icon">{icon(icon_name)}</div>'
        "</div>"
        f'<div class="value">{esc(value)}</div><div class="label">{esc(label)}</div></div>'
    )


def totals(entity: Entity, records: list[dict[str, str]]) -> list[str]:
    label = entity["singular"] if len(records) == 1 else entity["plural"]
    cards = [stat(f"{len(records):,}", label, "users" if entity.get("person") else "spark")]
    money = first_field(entity, "money")
    number = first_field(entity, "number")
    if money is not None:
        amounts = [store.parse_number(r.get(money["name"], "")) for r in records]
        total = sum(a for a in amounts if a is not None)
        cards.append(stat(store.money(total), f"Total {money['label'].lower()}", "chart"))
    elif number is not None:
        values = [
            v
            for v in (store.parse_number(r.get(number["name"], "")) for r in records)
            if v is not None
        ]
        average = sum(values) / len(values) if values else 0.0
        cards.append(stat(f"{average:,.1f}", f"Average {number['label'].lower()}", "chart"))
    return cards


def bars(counts: list[tuple[str, int]]) -> str:
    top = max((n for _, n in counts), default=0) or 1
    return (
        '<div class="bars">'
        + "".join(
            f'<div class="bar-row"><span>{esc(label)}</span><div class="bar-track">'
            f'<div class="bar-fill" style="width:{max(2, round(n * 100 / top))}%"></div></div>'
            f'<strong class="num">{n}</strong></div>'
            for label, n in counts
        )
        + "</div>"
    )


def breakdown(entity: Entity, records: list[dict[str, str]]) -> str:
    choice = first_field(entity, "choice")
    if choice is not None:
        tally = Counter(r.get(choice["name"], "") for r in records)
        counts = [(c, tally.get(c, 0)) for c in choice["choices"]]
        return f"<h3>By {esc(choice['label'].lower())}</h3>{bars(counts)}"
    when = first_field(entity, "date")
    if when is not None:
        months: Counter[str] = Counter()
        for record in records:
            day = store.parse_date(record.get(when["name"], ""))
            if day is not None:
                months[f"{day:%Y-%m}"] += 1
        counts = [
            (f"{store.parse_date(m + '-01'):%b %Y}", n) for m, n in sorted(months.items())[-6:]
        ]
        return f"<h3>By month</h3>{bars(counts)}" if counts else ""
    return ""


def latest(entity: Entity, records: list[dict[str, str]]) -> str:
    fields = entity["fields"]
    extra = next((f for f in fields[1:] if f["kind"] in ("date", "money", "choice")), None)
    items = "".join(
        f'<li><a href="{esc(url("/" + entity["slug"] + "/" + r["id"]))}">'
        f"{esc(r.get(fields[0]['name'], '') or 'Untitled')}</a>"
        f"<span>{store.display(extra, r.get(extra['name'], '')) if extra else ''}</span></li>"
        for r in records[:4]
    )
    return (
        f'<h3 style="margin-top:20px">Latest</h3><ul class="list-plain">{items}</ul>'
        if items
        else ""
    )


def dashboard(request: web.Request) -> web.Response:
    cards: list[str] = []
    panels: list[str] = []
    for entity in content.ENTITIES:
        records = store.list_records(entity, limit=100_000)
        cards += totals(entity, records)
        panels.append(
            '<div class="card">'
            '<div style="display:flex;justify-content:space-between;align-items:center;gap:12px">'
            f"<h2>{esc(entity['plural'])}</h2>"
            f'<a class="view-all" href="{esc(url("/" + entity["slug"]))}">View all</a></div>'
            f"{breakdown(entity, records)}{latest(entity, records)}</div>"
        )
    body = (
        '<section class="page-head"><div><span class="eyebrow">Overview</span><h1>Dashboard</h1>'
        f'<p class="muted">A live picture of everything in {esc(content.PRODUCT["name"])}.</p>'
        "</div></section>"
        f'<div class="stats">{"".join(cards)}</div><div class="grid grid-2">{"".join(panels)}</div>'
    )
    return layout.page("Dashboard", body, active="/dashboard")
