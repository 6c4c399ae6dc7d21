"""Read the generated app's source files, which ship as package data under `files/`."""

from __future__ import annotations

import functools
from importlib import resources

# The folder mirrors the generated app's layout, so a template's name is its path in the app.
_ROOT = resources.files(__package__).joinpath("files")


@functools.cache
def template(rel: str) -> str:
    """The text of `files/<rel>` (a relative POSIX path), read once per process."""
    return _ROOT.joinpath(*rel.split("/")).read_text(encoding="utf-8")
