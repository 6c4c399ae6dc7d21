"""The instructions a founder's readings open with, kept by the model server across restarts.

A small model on the CPU reads every prompt token: the plan reading's instruction is ~340
tokens, 40 s and more on one shared core. llama.cpp keeps what it has read (the slot's cache,
and earlier prompts in memory), so a second reading with the same instruction reads only its
own words. What it has read is lost when the server exits (idle, restart): the server keeps
the instructions of its recent founder readings here and reads them again when it starts,
before any founder waits on it.

The file is the server's own (in its run dir); what it holds is bounded in count and size,
and a file that can't be read is taken as empty.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

# A plan reading, a change reading, a whole plan (another language): room for one more.
MOST = 4
# Longer instructions than any livebuild sends are not kept (the body is at most 256 KB).
MOST_CHARS = 16_000


class Prefixes:
    """The instructions of recent founder readings, most recent first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._kept = self._read()

    def _read(self) -> list[str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        kept = [s for s in data if isinstance(s, str) and 0 < len(s) <= MOST_CHARS]
        return list(dict.fromkeys(kept))[:MOST] if isinstance(data, list) else []

    @property
    def kept(self) -> list[str]:
        return list(self._kept)

    def seen(self, instruction: str) -> None:
        """A founder's reading opened with `instruction`: keep it, most recent first."""
        if not 0 < len(instruction) <= MOST_CHARS:
            return
        kept = [instruction, *(s for s in self._kept if s != instruction)][:MOST]
        if kept == self._kept:
            return
        self._kept = kept
        partial = self.path.with_name(self.path.name + ".part")
        with contextlib.suppress(OSError):
            partial.write_text(json.dumps(kept), encoding="utf-8")
            os.chmod(partial, 0o600)
            partial.replace(self.path)


def instruction_of(body: dict[str, object]) -> str:
    """The system message a chat request opens with ("" when it opens with none)."""
    messages = body.get("messages")
    first = messages[0] if isinstance(messages, list) and messages else None
    if isinstance(first, dict) and first.get("role") == "system":
        content = first.get("content")
        return content if isinstance(content, str) else ""
    return ""
