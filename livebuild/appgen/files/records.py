"""Pages for every entity: list (search, filter, sort, pages), a record's page, delete."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

import content
import forms
import layout
import store
import web
from layout import icon
from store import title_of
from web import esc, url

Entity = dict[str, Any]

EMPTY_ART = (
    '<svg viewBox="0 0 120 96" aria-hidden="true">'
    '<rect x="14" y="18" width="92" height="66" rx="12" fill="var(--primary-soft)"/>'
    '<rect x="26" y="32" width="52" height="8" rx="4" fill="var(--primary-tint)"/>'
    '<rect x="26" y="48" width="68" height="8" rx="4" fill="var(--primary-tint)"/>'
    '<rect x="26" y="64" width="36" height="8" rx="4" fill="var(--primary-tint)"/>'
    '<circle cx="96" cy="22" r="14" fill="var(--accent)"/>'
    '<path d="M96 15v14M89 22h14" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>'
)


def startup() -> None:
    store.startup()


def routes() -> list[web.Route]:
    result: list[web.Route] = []
    # A record's number: ASCII digits, no more than the database counts to (a longer one is
    # no record, so its address is not found rather than an error).
    one = r"/([0-9]{1,18})"
    for entity in content.ENTITIES:
        base = "/" + re.escape(entity["slug"])
        result += [
            web.route("GET", base, partial(list_page, entity)),
            web.route("POST", base, partial(forms.create, entity)),
            web.route("GET", base + "/new", partial(forms.new_form, entity)),
            web.route("GET", base + "/choices", partial(forms.choices, entity)),
            web.route("GET", base + one, partial(detail, entity)),
            web.route("GET", base + one + "/edit", partial(forms.edit_form, entity)),
            web.route("POST", base + one + "/edit", partial(forms.save_edit, entity)),
            web.route("GET", base + one + "/delete", partial(confirm_delete, entity)),
            web.route("POST", base + one + "/delete", partial(remove, entity)),
        ]
    return result


def choice_field(entity: Entity) -> dict[str, Any] | None:
    return next((f for f in entity["fields"] if f["kind"] == "choice"), None)


def table_fields(entity: Entity) -> list[dict[str, Any]]:
    fields = entity["fields"]
    short = [f for f in fields[1:] if f["kind"] != "longtext"]
    rest = [f for f in fields[1:] if f["kind"] == "longtext"]
    return [fields[0], *(short + rest)[:4]]


def _page_number(request: web.Request) -> int:
    raw = request.arg("page")
    return max(1, min(int(raw), 100_000)) if raw.isdigit() else 1


def list_page(entity: Entity, request: web.Request) -> web.Response:
    slug = entity["slug"]
    searchable = content.LEVEL >= 3
    query = request.arg("q")[:200] if searchable else ""
    chooser = choice_field(entity) if searchable else None
    selected = request.arg("filter") if chooser else ""
    filters = {chooser["name"]: selected} if chooser and selected else {}
    sort = request.arg("sort") if searchable else ""
    page_no = _page_number(request)
    size = store.PAGE_SIZE
    records = store.list_records(
        entity, query, filters, sort=sort, limit=size, offset=(page_no - 1) * size
    )
    if page_no == 1 and len(records) < size:
        # Everything the list shows is on this page: no second pass over the table.
        shown, sums = len(records), store.sums_of(entity, records)
    else:
        shown, sums = store.summary(entity, query, filters)
    total = store.count(entity) if (query or filters) else shown
    head = (
        '<section class="page-head"><div>'
        f'<span class="eyebrow">{esc(content.PRODUCT["name"])}</span>'
        f"<h1>{esc(entity['plural'])}</h1>"
        f'<p class="muted"><span data-count="{total}">{total:,}</span>'
        f" {esc(layout.noun(total, entity))} in total</p></div>"
        f'<div class="actions head-actions">{calendar_link(entity)}{spreadsheet_links(slug)}'
        f'<a class="btn" href="{esc(url("/" + slug + "/new"))}">{icon("plus")}'
        f"Add {esc(entity['singular'].lower())}</a></div></section>"
    )
    parts = [head, flash(entity, request)]
    if searchable:
        parts.append(toolbar(entity, query, chooser, selected))
        if query or selected:
            parts.append(
                f'<p class="muted">Showing {shown:,} of {esc(layout.counted(total, entity))}.</p>'
            )
    state = {"q": query, "filter": selected, "sort": sort}
    if records:
        state["shown"] = str(shown)
        sums = sums if content.LEVEL >= 3 else {}
        parts.append(records_table(entity, records, request.arg("added"), state, sums))
        parts.append(pager(slug, state, page_no, shown, size))
    else:
        parts.append(empty_state(entity, query or selected))
    return layout.page(entity["plural"], "".join(parts), active="/" + slug)


def calendar_link(entity: Entity) -> str:
    dated = any(f["kind"] in ("date", "datetime") for f in entity["fields"])
    if "months" not in content.MODULES or not dated:
        return ""
    href = url("/" + entity["slug"] + "/calendar")
    return f'<a class="btn btn-ghost" href="{esc(href)}">Calendar</a>'


def spreadsheet_links(slug: str) -> str:
    if "spreadsheets" not in content.MODULES:
        return ""
    return (
        f'<a class="btn btn-ghost" href="{esc(url("/" + slug + "/import"))}">Import</a>'
        f'<a class="btn btn-ghost" href="{esc(url("/" + slug + ".csv"))}" download>Export CSV</a>'
    )


def flash(entity: Entity, request: web.Request) -> str:
    raw = request.arg("added")
    if raw.isdigit():
        record = store.get(entity, int(raw))
        if record is not None:
            return (
                f'<div class="flash" role="status">{icon("check")}'
                f"Saved \u201c{esc(title_of(entity, record))}\u201d.</div>"
            )
    imported = request.arg("imported")
    if imported.isdigit():
        return (
            f'<div class="flash" role="status">{icon("check")}Imported {int(imported):,}'
            f" {esc(layout.noun(int(imported), entity))}.</div>"
        )
    if request.arg("removed"):
        return f'<div class="flash" role="status">{icon("check")}Deleted.</div>'
    return ""


def toolbar(entity: Entity, query: str, chooser: dict[str, Any] | None, selected: str) -> str:
    slug = "/" + entity["slug"]
    hidden = f'<input type="hidden" name="filter" value="{esc(selected)}">' if selected else ""
    chips = ""
    if chooser is not None:
        options = [("All", "")] + [(c, c) for c in chooser["choices"]]
        chips = (
            '<div class="chips">'
            + "".join(
                f'<a class="chip{" on" if value == selected else ""}"'
                f' href="{esc(url(slug, q=query, filter=value))}">'
                f"{esc(label)}</a>"
                for label, value in options
            )
            + "</div>"
        )
    return (
        '<div class="toolbar">'
        f'<form class="search" method="get" action="{esc(url(slug))}" role="search">'
        f'<input type="search" name="q" value="{esc(query)}" '
        f'placeholder="Search {esc(entity["plural"].lower())}\u2026" aria-label="Search">{hidden}'
        f'<button class="btn btn-ghost" type="submit">{icon("search")}Search</button>'
        f"</form>{chips}</div>"
    )


def _heading(entity: Entity, field: dict[str, Any], state: dict[str, str]) -> str:
    css = ' class="num"' if field["kind"] in store.fields.NUMERIC else ""
    if content.LEVEL < 3:
        return f"<th{css}>{esc(field['label'])}</th>"
    name, sort = field["name"], state["sort"]
    flipped = "-" + name if sort == name else name
    arrow = " \u2191" if sort == name else " \u2193" if sort == "-" + name else ""
    aria = (
        ' aria-sort="ascending"'
        if sort == name
        else ' aria-sort="descending"'
        if sort == "-" + name
        else ""
    )
    href = url("/" + entity["slug"], q=state["q"], filter=state["filter"], sort=flipped)
    return (
        f'<th{css}{aria}><a class="sort" href="{esc(href)}">{esc(field["label"])}{arrow}</a></th>'
    )


# A phone shows a list's first columns only (style.css hides `nth-child(n+4)` under 640px).
PHONE_COLUMNS = 3


def _sum_text(field: dict[str, Any], value: float) -> str:
    """A column's figure: its total, or "Average 4.3" for one that only averages (a rating)."""
    if store.fields.totalled(field) == "average":
        shown = store.money(value) if field["kind"] == "money" else f"{round(value, 1):,.10g}"
        return f"Average {shown}"
    return store.money(value) if field["kind"] == "money" else f"{value:,.10g}"


