"""Pointing at a part of a running app from livebuild's page: a small script served on the
preview's own origin and added to its pages only when they are shown in livebuild's frame.

The script does nothing until livebuild's page (and only it, by origin) turns it on; then
it outlines what the pointer is over and, on a click, tells livebuild's page (and only
it) which part that was, by identifiers: the page's path, the kind of element, a form
field's name and a short label. Nothing else of the page, and no cookie, leaves.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from starlette.responses import Response, StreamingResponse

POINTER_PATH = "/.livebuild/point.js"
# An HTML page bigger than this is shown as it is, without the pointer.
MAX_PAGE_BYTES = 2_000_000

_SCRIPT = (Path(__file__).resolve().parent / "point.js").read_text(encoding="utf-8")
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def pointer_script(livebuild_origin: str, base_path: str) -> str:
    settings = json.dumps({"parent": livebuild_origin, "base": base_path})
    return _SCRIPT.replace("/*SETTINGS*/{}", settings)


def wants_pointer(method: str, sec_fetch_dest: str | None) -> bool:
    """Only a page loaded into a frame gets the pointer; tabs and screenshots never do."""
    return method == "GET" and sec_fetch_dest == "iframe"


def with_pointer(page: bytes, base_path: str) -> bytes:
    tag = f'<script src="{base_path}{POINTER_PATH}" defer></script>'.encode()
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + tag
    at = ends[-1].start()
    return page[:at] + tag + page[at:]


async def add_pointer(response: Response, base_path: str) -> Response:
    """The app's HTML page with the pointer script; anything else as it was."""
    headers = dict(response.headers)
    html = headers.get("content-type", "").startswith("text/html")
    small = int(headers.get("content-length", MAX_PAGE_BYTES + 1)) <= MAX_PAGE_BYTES
    if (
        response.status_code != 200
        or not html
        or not small
        or "content-encoding" in headers
        or not isinstance(response, StreamingResponse)
    ):
        return response
    page = b"".join([_bytes(chunk) async for chunk in response.body_iterator])
    if response.background is not None:
        await response.background()
    body = with_pointer(page, base_path)
    raw = [(k, v) for k, v in response.raw_headers if k != b"content-length"]
    raw.append((b"content-length", str(len(body)).encode()))
    answer = Response(body, status_code=200)
    answer.raw_headers = raw
    return answer


def _bytes(chunk: str | bytes | memoryview) -> bytes:
    return chunk.encode() if isinstance(chunk, str) else bytes(chunk)
