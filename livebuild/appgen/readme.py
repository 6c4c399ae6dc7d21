"""The generated app's README: a Markdown template filled in from the spec."""

from __future__ import annotations

from string import Template

from livebuild.appgen.spec import AppSpec
from livebuild.appgen.template import template


def _lower_first(text: str) -> str:
    return text if len(text) > 1 and text[1].isupper() else text[:1].lower() + text[1:]


def readme(spec: AppSpec) -> str:
    # $-placeholders rather than str.format, so braces in future Markdown need no escaping.
    return Template(template("README.md")).substitute(
        name=spec.name,
        tagline=spec.tagline,
        users=_lower_first(spec.users),
        problem=spec.problem,
        features="\n".join(f"- {f}" for f in spec.features),
        entities=", ".join(e["plural"].lower() for e in spec.entities),
        pages="\n".join(
            f"- `/{e['slug']}`: {e['plural'].lower()} (list, search, add, edit, delete)"
            for e in spec.entities
        ),
    )