def _phone_sum(field: dict[str, Any], value: float) -> str:
    text = _sum_text(field, value)
    label, figure = field["label"], text
    if text.startswith("Average "):
        label, figure = f"Average {field['label'][:1].lower()}{field['label'][1:]}", text[8:]
    return f"<span>{esc(label)}: <strong>{esc(figure)}</strong></span>"


def totals_row(fields: list[dict[str, Any]], sums: dict[str, float], shown: int) -> str:
    if not any(f["name"] in sums for f in fields):
        return ""
    cells = [f'<th scope="row">Total of {shown:,}</th>']
    for field in fields[1:]:
        value = sums.get(field["name"])
        if value is None:
            cells.append("<td></td>")
        else:
            cells.append(f'<td class="num">{esc(_sum_text(field, value))}</td>')
    # The totals of the columns a phone hides, said in words on a row only a phone shows:
    # without it a phone's totals row reads "Total of 6" and nothing else.
    unseen = [_phone_sum(f, sums[f["name"]]) for f in fields[PHONE_COLUMNS:] if f["name"] in sums]
    phone = (
        f'<tr class="totals-phone"><td colspan="{PHONE_COLUMNS}">{" ".join(unseen)}</td></tr>'
        if unseen
        else ""
    )
    return f'<tfoot><tr class="totals">{"".join(cells)}</tr>{phone}</tfoot>'


