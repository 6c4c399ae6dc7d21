"""The add and edit forms of every entity (one form, empty or filled in) and saving them."""

from __future__ import annotations

from typing import Any

import content
import layout
import store
import web
from web import esc, url

Entity = dict[str, Any]
Field = dict[str, Any]

INPUT_TYPES = {
    "email": "email",
    "phone": "tel",
    "url": "url",
    "date": "date",
    "time": "time",
    "datetime": "datetime-local",
}
HINTS = {
    "number": "A number, like 12 or 3.5.",
    "phone": "A phone number, like +1 555 010 0199.",
    "url": "A web address, like example.com.",
}


def _select(attrs: str, options: list[tuple[str, str]], value: str, prompt: str) -> str:
    rendered = f'<option value="">{esc(prompt)}</option>' + "".join(
        f'<option value="{esc(v)}"{" selected" if v == value else ""}>{esc(label)}</option>'
        for v, label in options
    )
    return f"<select {attrs}>{rendered}</select>"


def control(field: Field, value: str, attrs: str, error: str) -> str:
    kind = field["kind"]
    if kind == "longtext":
        return f'<textarea {attrs} maxlength="5000">{esc(value)}</textarea>'
    if kind == "choice":
        return _select(attrs, [(c, c) for c in field["choices"]], value, "Choose\u2026")
    if kind == "link":
        target = store.entity_by_slug(field.get("links_to") or "")
        options = store.options(target, keep=value) if target is not None else []
        return _select(attrs, options, value, "Choose\u2026")
    if kind == "boolean":
        checked = " checked" if value == "yes" else ""
        return f'<input type="checkbox" {attrs} value="yes"{checked}>'
    # a value the browser's picker can't show (being corrected) is shown as plain text
    shown = value.replace(" ", "T", 1) if kind == "datetime" and not error else value
    kind_type = "text" if error and kind in ("date", "time", "datetime") else INPUT_TYPES.get(kind)
    extra = ' inputmode="decimal"' if kind in ("number", "money") else ""
    return f'<input type="{kind_type or "text"}" {attrs} value="{esc(shown)}"{extra}>'


def field_input(field: Field, value: str, error: str, required: bool) -> str:
    name, kind = field["name"], field["kind"]
    ident = "f-" + name
    attrs = f'id="{esc(ident)}" name="{esc(name)}"' + (" required" if required else "")
    if error:
        attrs += f' aria-invalid="true" aria-describedby="{esc(ident)}-error"'
    hint = HINTS.get(kind) or (
        f"An amount in {content.CURRENCY}, like 49.99." if kind == "money" else ""
    )
    wide = " wide" if kind == "longtext" else ""
    check = " field-check" if kind == "boolean" else ""
    css = f"field{wide}{check}" + (" field-error" if error else "")
    star = ' <span class="req">*</span>' if required else ""
    message = f'<div class="error-text" id="{esc(ident)}-error">{esc(error)}</div>' if error else ""
    hint_html = f'<div class="hint">{esc(hint)}</div>' if hint and not error else ""
    label = f'<label for="{esc(ident)}">{esc(field["label"])}{star}</label>'
    inner = control(field, value, attrs, error)
    if kind == "boolean":
        return f'<div class="{css}">{inner}{label}{message}</div>'
    return f'<div class="{css}">{label}{inner}{message}{hint_html}</div>'


def form_page(
    entity: Entity,
    values: dict[str, str],
    errors: dict[str, str],
    *,
    record_id: str = "",
    status: int = 200,
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
    if record_id:
        heading = f"Edit {store.title_of(entity, values)}"
        action, back, button = f"{slug}/{record_id}/edit", f"{slug}/{record_id}", "Save changes"
    else:
        heading = f"Add {entity['article']} {singular}"
        action, back, button = slug, slug, f"Save {singular}"
    body = (
        '<section class="page-head"><div>'
        f'<a class="crumbs" href="{esc(url(slug))}">\u2190 All {esc(entity["plural"].lower())}</a>'
        f"<h1>{esc(heading)}</h1>"
        '<p class="muted">Fill in the details below. Fields marked * are required.</p></div>'
        "</section>"
        '<div class="card form-card">'
        f'<form class="stack" method="post" action="{esc(url(action))}" novalidate>'
        f'{summary}<div class="form-grid">{inputs}</div>'
        '<div class="actions form-actions">'
        f'<button class="btn" type="submit">{esc(button)}</button>'
        f'<a class="btn btn-ghost" href="{esc(url(back))}">Cancel</a></div></form></div>'
    )
    return layout.page(heading, body, active=slug, status=status)


def new_form(entity: Entity, request: web.Request) -> web.Response:
    return form_page(entity, {}, {})


def create(entity: Entity, request: web.Request) -> web.Response:
    values, errors = store.validate(entity, request.form)
    if errors:
        return form_page(entity, values, errors, status=422)
    record_id = store.insert(entity, values)
    return web.redirect("/" + entity["slug"], added=str(record_id))


def edit_form(entity: Entity, request: web.Request, record_id: str) -> web.Response:
    record = store.get(entity, int(record_id))
    if record is None:
        return layout.error_page(404)
    return form_page(entity, record, {}, record_id=record_id)


def save_edit(entity: Entity, request: web.Request, record_id: str) -> web.Response:
    if store.get(entity, int(record_id)) is None:
        return layout.error_page(404)
    values, errors = store.validate(entity, request.form)
    if errors:
        return form_page(entity, values, errors, record_id=record_id, status=422)
    store.update(entity, int(record_id), values)
    return web.redirect(f"/{entity['slug']}/{record_id}", saved="1")
