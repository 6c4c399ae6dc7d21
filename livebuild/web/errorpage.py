"""Errors met by a browser opening a page answer a page, never JSON."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from livebuild.web.templating import templates

# Paths whose answers are data, read by a script or a client, not opened as pages.
_DATA_PATHS = ("/api/", "/static/", "/blobs/")

_TITLES = {
    404: "We couldn't find that page",
    409: "That can't be done just now",
    429: "Please wait a moment",
}
_NOT_FOUND = "It may have been deleted, or the address isn't complete."
_SHARED_GONE = (
    "This shared link doesn't open anything: its owner may have stopped sharing, "
    "or the address isn't complete."
)


def is_page_request(request: Request) -> bool:
    """A browser opening a page; a client asking for data still gets `{"detail"}`."""
    return (
        request.method in ("GET", "HEAD")
        and not request.url.path.startswith(_DATA_PATHS)
        and "text/html" in request.headers.get("accept", "")
    )


def error_page(
    request: Request, status_code: int, message: str, headers: dict[str, str] | None = None
) -> HTMLResponse:
    shared = request.url.path.startswith("/s/")
    context = {
        "title": _TITLES.get(status_code, "Something isn't right"),
        "message": message if status_code != 404 else _SHARED_GONE if shared else _NOT_FOUND,
        "shared": shared,
    }
    response = templates.TemplateResponse(
        request, "error.html", context, status_code=status_code, headers=headers
    )
    if shared:
        response.headers["Referrer-Policy"] = "no-referrer"
    return response