def records_table(
    entity: Entity,
    records: list[dict[str, str]],
    added: str,
    state: dict[str, str],
    sums: dict[str, float] | None = None,
) -> str:
    fields = table_fields(entity)
    head = "".join(_heading(entity, f, state) for f in fields)
    linked = store.link_titles(entity, records)
    rows = []
    for record in records:
        href = url(f"/{entity['slug']}/{record['id']}")
        example = ' <span class="example-tag">Example</span>' if store.is_sample(record) else ""
        cells = [
            f'<td class="title"><a href="{esc(href)}">{esc(title_of(entity, record))}</a>'
            f"{example}</td>"
        ]
        for field in fields[1:]:
            css = ' class="num"' if field["kind"] in store.fields.NUMERIC else ""
            value = store.display(
                field, record.get(field["name"], ""), linked=linked.get(field["name"])
            )
            cells.append(f"<td{css}>{value}</td>")
        marker = ' class="just-added"' if record["id"] == added else ""
        rows.append(f"<tr{marker}>{''.join(cells)}</tr>")
    foot = totals_row(fields, sums, int(state.get("shown") or 0)) if sums else ""
    return (
        f'<div class="card table-card"><table class="data"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>{foot}</table></div>"
    )


def pager(slug: str, state: dict[str, str], page_no: int, shown: int, size: int) -> str:
    pages = max(1, -(-shown // size))
    if pages == 1:
        return ""

    def link(number: int, rel: str, label: str) -> str:
        href = url(
            "/" + slug, page=str(number), q=state["q"], filter=state["filter"], sort=state["sort"]
        )
        return f'<a class="btn btn-ghost" rel="{rel}" href="{esc(href)}">{label}</a>'

    links = [link(page_no - 1, "prev", "Previous")] if page_no > 1 else []
    links.append(f'<span class="muted">Page {page_no:,} of {pages:,}</span>')
    if page_no < pages:
        links.append(link(page_no + 1, "next", "Next"))
    return f'<nav class="pager" aria-label="Pages">{"".join(links)}</nav>'


def empty_state(entity: Entity, filtered: str) -> str:
    slug = "/" + entity["slug"]
    noun = entity["plural"].lower()
    if filtered:
        return (
            f'<div class="card empty">{EMPTY_ART if content.LEVEL >= 3 else ""}'
            f"<h3>No {esc(noun)} match \u201c{esc(filtered)}\u201d</h3>"
            f'<p class="muted">Try a different word, or clear the search.</p>'
            f'<a class="btn btn-ghost" href="{esc(url(slug))}">Clear search</a></div>'
        )
    if content.LEVEL < 3:
        return f'<div class="card empty"><p>No {esc(noun)} yet.</p></div>'
    return (
        f'<div class="card empty">{EMPTY_ART}<h3>No {esc(noun)} yet</h3>'
        f'<p class="muted">Add your first {esc(entity["singular"].lower())} and it will show up'
        " here.</p>"
        f'<a class="btn" href="{esc(url(slug + "/new"))}">{icon("plus")}'
        f"Add {esc(entity['singular'].lower())}</a></div>"
    )


def backlink_panels(entity: Entity, record_id: int) -> str:
    panels = []
    for other, field, records in store.backlinks(entity, record_id):
        items = "".join(
            f'<li><a href="{esc(url("/" + other["slug"] + "/" + r["id"]))}">'
            f"{esc(title_of(other, r))}</a></li>"
            for r in records
        )
        heading = (
            f"{other['plural']} of this {entity['singular'].lower()}"
            if field is other["fields"][0]
            else f"{other['plural']} with this {field['label'].lower()}"
        )
        panels.append(
            f'<div class="card backlinks"><h2>{esc(heading)}</h2>'
            f'<ul class="list-plain">{items}</ul></div>'
        )
    return "".join(panels)


def shown_fields(entity: Entity) -> list[dict[str, Any]]:
    """A record page's details: all but the title, which heads it; a title picked from another
    kind is shown too, as the link to that record."""
    fields: list[dict[str, Any]] = entity["fields"]
    return fields[0 if fields[0]["kind"] == "link" else 1 :]


def detail(entity: Entity, request: web.Request, record_id: str) -> web.Response:
    record = store.get(entity, int(record_id))
    if record is None:
        return layout.error_page(404)
    slug = "/" + entity["slug"]
    title = title_of(entity, record)
    chooser = choice_field(entity)
    badge = store.badge(chooser, record.get(chooser["name"], "")) if chooser else ""
    wide = ' class="wide"'
    items = "".join(
        f"<div{wide if f['kind'] == 'longtext' else ''}><dt>{esc(f['label'])}</dt>"
        f"<dd>{store.display(f, record.get(f['name'], ''), full=True)}</dd></div>"
        for f in shown_fields(entity)
    )
    created = store.parse_date(record.get("created_at", "")[:10])
    added = f'<p class="muted added">Added {esc(store.nice_date(created))}</p>' if created else ""
    saved = (
        f'<div class="flash" role="status">{icon("check")}Saved your changes.</div>'
        if request.arg("saved")
        else ""
    )
    body = (
        '<section class="page-head"><div>'
        f'<a class="crumbs" href="{esc(url(slug))}">\u2190 All {esc(entity["plural"].lower())}</a>'
        f"<h1>{esc(title)}</h1><p>{badge}</p></div>"
        '<div class="actions head-actions">'
        f'<a class="btn" href="{esc(url(f"{slug}/{record_id}/edit"))}">Edit</a>'
        f'<a class="btn btn-ghost" href="{esc(url(f"{slug}/{record_id}/delete"))}">Delete</a>'
        "</div></section>"
        f'{saved}<div class="card"><dl class="detail">{items}</dl>{added}</div>'
        f"{backlink_panels(entity, int(record_id))}"
    )
    return layout.page(title, body, active=slug)


def confirm_delete(entity: Entity, request: web.Request, record_id: str) -> web.Response:
    record = store.get(entity, int(record_id))
    if record is None:
        return layout.error_page(404)
    slug = "/" + entity["slug"]
    title = title_of(entity, record)
    linked = store.backlinks(entity, int(record_id))
    choice = ""
    if linked:
        names = ", ".join(
            f"{len(rs)} {esc(o['singular'].lower() if len(rs) == 1 else o['plural'].lower())}"
            for o, _, rs in linked
        )
        one = len(linked) == 1 and len(linked[0][2]) == 1
        verb, them = ("links", "it") if one else ("link", "them")
        choice = (
            f"<p>{names} {verb} to \u201c{esc(title)}\u201d. What should happen to {them}?</p>"
            '<fieldset class="choices"><legend class="sr-only">Linked records</legend>'
            '<label><input type="radio" name="linked" value="unlink" checked>'
            f" Keep {them}, without the link</label>"
            f'<label><input type="radio" name="linked" value="delete"> Delete {them} too</label>'
            "</fieldset>"
        )
    body = (
        '<section class="page-head"><div>'
        f'<a class="crumbs" href="{esc(url(f"{slug}/{record_id}"))}">\u2190 Back</a>'
        f"<h1>Delete \u201c{esc(title)}\u201d?</h1>"
        '<p class="muted">This can\u2019t be undone.</p></div></section>'
        f'<div class="card form-card"><form class="stack" method="post"'
        f' action="{esc(url(f"{slug}/{record_id}/delete"))}">{choice}'
        '<div class="actions"><button class="btn btn-danger" type="submit">Delete</button>'
        f'<a class="btn btn-ghost" href="{esc(url(f"{slug}/{record_id}"))}">Cancel</a></div>'
        "</form></div>"
    )
    return layout.page(f"Delete {title}", body, active=slug)


def remove(entity: Entity, request: web.Request, record_id: str) -> web.Response:
    linked = "delete" if request.form.get("linked") == "delete" else "unlink"
    store.delete(entity, int(record_id), linked)
    return web.redirect("/" + entity["slug"], removed="1")
