"""Guide sections as HTML: rendered once per text, off the event loop, and kept.

Reading a guide or a shared page looks the HTML up by the text's hash; only a text
never seen before is rendered, on one thread of its own, so a burst of readers of a
huge guide costs one render and leaves the event loop and the other threads free.
The writer and a founder's edit render their text as they store it.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from livebuild.guide.render import section_html

# Enough for every section of a few thousand guides; the least recently read go first.
CACHE_MAX_BYTES = 32 * 1024 * 1024


class RenderedSections:
    def __init__(self, max_bytes: int = CACHE_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._html: OrderedDict[str, str] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        # One thread: renders of the same new text queue behind the first and find it
        # done, and however many distinct texts arrive, rendering takes one core at most.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guide-render")

    @staticmethod
    def _key(section: str, text: str) -> str:
        return hashlib.sha256(f"{section}\0{text}".encode("utf-8", "replace")).hexdigest()

    def _get(self, key: str) -> str | None:
        with self._lock:
            html = self._html.get(key)
            if html is not None:
                self._html.move_to_end(key)
            return html

    def _put(self, key: str, html: str) -> None:
        with self._lock:
            if key in self._html:
                return
            self._html[key] = html
            self._bytes += len(html)
            while self._bytes > self.max_bytes and len(self._html) > 1:
                _, old = self._html.popitem(last=False)
                self._bytes -= len(old)

    def _render(self, key: str, section: str, text: str) -> str:
        html = self._get(key)
        if html is None:
            html = section_html(section, text)
            self._put(key, html)
        return html

    async def html(self, section: str, text: str) -> str:
        key = self._key(section, text)
        html = self._get(key)
        if html is not None:
            return html
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._render, key, section, text)

    async def many(self, sections: Mapping[str, str | None]) -> dict[str, str]:
        """The HTML of each section that has text, by section."""
        return {key: await self.html(key, text) for key, text in sections.items() if text}


# Rendering is a pure function of the text: one cache serves the whole process.
rendered_sections = RenderedSections()
