"""The add and edit forms of every entity (one form, empty or filled in) and saving them."""

from __future__ import annotations

import json
from typing import Any

import content
import fields
import layout
import schema
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
    if kind == "boolean":
        checked = " checked" if value == "yes" else ""
        return f'<input type="checkbox" {attrs} value="yes"{checked}>'
    # a value the browser's picker can't show (being corrected) is shown as plain text
    shown = value.replace(" ", "T", 1) if kind == "datetime" and not error else value
    kind_type = "text" if error and kind in ("date", "time", "datetime") else INPUT_TYPES.get(kind)
    extra = ' inputmode="decimal"' if kind in ("number", "money") else ""
    if (kind_type or "text") in ("text", "tel", "url", "email"):
        # The box stops where saving would: no typing a page only to be told it is too long.
        extra += f' maxlength="{fields.MAX_LENGTH.get(kind, fields.DEFAULT_MAX_LENGTH)}"'
    return f'<input type="{kind_type or "text"}" {attrs} value="{esc(shown)}"{extra}>'


def link_control(field: Field, value: str, typed: str | None, more: str) -> str:
    """A text box to type part of the linked record's name in: the picker's script lists
    the records that match as you type (searched on the server, so any number of them);
    without it, the name typed is looked up on saving, and a name several share lists
    them to pick from."""
    name, ident = field["name"], "f-" + field["name"]
    target = store.entity_by_slug(field.get("links_to") or "")
    if target is None:
        return f'<input type="text" id="{esc(ident)}" disabled>'
    record = store.get(target, int(value)) if value.isdigit() else None
    # A name kept as text (no record was called it) stays in the box, to be picked again.
    kept = "" if value.isdigit() else schema.unmarked(value)
    shown = typed if typed is not None else store.title_of(target, record) if record else kept
    box = (
        f'<div class="pick" data-choices="{esc(url("/" + target["slug"] + "/choices"))}">'
        f'<input type="text" id="{esc(ident)}" name="{esc(name)}__find" value="{esc(shown)}"'
        f' autocomplete="off" spellcheck="false" maxlength="{fields.DEFAULT_MAX_LENGTH}"{more}>'
        f'<input type="hidden" name="{esc(name)}" value="{esc(value)}">'
        f'<ul class="pick-list" id="{esc(ident)}-list" hidden></ul></div>'
    )
    text = (typed or "").strip()
    if value or not text:
        return box
    found = store.matches(target, text)
    if len(found) < 2:
        return box
    picks = "".join(
        f'<label><input type="radio" name="{esc(name)}__pick" value="{esc(i)}"> {esc(t)}</label>'
        for i, t in found[:20]
    )
    more_text = '<p class="muted">More match: type more of the name.</p>' if len(found) > 20 else ""
    legend = f"{target['plural']} that match"
    return (
        f'{box}<fieldset class="choices pick-found"><legend class="sr-only">{esc(legend)}</legend>'
        f"{picks}</fieldset>{more_text}"
    )


def choices(entity: Entity, request: web.Request) -> web.Response:
    """The records of `entity` whose name holds `q`, for the link picker (JSON)."""
    found = store.matches(entity, request.arg("q")[:200])
    listed = [{"id": i, "title": t} for i, t in found[:20]]
    body = json.dumps({"choices": listed, "more": len(found) > 20})
    return web.Response(body=body, content_type="application/json; charset=utf-8")


def field_input(
    field: Field, value: str, error: str, required: bool, typed: str | None = None
) -> str:
    name, kind = field["name"], field["kind"]
    ident = "f-" + name
    more = " required" if required else ""
    if error:
        more += f' aria-invalid="true" aria-describedby="{esc(ident)}-error"'
    attrs = f'id="{esc(ident)}" name="{esc(name)}"' + more
    hint = HINTS.get(kind) or (
        f"An amount in {content.CURRENCY}, like 49.99." if kind == "money" else ""
    )
    if kind == "link":
        hint = "Type part of the name, then pick it from the list."
    wide = " wide" if kind == "longtext" else ""
    check = " field-check" if kind == "boolean" else ""
    css = f"field{wide}{check}" + (" field-error" if error else "")
    star = ' <span class="req">*</span>' if required else ""
    message = f'<div class="error-text" id="{esc(ident)}-error">{esc(error)}</div>' if error else ""
    hint_html = f'<div class="hint">{esc(hint)}</div>' if hint and not error else ""
    label = f'<label for="{esc(ident)}">{esc(field["label"])}{star}</label>'
    if kind == "link":
        inner = link_control(field, value, typed, more)
    else:
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
        field_input(
            f,
            values.get(f["name"], ""),
            errors.get(f["name"], ""),
            i == 0,
            values.get(f["name"] + "__find") if f["name"] + "__find" in values else None,
        )
        for i, f in enumerate(entity["fields"])
    )
    linked = any(f["kind"] == "link" for f in entity["fields"])
    script = f'<script src="{esc(web.static_url("pick.js"))}" defer></script>' if linked else ""
    summary = ""
    if errors:
        items = "".join(f"<li>{esc(message)}</li>" for message in errors.values())
        things = "thing" if len(errors) == 1 else "things"
        summary = (
            f'<div class="error-summary" role="alert"><strong>Please fix {len(errors)} {things} '
            f"before saving:</strong><ul>{items}</ul></div>"
        )
    if record_id:
        stored = store.get(entity, int(record_id)) or values
        heading = f"Edit {store.title_of(entity, stored)}"
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
        f"{script}"
    )
    return layout.page(heading, body, active=slug, status=status)


def new_form(entity: Entity, request: web.Request) -> web.Response:
    # A new record starts at its status's first choice ("Active", "Planned"): left blank it
    # would show under no filter of the list but All.
    status = next((f for f in entity["fields"] if f["name"] == "status" and f.get("choices")), None)
    return form_page(entity, {"status": status["choices"][0]} if status else {}, {})


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
