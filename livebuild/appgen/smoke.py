"""The generated app's own smoke test (`tests/smoke.py`): static body, data header."""

from __future__ import annotations

import pprint
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
    first = spec.entities[0]
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
