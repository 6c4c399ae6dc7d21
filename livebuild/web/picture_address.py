"""A stored picture's address as the pages show it.

Builds made before pictures were addressed at livebuild's own path stored the address of the
process that took them (`http://127.0.0.1:<port>/blobs/snapshots/…`); a terminal build's port
is gone once the command ends. Such a local address is read back as its path only: the
`/blobs/snapshots/` route serves only the pictures recorded for that build, so nothing
outside them can be reached this way. Any other address (S3, a CDN, `LIVEBUILD_PUBLIC_URL`)
is shown as stored."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})
_OWN_PATH = "/blobs/snapshots/"


def shown_picture(stored: str | None) -> str | None:
    """`stored`, or only its path (and query) when it is a local `/blobs/snapshots/` one."""
    if not stored or stored.startswith("/"):
        return stored
    try:
        parts = urlsplit(stored)
        host = parts.hostname
    except ValueError:
        return stored
    if host not in _LOCAL_HOSTS or not parts.path.startswith(_OWN_PATH):
        return stored
    return urlunsplit(("", "", parts.path, parts.query, ""))
