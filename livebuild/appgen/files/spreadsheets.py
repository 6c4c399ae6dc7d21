"""The import and export pages of every record kind, and the same as plain CSV over HTTP."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

import content
import csvio
import layout
import web
from web import esc, url

Entity = dict[str, Any]
PREVIEW_ROWS = 5
# A token longer than this (an address, a pasted code) may break anywhere in the preview.
LONG_TOKEN = 18


def routes() -> list[web.Route]:
    result: list[web.Route] = []
    for entity in content.ENTITIES:
        base = "/" + re.escape(entity["slug"])
        result += [
            web.route("GET", base + r"\.csv", partial(download, entity)),
            web.route("POST", base + r"\.csv", partial(upload, entity)),
            web.route("GET", base + "/import", partial(import_page, entity)),
            web.route("POST", base + "/import", partial(import_form, entity)),
        ]
    return result


def download(entity: Entity, request: web.Request) -> web.Response:
    return web.Response(
        body=csvio.export(entity),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{entity["slug"]}.csv"'},
    )


def upload(entity: Entity, request: web.Request) -> web.Response:
    """A CSV body in, {"imported": n} out; 422 with every row to fix and nothing imported."""
    result = csvio.import_text(entity, request.body.decode("utf-8", "replace"))
    return web.Response(
        status=200 if "imported" in result else 422,
        body=csvio.as_json(result),
        content_type="application/json",
    )


def _shell(entity: Entity, inner: str, status: int = 200) -> web.Response:
    slug = "/" + entity["slug"]
    body = (
        '<section class="page-head"><div>'
        f'<a class="crumbs" href="{esc(url(slug))}">\u2190 All {esc(entity["plural"].lower())}</a>'
        f"<h1>Import {esc(entity['plural'].lower())}</h1>"
        '<p class="muted">Bring records in from a spreadsheet saved as CSV. Nothing is saved'
        " until every row is right.</p></div></section>"
        f'<div class="card form-card">{inner}</div>'
    )
    return layout.page(f"Import {entity['plural']}", body, active=slug, status=status)


def import_page(entity: Entity, request: web.Request) -> web.Response:
    labels = ", ".join(f["label"] for f in entity["fields"])
    inner = (
        f'<form class="stack" method="post" action="{esc(url("/" + entity["slug"] + "/import"))}"'
        ' enctype="multipart/form-data">'
        f"<p>Columns are matched to fields by their headings: <strong>{esc(labels)}</strong>."
        " You can change the matching on the next page.</p>"
        '<div class="field"><label for="f-file">CSV file</label>'
        '<input id="f-file" type="file" name="file" accept=".csv,text/csv"></div>'
        '<div class="field"><label for="f-csv">Or paste it here</label>'
        '<textarea id="f-csv" name="csv"></textarea></div>'
        '<div class="actions"><button class="btn" type="submit">Check the file</button></div>'
        "</form>"
    )
    return _shell(entity, inner)


def _mapping_from(form: dict[str, str], width: int, entity: Entity) -> dict[int, str] | None:
    names = {f["name"] for f in entity["fields"]}
    if not any(key.startswith("map_") for key in form):
        return None
    chosen: dict[int, str] = {}
    for index in range(width):
        name = form.get(f"map_{index}", "")
        if name in names and name not in chosen.values():
            chosen[index] = name
    return chosen


def _selected(chosen: bool) -> str:
    return " selected" if chosen else ""


def _mapper(entity: Entity, header: list[str], mapping: dict[int, str]) -> str:
    cells = []
    for index, title in enumerate(header):
        options = '<option value="">Leave out</option>' + "".join(
            f'<option value="{esc(f["name"])}"{_selected(mapping.get(index) == f["name"])}>'
            f"{esc(f['label'])}</option>"
            for f in entity["fields"]
        )
        cells.append(
            f'<div class="field"><label for="map-{index}">Column \u201c{esc(title)}\u201d</label>'
            f'<select id="map-{index}" name="map_{index}">{options}</select></div>'
        )
    return f'<div class="form-grid">{"".join(cells)}</div>'


def _preview(header: list[str], rows: list[list[str]]) -> str:
    """The first rows with every column: words are never broken, a long pasted token may be
    (anywhere), and a table wider than a phone slides inside its card, which says so."""
    head = "".join(f"<th>{_cell(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row[: len(header)]) + "</tr>"
        for row in rows[:PREVIEW_ROWS]
    )
    note = (
        '<p class="muted slide-note">Slide the table sideways to see every column.</p>'
        if len(header) > 3
        else ""
    )
    return (
        f'<div class="table-card table-slide"><table class="data preview"><thead><tr>{head}'
        f"</tr></thead><tbody>{body}</tbody></table></div>{note}"
    )


def _cell(text: str) -> str:
    """A cell's text, each token longer than a word marked so that only it may break."""
    return " ".join(
        f'<span class="long">{esc(word)}</span>' if len(word) > LONG_TOKEN else esc(word)
        for word in text.split(" ")
    )


def import_form(entity: Entity, request: web.Request) -> web.Response:
    text = request.form.get("file") or request.form.get("csv", "")
    header, rows = csvio.parse(text)
    if not header:
        return _shell(entity, '<p class="error-text">That file is empty.</p>', status=422)
    mapping = _mapping_from(request.form, len(header), entity)
    if request.form.get("confirm") == "1":
        result = csvio.import_text(entity, text, mapping)
        if "imported" in result:
            return web.redirect("/" + entity["slug"], imported=str(result["imported"]))
    chosen = mapping if mapping is not None else csvio.guess_mapping(entity, header)
    records, problems = csvio.check(entity, rows, chosen)
    missing_title = entity["fields"][0]["name"] not in chosen.values()
    errors = "".join(
        f"<li>Row {p['row']}: {esc(p['message'])}</li>" for p in problems[: csvio.MAX_SHOWN_ERRORS]
    )
    notes = ""
    if missing_title:
        notes = (
            '<div class="error-summary" role="alert">Match a column to '
            f"{esc(entity['fields'][0]['label'])}: every row needs it.</div>"
        )
    elif problems:
        notes = (
            f'<div class="error-summary" role="alert"><strong>{len(problems):,} of'
            f" {len(rows):,} rows need fixing; nothing is imported until they are.</strong>"
            f"<ul>{errors}</ul></div>"
        )
    ready = not problems and not missing_title
    button = f"Import {len(records):,} rows" if ready else "Check again"
    inner = (
        f'<form class="stack" method="post" action="{esc(url("/" + entity["slug"] + "/import"))}">'
        f"{notes}<h2>Match the columns</h2>{_mapper(entity, header, chosen)}"
        f"<h2>First rows</h2>{_preview(header, rows)}"
        f'<input type="hidden" name="csv" value="{esc(text)}">'
        f'<input type="hidden" name="confirm" value="{"1" if ready else ""}">'
        f'<div class="actions"><button class="btn" type="submit">{esc(button)}</button>'
        f'<a class="btn btn-ghost" href="{esc(url("/" + entity["slug"] + "/import"))}">'
        "Start over</a></div></form>"
    )
    return _shell(entity, inner, status=200 if ready else 422)
