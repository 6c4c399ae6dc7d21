"""A generated app's smoke test, every check of it, walked from the host through the
founder's preview link instead of run in a second sandbox.

Only for the smoke test `appgen` writes (its `EXPECT` read as data, never run): the walk
makes the same requests and the same checks with the same messages. The app's answers are
hostile: each read is bounded (the bytes the app sent, asked for unpacked and never unpacked
here, so a small compressed answer can't grow), each request has a time limit, any failure
of a request is the app's, and a redirect is followed only within the preview.
"""

from __future__ import annotations

import asyncio
import html
import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# More than any generated page; what is past it is not read.
MAX_BODY = 2_000_000
# The smoke test's own limit for one request.
REQUEST_S = 10.0
_REDIRECTS = 5
_SAVED = re.compile(r'<tr class="just-added"><td class="title"><a href="[^"]*/(\d+)"')
_COUNT = re.compile(r'data-count="(\d+)"')

# Asked of the app so that what it sends is what is counted; a packed answer is read packed.
IDENTITY = {"Accept-Encoding": "identity"}

Check = Callable[[bool, str], None]


class TooLarge(Exception):
    """An answer longer than a generated page ever is."""


class BoundedBody:
    """An in-process origin whose answers end past `limit` bytes: an in-process transport
    keeps a whole answer in memory before it is read, so an endless page must end here."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self._app = app
        self._limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        sent = 0

        async def counted(message: Message) -> None:
            nonlocal sent
            if message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
                if sent > self._limit:
                    raise TooLarge
            await send(message)

        await self._app(scope, receive, counted)


async def _read(response: httpx.Response) -> str:
    body = bytearray()
    # Raw: httpx would unpack a compressed answer whole, with no limit, before any cut here.
    async for chunk in response.aiter_raw():
        body += chunk[: MAX_BODY - len(body)]
        if len(body) >= MAX_BODY:
            break
    return body.decode("utf-8", "replace")


async def answer(
    client: httpx.AsyncClient, url: str, form: dict[str, str] | None = None
) -> tuple[int, str, str | None]:
    """(status, page as sent, Location) of one GET, or one POST of `form`, read bounded."""
    method = "GET" if form is None else "POST"
    async with client.stream(method, url, data=form, headers=IDENTITY) as response:
        return response.status_code, await _read(response), response.headers.get("location")


class Walk:
    def __init__(self, client: httpx.AsyncClient, root: str) -> None:
        self._client = client
        self._root = root

    async def fetch(self, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        """(status, page) as urllib gives them the smoke test; (0, why) when nothing came."""
        try:
            return await asyncio.wait_for(self._follow(path, form), REQUEST_S)
        except Exception as error:
            # Whatever a request to the app ends in (a header or an address httpx refuses,
            # an answer past the limit) is the app's failure, never ours.
            return 0, type(error).__name__

    async def _follow(self, path: str, form: dict[str, str] | None) -> tuple[int, str]:
        url = urljoin(self._root, path.lstrip("/"))
        status, page = 0, ""
        for _ in range(_REDIRECTS):
            status, page, location = await answer(self._client, url, form)
            if status not in (301, 302, 303) or location is None:
                return status, page
            url, form = urljoin(url, location), None
            if not url.startswith(self._root):
                return status, page
        return status, page


async def walk(client: httpx.AsyncClient, root: str, expect: dict[str, Any]) -> list[str]:
    """What the smoke test would print as failures (none when the app passes)."""
    failures: list[str] = []

    def check(ok: bool, message: str) -> None:
        if not ok:
            failures.append(message)

    app = Walk(client, root)
    await _pages(app, expect, check)
    await _records(app, expect["form"], check)
    return failures


async def _pages(app: Walk, expect: dict[str, Any], check: Check) -> None:
    status, page = await app.fetch("/")
    check(status == 200, f"GET / answered {status}, expected 200")
    check(html.escape(expect["name"]) in page, "the landing page does not show the product name")
    check('data-ready="true"' in page, "the landing page is missing data-ready")

    status, page = await app.fetch("/healthz")
    check(status == 200 and page.strip() == "ok", f"GET /healthz answered {status} {page[:40]!r}")

    for entity in expect["entities"]:
        status, page = await app.fetch(f"/{entity['slug']}")
        check(status == 200, f"GET /{entity['slug']} answered {status}, expected 200")
        check(
            html.escape(entity["plural"]) in page,
            f"/{entity['slug']} does not show {entity['plural']!r}",
        )


def _count(page: str) -> int | None:
    match = _COUNT.search(page)
    return int(match.group(1)) if match else None


async def _records(app: Walk, form: dict[str, Any], check: Check) -> None:
    list_url = f"/{form['slug']}"
    status, page = await app.fetch(list_url + "/new")
    check(
        status == 200 and "<form" in page, f"GET /{form['slug']}/new did not show a form ({status})"
    )
    marker = f"Smoke check {int(time.time() * 1000) % 10**9}"
    valid = dict(form["valid"], **{form["title_field"]: marker})
    status, page = await app.fetch(list_url, valid)
    check(status == 200, f"submitting a valid {form['singular']} ended with {status}, expected 200")
    check(html.escape(marker) in page, f"the new {form['singular']} does not appear in the list")
    saved = _SAVED.search(page)

    before = _count((await app.fetch(list_url))[1])
    rejected = marker + " rejected"
    title = "" if form["invalid_title_blank"] else rejected
    status, page = await app.fetch(list_url, dict(form["invalid"], **{form["title_field"]: title}))
    check(
        status in (400, 422),
        f"an invalid {form['singular']} answered {status}, expected 400 or 422",
    )
    after_page = (await app.fetch(list_url))[1]
    check(
        before is not None and before == _count(after_page),
        "an invalid submission changed the number of records",
    )
    check(html.escape(rejected) not in after_page, "an invalid submission was saved")
    if saved is not None:
        await _edit(app, f"{list_url}/{saved.group(1)}", form, valid, marker, check)


async def _edit(
    app: Walk, record: str, form: dict[str, Any], valid: dict[str, str], marker: str, check: Check
) -> None:
    status, page = await app.fetch(record + "/edit")
    check(
        status == 200 and html.escape(marker) in page,
        f"the {form['singular']} just saved has no edit form ({status})",
    )
    edited = dict(valid, **{form["title_field"]: marker + " edited"})
    status, page = await app.fetch(record + "/edit", edited)
    check(
        status == 200 and html.escape(marker + " edited") in page,
        f"editing the {form['singular']} did not save the change ({status})",
    )
    # The founder's app keeps no trace of the check.
    await app.fetch(f"{record}/delete", {})
