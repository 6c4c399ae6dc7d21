"""Pages for every entity: list, search, detail, add and delete."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

import content
import layout
import store
import web
from layout import icon
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
    for entity in content.ENTITIES:
        base = "/" + re.escape(entity["slug"])
        result += [
            web.route("GET", base, partial(list_page, entity)),
            web.route("POST", base, partial(create, entity)),
            web.route("GET", base + "/new", partial(new_form, entity)),
            web.route("GET", base + r"/(\d+)", partial(detail, entity)),
            web.route("POST", base + r"/(\d+)/delete", partial(remove, entity)),
        ]
    return result


def title_of(entity: Entity, record: dict[str, str]) -> str:
    return record.get(entity["fields"][0]["name"], "") or "Untitled"


def choice_field(entity: Entity) -> dict[str, Any] | None:
    return next((f for f in entity["fields"] if f["kind"] == "choice"), None)


def table_fields(entity: Entity) -> list[dict[str, Any]]:
    fields = entity["fields"]
    short = [f for f in fields[1:] if f["kind"] != "longtext"]
    rest = [f for f in fields[1:] if f["kind"] == "longtext"]
    return [fields[0], *(short + rest)[:4]]


def list_page(entity: Entity, request: web.Request) -> web.Response:
    slug = entity["slug"]
    searchable = content.LEVEL >= 3
    query = request.arg("q") if searchable else ""
    chooser = choice_field(entity) if searchable else None
    selected = request.arg("filter") if chooser else ""
    records = store.list_records(entity, query, chooser["name"] if chooser else "", selected)
    total = store.count(entity)
    head = (
        '<section class="page-head"><div>'
        f'<span class="eyebrow">{esc(content.PRODUCT["name"])}</span>'
        f"<h1>{esc(entity['plural'])}</h1>"
        f'<p class="muted"><span data-count="{total}">{total:,}</span>'
        f" {esc(layout.noun(total, entity))} in total</p></div>"
        f'<a class="btn" href="{esc(url("/" + slug + "/new"))}">{icon("plus")}'
        f"Add {esc(entity['singular'].lower())}</a></section>"
    )
    parts = [head, flash(entity, request)]
    if searchable:
        parts.append(toolbar(entity, query, chooser, selected))
        if query or selected:
            parts.append(
                f'<p class="muted">Showing {len(records)} of'
                f" {esc(layout.counted(total, entity))}.</p>"
            )
    added = request.arg("added")
    parts.append(
        records_table(entity, records, added) if records else empty_state(entity, query or selected)
    )
    return layout.page(entity["plural"], "".join(parts), active="/" + slug)


def flash(entity: Entity, request: web.Request) -> str:
    added = request.arg("added")
    if added.isdigit():
        record = store.get(entity, int(added))
        if record is not None:
            return (
                f'<div class="flash" role="status">{icon("check")}'
                f"Saved \u201c{esc(title_of(entity, record))}\u201d.</div>"
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


def records_table(entity: Entity, records: list[dict[str, str]], added: str) -> str:
    fields = table_fields(entity)
    numeric = {"number", "money"}
    num_class = ' class="num"'
    head = "".join(
        f"<th{num_class if f['kind'] in numeric else ''}>{esc(f['label'])}</th>" for f in fields
    )
    rows = []
    for record in records:
        href = url(f"/{entity['slug']}/{record['id']}")
        cells = [
            f'<td class="title"><a href="{esc(href)}">{esc(title_of(entity, record))}</a></td>'
        ]
        for field in fields[1:]:
            css = ' class="num"' if field["kind"] in numeric else ""
            cells.append(f"<td{css}>{store.display(field, record.get(field['name'], ''))}</td>")
        marker = ' class="just-added"' if record["id"] == added else ""
        rows.append(f"<tr{marker}>{''.join(cells)}</tr>")
    return (
        f'<div class="card table-card"><table class="data"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


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
        for f in entity["fields"][1:]
    )
    delete_url = url(f"{slug}/{record['id']}/delete")
    created = store.parse_date(record.get("created_at", "")[:10])
    added = store.nice_date(created) if created else record.get("created_at", "")
    body = (
        '<section class="page-head"><div>'
        f'<a class="crumbs" href="{esc(url(slug))}">\u2190 All {esc(entity["plural"].lower())}</a>'
        f"<h1>{esc(title)}</h1><p>{badge}</p></div>"
        f'<form method="post" action="{esc(delete_url)}">'
        '<button class="btn btn-ghost" type="submit">Delete</button></form></section>'
        f'<div class="card"><dl class="detail">{items}</dl>'
        f'<p class="muted" style="margin:24px 0 0;font-size:.85rem">Added {esc(added)}</p>'
        "</div>"
    )
    return layout.page(title, body, active=slug)


def field_input(field: dict[str, Any], value: str, error: str, required: bool) -> str:
    name, kind = field["name"], field["kind"]
    ident = "f-" + name
    attrs = f'id="{esc(ident)}" name="{esc(name)}"' + (" required" if required else "")
    if error:
        attrs += f' aria-invalid="true" aria-describedby="{esc(ident)}-error"'
    hint = ""
    if kind == "longtext":
        control = f'<textarea {attrs} maxlength="5000">{esc(value)}</textarea>'
    elif kind == "choice":
        options = '<option value="">Choose\u2026</option>' + "".join(
            f"<option{' selected' if c == value else ''}>{esc(c)}</option>"
            for c in field["choices"]
        )
        control = f"<select {attrs}>{options}</select>"
    else:
        # an invalid date cannot be shown by a date picker, so fall back to text to keep it
        kinds = {"date": "text" if error else "date", "email": "email"}
        extra = ' inputmode="decimal"' if kind in ("number", "money") else ""
        control = f'<input type="{kinds.get(kind, "text")}" {attrs} value="{esc(value)}"{extra}>'
        hint = {
            "number": "A number, like 12 or 3.5.",
            "money": f"An amount in {content.CURRENCY}, like 49.99.",
        }.get(kind, "")
    wide = " wide" if kind == "longtext" else ""
    css = f"field{wide}" + (" field-error" if error else "")
    star = ' <span class="req">*</span>' if required else ""
    message = f'<div class="error-text" id="{esc(ident)}-error">{esc(error)}</div>' if error else ""
    hint_html = f'<div class="hint">{esc(hint)}</div>' if hint and not error else ""
    return (
        f'<div class="{css}"><label for="{esc(ident)}">{esc(field["label"])}{star}</label>'
        f"{control}{message}{hint_html}</div>"
    )


def form_page(
    entity: Entity, values: dict[str, str], errors: dict[str, str], status: int = 200
) -> web.Response:
    slug = "/" + entity["slug"]
    singular = entity["singular"].lower()
    inputs = "".join(
        field_input(f, values.get(f["name"], ""), errors.get(f["name"], ""), i == 0)
        for i, f in enumerate(entity["fields"])
    )
    summary = ""
    if errors:
        items = "".join(f"<li>{esc(message)}</li>" for message in errors.values())
        things = "thing" if len(errors) == 1 else "things"
        summary = (
            f'<div class="error-summary" role="alert"><strong>Please fix {len(errors)} {things} '
            f"before saving:</strong><ul>{items}</ul></div>"
        )
    body = (
        '<section class="page-head"><div>'
        f'<a class="crumbs" href="{esc(url(slug))}">\u2190 All {esc(entity["plural"].lower())}</a>'
        f"<h1>Add {esc(entity['article'])} {esc(singular)}</h1>"
        '<p class="muted">Fill in the details below. Fields marked * are required.</p></div>'
        "</section>"
        '<div class="card form-card">'
        f'<form class="stack" method="post" action="{esc(url(slug))}" novalidate>'
        f'{summary}<div class="form-grid">{inputs}</div>'
        '<div class="actions" style="margin-top:4px">'
        f'<button class="btn" type="submit">Save {esc(singular)}</button>'
        f'<a class="btn btn-ghost" href="{esc(url(slug))}">Cancel</a></div></form></div>'
    )
    return layout.page(f"Add {entity['singular']}", body, active=slug, status=status)


def new_form(entity: Entity, request: web.Request) -> web.Response:
    return form_page(entity, {}, {})


def create(entity: Entity, request: web.Request) -> web.Response:
    values, errors = store.validate(entity, request.form)
    if errors:
        return form_page(entity, values, errors, status=422)
    record_id = store.insert(entity, values)
    return web.redirect("/" + entity["slug"], added=str(record_id))


def remove(entity: Entity, request: web.Request, record_id: str) -> web.Response:
    store.delete(entity, int(record_id))
    return web.redirect("/" + entity["slug"], removed="1")
