"""A month calendar for every record kind that has a date: each day lists its records."""

from __future__ import annotations

import calendar
import re
from contextlib import closing
from datetime import date
from functools import partial
from typing import Any

import content
import layout
import schema
import web
from store import selected, title_of
from web import esc, url

Entity = dict[str, Any]
PER_DAY = 4
MONTH = re.compile(r"(\d{4})-(\d{2})")


def date_field(entity: Entity) -> dict[str, Any] | None:
    return next((f for f in entity["fields"] if f["kind"] in ("date", "datetime")), None)


def routes() -> list[web.Route]:
    return [
        web.route("GET", "/" + re.escape(e["slug"]) + "/calendar", partial(month_page, e))
        for e in content.ENTITIES
        if date_field(e) is not None
    ]


def _month(raw: str, entity: Entity, field: dict[str, Any]) -> tuple[int, int]:
    """The month asked for; else this month, or the latest month with records if it has none."""
    match = MONTH.fullmatch(raw)
    if match and 1 <= int(match[2]) <= 12 and 1900 <= int(match[1]) <= 2200:
        return int(match[1]), int(match[2])
    today = date.today()
    if records_by_day(entity, field, today.year, today.month):
        return today.year, today.month
    column = schema.quote_ident(field["name"])
    with closing(schema.connect()) as conn:
        latest = conn.execute(
            f"SELECT MAX({column}) FROM {schema.table(entity)} WHERE {column} GLOB"
            " '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"
        ).fetchone()[0]
    found = MONTH.match(str(latest or ""))
    if found and 1 <= int(found[2]) <= 12:
        return int(found[1]), int(found[2])
    return today.year, today.month


def _shift(year: int, month: int, step: int) -> str:
    index = year * 12 + month - 1 + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def records_by_day(entity: Entity, field: dict[str, Any], year: int, month: int) -> dict[int, Any]:
    column = schema.quote_ident(field["name"])
    prefix = f"{year:04d}-{month:02d}-"
    days: dict[int, list[dict[str, str]]] = {}
    with closing(schema.connect()) as conn:
        rows = conn.execute(
            # A title picked from another kind is read with the records: one query a month.
            f"SELECT {selected(entity)} FROM {schema.table(entity)} r"
            f" WHERE r.{column} >= ? AND r.{column} < ? ORDER BY r.{column}, r.id LIMIT 5000",
            (prefix + "01", prefix + "99"),
        )
        for row in rows:
            record = {k: "" if v is None else str(v) for k, v in dict(row).items()}
            day = record[field["name"]][8:10]
            if day.isdigit():
                days.setdefault(int(day), []).append(record)
    return days


def _cell(entity: Entity, day: int, records: list[dict[str, str]]) -> str:
    items = "".join(
        f'<li><a href="{esc(url("/" + entity["slug"] + "/" + r["id"]))}">'
        f"{esc(title_of(entity, r))}</a></li>"
        for r in records[:PER_DAY]
    )
    more = len(records) - PER_DAY
    extra = f'<li class="muted">and {more} more</li>' if more > 0 else ""
    empty = "" if records else " empty-day"
    return (
        f'<div class="day{empty}"><span class="day-no">{day}</span>'
        f'<ul class="day-items">{items}{extra}</ul></div>'
    )


def month_page(entity: Entity, request: web.Request) -> web.Response:
    field = date_field(entity)
    if field is None:
        return layout.error_page(404)
    year, month = _month(request.arg("month"), entity, field)
    days = records_by_day(entity, field, year, month)
    slug = "/" + entity["slug"]
    weeks = calendar.Calendar(firstweekday=0).monthdayscalendar(year, month)
    names = "".join(f'<div class="weekday">{n}</div>' for n in calendar.day_abbr)
    cells = "".join(
        _cell(entity, d, days.get(d, [])) if d else '<div class="day blank"></div>'
        for week in weeks
        for d in week
    )
    title = f"{calendar.month_name[month]} {year}"
    before = url(slug + "/calendar", month=_shift(year, month, -1))
    after = url(slug + "/calendar", month=_shift(year, month, 1))
    nav = (
        f'<a class="btn btn-ghost" rel="prev" href="{esc(before)}">Previous month</a>'
        f'<a class="btn btn-ghost" rel="next" href="{esc(after)}">Next month</a>'
    )
    count = sum(len(v) for v in days.values())
    body = (
        '<section class="page-head"><div>'
        f'<a class="crumbs" href="{esc(url(slug))}">\u2190 All {esc(entity["plural"].lower())}</a>'
        f"<h1>{esc(title)}</h1>"
        f'<p class="muted">{esc(layout.counted(count, entity))} by'
        f" {esc(field['label'].lower())}</p></div>"
        f'<div class="actions head-actions">{nav}</div></section>'
        f'<div class="card calendar"><div class="month-grid">{names}{cells}</div></div>'
    )
    return layout.page(f"{entity['plural']}: {title}", body, active=slug)
