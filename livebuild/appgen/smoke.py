"""The generated app's own smoke test (`tests/smoke.py`): static body, data header."""

from __future__ import annotations

import ast
import pprint
import re
from typing import Any

from livebuild.appgen.spec import AppSpec
from livebuild.appgen.template import template

# The line in the template that the real expectations replace.
_PLACEHOLDER = "EXPECT: dict[str, Any] = {}\n"

_VALID = {
    "number": "3",
    "money": "25.00",
    "date": "2026-05-01",
    "email": "smoke@example.com",
    "longtext": "Created by the smoke test.",
    "text": "Smoke test",
    "phone": "+1 555 010 0199",
    "url": "example.com",
    "boolean": "yes",
    "time": "09:30",
    "datetime": "2026-05-01 09:30",
    # A link is optional; which records exist to link to is the app's to know.
    "link": "",
}
_INVALID = {
    "number": "not a number",
    "money": "lots",
    "date": "31/02/2026",
    "email": "not-an-email",
    "phone": "call me",
    "url": "javascript:alert(1)",
    "time": "25:99",
    "datetime": "someday",
}


def smoke_expectations(spec: AppSpec) -> dict[str, Any]:
    # The form walked is of the first kind whose title is typed (one picked needs a record).
    first = next((e for e in spec.entities if e["fields"][0]["kind"] != "link"), spec.entities[0])
    fields = first["fields"]
    valid = {
        f["name"]: (
            f["choices"][0] if f["kind"] == "choice" else _VALID.get(f["kind"], "Smoke test")
        )
        for f in fields
    }
    bad = next((f for f in fields[1:] if f["kind"] in _INVALID), None)
    invalid = dict(valid)
    if bad is not None:
        invalid[bad["name"]] = _INVALID[bad["kind"]]
    return {
        "name": spec.name,
        "entities": [{"slug": e["slug"], "plural": e["plural"]} for e in spec.entities],
        "form": {
            "slug": first["slug"],
            "singular": first["singular"],
            "title_field": fields[0]["name"],
            "valid": valid,
            "invalid": invalid,
            "invalid_title_blank": bad is None,
        },
    }


def smoke_py(spec: AppSpec) -> str:
    expect = pprint.pformat(smoke_expectations(spec), width=100, sort_dicts=False)
    source = template("tests/smoke.py")
    # The template carries an empty EXPECT so it stays a valid, lintable module on its own.
    if source.count(_PLACEHOLDER) != 1:
        raise RuntimeError("tests/smoke.py template must contain exactly one EXPECT placeholder")
    return source.replace(_PLACEHOLDER, f"EXPECT: dict[str, Any] = {expect}\n")


_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")
# Each entity is a request the worker makes; far more than a generated app has. A smoke
# test that lists more is run in its sandbox, at the app's CPU, not walked by the worker.
MAX_WALKED_ENTITIES = 64


def generated_expectations(source: str) -> dict[str, Any] | None:
    """The `EXPECT` of a smoke test that is exactly the one `smoke_py` writes (any other
    test, or one edited, is None: only the app can run what it checks). Parsed as data."""
    before, after = template("tests/smoke.py").split(_PLACEHOLDER)
    if not (source.startswith(before) and source.endswith(after)):
        return None
    middle = source[len(before) : len(source) - len(after)]
    if not middle.startswith("EXPECT: dict[str, Any] = "):
        return None
    try:
        tree = ast.parse(middle)
        if len(tree.body) != 1 or not isinstance(tree.body[0], ast.AnnAssign):
            return None
        value = tree.body[0].value
        expect = ast.literal_eval(value) if value is not None else None
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
        return None
    return expect if _well_formed(expect) else None


def _strings(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _well_formed(expect: Any) -> bool:
    if not isinstance(expect, dict) or not isinstance(expect.get("name"), str):
        return False
    entities, form = expect.get("entities"), expect.get("form")
    if not isinstance(entities, list) or not isinstance(form, dict):
        return False
    if len(entities) > MAX_WALKED_ENTITIES:
        return False
    slugs = [e.get("slug") if isinstance(e, dict) else None for e in entities]
    slugs.append(form.get("slug"))
    return (
        all(isinstance(s, str) and _SLUG.fullmatch(s) for s in slugs)
        and all(isinstance(e.get("plural"), str) for e in entities)
        and all(isinstance(form.get(k), str) for k in ("singular", "title_field"))
        and _strings(form.get("valid"))
        and _strings(form.get("invalid"))
        and isinstance(form.get("invalid_title_blank"), bool)
    )
