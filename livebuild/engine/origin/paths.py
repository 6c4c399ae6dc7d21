"""A preview's path, bound to its build before it is forwarded anywhere.

A path is joined to an address of livebuild's own (a worker's relay of one build, an
app's base path), so a `..` in it would climb out: to another build's app, or to the
worker's own routes. Browsers remove dot segments before they send a request, so a
path that still has one, written plainly or percent-encoded, is refused rather than
resolved: no page of a real app is lost.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# Percent-encoding can be nested (`%252e`): decoding stops once nothing changes.
_MAX_DECODES = 4
_SEPARATORS = re.compile(r"[/\\]")


def bound_path(path: str) -> str | None:
    """`path` (starting with "/") if it stays below the root it is joined to, else None."""
    if not path.startswith("/"):
        return None
    seen = path
    for _ in range(_MAX_DECODES):
        if "\0" in seen or any(segment in (".", "..") for segment in _SEPARATORS.split(seen)):
            return None
        decoded = unquote(seen, errors="replace")
        if decoded == seen:
            return path
        seen = decoded
    # Still changing after that many decodings: nothing a real app's page sends.
    return None
