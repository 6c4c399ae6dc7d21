"""Using the app through its preview, as the founder will, before a build is called ready.

The app's own smoke test talks to it directly; this walks the same way through
the preview proxy (in-process), so a proxy that breaks forms fails the build
instead of surprising the founder.
"""

from __future__ import annotations

import ast
import asyncio
import html
import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx

from livebuild.core.preview_address import PreviewAddress

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


class PreviewCheck:
    def __init__(self, transport: httpx.AsyncBaseTransport, address: PreviewAddress) -> None:
        self._transport = transport
        self._address = address

    async def run(self, token: str, smoke_test: Path) -> str | None:
        """None when the app works through its preview; otherwise what went wrong."""
        root = self._address.url(token)
        async with httpx.AsyncClient(transport=self._transport, timeout=30) as client:
            home = await client.get(root)
            # "Answers" as the sandbox means it; what the pages say is the smoke test's to judge.
            if home.status_code >= 500:
                return f"the preview answered {home.status_code} for the home page"
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
        saved = await client.post(list_url, data=values)
        if saved.status_code not in (302, 303) or "location" not in saved.headers:
            return f"saving a {form['singular']} through the preview answered {saved.status_code}"
        shown = await client.get(urljoin(list_url, saved.headers["location"]))
        if shown.status_code != 200 or html.escape(marker) not in shown.text:
            return f"a {form['singular']} saved through the preview does not show in the list"
        added = _JUST_ADDED.search(shown.text)
        if added is not None:
            # The founder's app keeps no trace of the check.
            await client.post(urljoin(str(shown.url), added.group(1) + "/delete"), data={})
        return None
