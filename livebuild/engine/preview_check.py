"""Using the app through its preview, as the founder will, before a build is called ready.

The app's own smoke test talks to it directly; this walks the same way through
the preview proxy (in-process), so a proxy that breaks forms fails the build
instead of surprising the founder.
"""

from __future__ import annotations

import ast
import asyncio
import html
import os
import re
import secrets
import stat
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx

from livebuild.appgen.smoke import generated_expectations
from livebuild.core.preview_address import PreviewAddress
from livebuild.engine.smoke_walk import IDENTITY, answer, walk

_JUST_ADDED = re.compile(r'<tr class="just-added"><td class="title"><a href="([^"]*/\d+)"')


def smoke_expectations(source: str) -> dict[str, Any] | None:
    """The `EXPECT` literal of an app's smoke test, if it has one."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in tree.body:
        target: ast.expr
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "EXPECT":
            try:
                found = ast.literal_eval(value)
            except ValueError:
                return None
            return found if isinstance(found, dict) else None
    return None


def _expectations_of(smoke_test: Path) -> dict[str, Any] | None:
    return smoke_expectations(smoke_test.read_text()) if smoke_test.is_file() else None


# Far more than the generated smoke test; a bigger file is not that test.
_SMOKE_MAX = 256_000


def generated_smoke(smoke_test: Path) -> dict[str, Any] | None:
    """The `EXPECT` of the workspace's smoke test if it is the one appgen writes, read as
    data: not through a link, not from a pipe, no more than a generated test's size."""
    try:
        fd = os.open(smoke_test, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if not (stat.S_ISREG(info.st_mode) and info.st_size <= _SMOKE_MAX):
            return None
        source = file.read(_SMOKE_MAX + 1).decode("utf-8", "replace")
    return generated_expectations(source)


class PreviewCheck:
    def __init__(self, transport: httpx.AsyncBaseTransport, address: PreviewAddress) -> None:
        self._transport = transport
        self._address = address

    async def walk(self, token: str, expect: dict[str, Any], budget_s: float) -> list[str] | None:
        """The generated smoke test's failures, walked through the preview; None: out of time."""
        root = self._address.url(token)
        async with self._client() as client:
            try:
                return await asyncio.wait_for(walk(client, root, expect), budget_s)
            except TimeoutError:
                return None

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=self._transport, timeout=30, headers=IDENTITY)

    async def run(self, token: str, smoke_test: Path) -> str | None:
        """None when the app works through its preview; otherwise what went wrong."""
        root = self._address.url(token)
        async with self._client() as client:
            home, _, _ = await answer(client, root)
            # "Answers" as the sandbox means it; what the pages say is the smoke test's to judge.
            if home >= 500:
                return f"the preview answered {home} for the home page"
            expect = await asyncio.to_thread(_expectations_of, smoke_test)
            form = (expect or {}).get("form")
            if not isinstance(form, dict):
                return None
            return await self._save_a_record(client, root, form)

    @staticmethod
    async def _save_a_record(
        client: httpx.AsyncClient, root: str, form: dict[str, Any]
    ) -> str | None:
        list_url = urljoin(root, str(form["slug"]))
        marker = f"Preview check {secrets.token_hex(4)}"
        values = {**form["valid"], form["title_field"]: marker}
        saved, _, location = await answer(client, list_url, values)
        if saved not in (302, 303) or location is None:
            return f"saving a {form['singular']} through the preview answered {saved}"
        shown_url = urljoin(list_url, location)
        shown, page, _ = await answer(client, shown_url)
        if shown != 200 or html.escape(marker) not in page:
            return f"a {form['singular']} saved through the preview does not show in the list"
        added = _JUST_ADDED.search(page)
        if added is not None:
            # The founder's app keeps no trace of the check.
            await answer(client, urljoin(shown_url, added.group(1) + "/delete"), {})
        return None
