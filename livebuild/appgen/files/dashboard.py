"""A live overview: totals per entity and simple CSS bar charts."""

from __future__ import annotations

from contextlib import closing
from typing import Any

import content
import layout
import schema
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


def _one(sql: str) -> Any:
    with closing(schema.connect()) as conn:
        return conn.execute(sql).fetchone()[0]


def _grouped(sql: str) -> list[tuple[str, int]]:
    with closing(schema.connect()) as conn:
        return [(str(row[0] or ""), int(row[1])) for row in conn.execute(sql)]


def _number(field: dict[str, Any]) -> str:
    return f"CAST(NULLIF({schema.quote_ident(field['name'])}, '') AS REAL)"


def _totalled(entity: Entity, how: str) -> dict[str, Any] | None:
    """The first money field that adds up, else the first number that does (`how`)."""
    found = [f for f in entity["fields"] if store.fields.totalled(f) == how]
    return next((f for f in found if f["kind"] == "money"), found[0] if found else None)


def totals(entity: Entity, count: int) -> list[str]:
    label = entity["singular"] if count == 1 else entity["plural"]
    cards = [stat(f"{count:,}", label, "users" if entity.get("person") else "spark")]
    added, averaged = _totalled(entity, "sum"), _totalled(entity, "average")
    # Whose figure it is: two kinds' "Total price" cards side by side can't be told apart.
    of = f"of {str(entity['plural']).lower()}"
    # Only what adds up is totalled ("Total hours"), else what reads right as a mean
    # ("Average rating"): never the sum of years, ages or reference numbers.
    if added is not None:
        total = float(_one(f"SELECT TOTAL({_number(added)}) FROM {schema.table(entity)}") or 0)
        shown = store.money(total) if added["kind"] == "money" else f"{total:,.10g}"
        cards.append(stat(shown, f"Total {added['label'].lower()} {of}", "chart"))
    elif averaged is not None:
        mean = _one(f"SELECT AVG({_number(averaged)}) FROM {schema.table(entity)}")
        if mean is not None:
            shown = store.money(mean) if averaged["kind"] == "money" else f"{mean:,.1f}"
            cards.append(stat(shown, f"Average {averaged['label'].lower()} {of}", "chart"))
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


def columns_svg(counts: list[tuple[str, int]], title: str) -> str:
    """A column chart drawn inline: no script, no outside file."""
    top = max((n for _, n in counts), default=0) or 1
    width, height, gap = 40, 120, 24
    # Always room for six months, so a chart of two is not drawn twice as large.
    total_width = max(6, len(counts)) * (width + gap)
    parts = []
    for index, (label, n) in enumerate(counts):
        x = index * (width + gap) + gap // 2
        tall = max(2, round(n * height / top))
        parts.append(
            f'<rect x="{x}" y="{20 + height - tall}" width="{width}" height="{tall}" rx="6"'
            ' style="fill:var(--primary-fill)"/>'
            f'<text x="{x + width / 2}" y="{14 + height - tall}" text-anchor="middle"'
            f' style="fill:var(--text)">{n:,}</text>'
            f'<text x="{x + width / 2}" y="{height + 40}" text-anchor="middle"'
            f' style="fill:var(--muted)">{esc(label)}</text>'
        )
    return (
        f'<svg class="chart" role="img" aria-label="{esc(title)}" viewBox="0 0 {total_width} '
        f'{height + 48}" width="100%" preserveAspectRatio="xMinYMin meet">'
        f"<title>{esc(title)}</title>{''.join(parts)}</svg>"
    )


def by_status(entity: Entity) -> str:
    choice = first_field(entity, "choice")
    if choice is None:
        return ""
    column = schema.quote_ident(choice["name"])
    tally = dict(
        _grouped(f"SELECT {column}, COUNT(*) FROM {schema.table(entity)} GROUP BY {column}")
    )
    counts = [(c, tally.get(c, 0)) for c in choice["choices"]]
    return f"<h3>By {esc(choice['label'].lower())}</h3>{bars(counts)}"


def by_month(entity: Entity) -> str:
    when = first_field(entity, "date") or first_field(entity, "datetime")
    if when is None:
        return ""
    column = schema.quote_ident(when["name"])
    months = _grouped(
        f"SELECT substr({column}, 1, 7) AS m, COUNT(*) FROM {schema.table(entity)}"
        f" WHERE {column} GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-*' GROUP BY m"
        " ORDER BY m DESC LIMIT 6"
    )
    counts = []
    for month, n in reversed(months):
        day = store.parse_date(month + "-01")
        if day is not None:
            counts.append((f"{day:%b %Y}", n))
    if not counts:
        return ""
    title = f"{entity['plural']} by month of {when['label'].lower()}"
    return f'<h3 class="chart-head">By month</h3>{columns_svg(counts, title)}'


def breakdown(entity: Entity) -> str:
    return by_status(entity) + by_month(entity)


def latest(entity: Entity, records: list[dict[str, str]]) -> str:
    fields = entity["fields"]
    extra = next((f for f in fields[1:] if f["kind"] in ("date", "money", "choice")), None)
    items = "".join(
        f'<li><a href="{esc(url("/" + entity["slug"] + "/" + r["id"]))}">'
        f"{esc(store.title_of(entity, r))}</a>"
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
        records = store.list_records(entity, limit=4)
        cards += totals(entity, store.count(entity))
        panels.append(
            '<div class="card">'
            '<div style="display:flex;justify-content:space-between;align-items:center;gap:12px">'
            f"<h2>{esc(entity['plural'])}</h2>"
            f'<a class="view-all" href="{esc(url("/" + entity["slug"]))}">View all</a></div>'
            f"{breakdown(entity)}{latest(entity, records)}</div>"
        )
    body = (
        '<section class="page-head"><div><span class="eyebrow">Overview</span><h1>Dashboard</h1>'
        f'<p class="muted">A live picture of everything in {esc(content.PRODUCT["name"])}.</p>'
        "</div></section>"
        f'<div class="stats">{"".join(cards)}</div><div class="grid grid-2">{"".join(panels)}</div>'
    )
    return layout.page("Dashboard", body, active="/dashboard")
