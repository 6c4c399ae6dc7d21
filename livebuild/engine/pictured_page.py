"""Which page of the app a build's pictures show.

A first version is pictured on its home page. A change is pictured where it happened: a
founder who asked for the bike's make on each job should see the job form with its new
field, not the home page, which looks exactly as it did before the change.
"""

from __future__ import annotations

from typing import Any

from livebuild.appgen.spec import build_spec
from livebuild.brief import Brief


def _kinds(brief: Brief) -> dict[str, list[tuple[str, str, tuple[str, ...]]]]:
    """Each kind of record by its page's address, with what its form shows of each field."""
    return {
        str(entity["slug"]): [
            (str(f["label"]), str(f["kind"]), tuple(str(c) for c in f.get("choices") or ()))
            for f in entity["fields"]
        ]
        for entity in build_spec(brief).entities
    }


def pictured_page(before: dict[str, Any] | None, after: Brief) -> str:
    """The app's path to picture: "/" for a first version or a change no kind of record shows
    (a colour, the tagline); a kind's form ("/jobs/new") when its fields changed; a kind's
    list ("/kiln-loads") when the kind is new or renamed."""
    if before is None:
        return "/"
    try:
        old = _kinds(Brief.from_dict(before))
    except (KeyError, TypeError, ValueError):
        return "/"
    for slug, fields in _kinds(after).items():
        if slug not in old:
            return f"/{slug}"
        if fields != old[slug]:
            return f"/{slug}/new"
    return "/"
