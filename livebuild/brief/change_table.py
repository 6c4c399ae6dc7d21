"""One table of everyday shapes and what each says, and the one matcher the readers share.

A row is a pattern and what a text of that shape says: a plain request written from the
pattern's named groups ("rename {old} to {new}"), or a function of the match when the words
need more than filling in. A row may carry a check (`when`) its match must pass. The first row
whose pattern is found in the text, passes its check and says something answers; a row that
says nothing (None) lets the next rows try. Every pattern is bounded, so matching is linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Says = str | Callable[[re.Match[str]], str | None]


@dataclass(frozen=True)
class Row:
    """A shape of words (`pattern`) and what a text of that shape says (`says`)."""

    pattern: re.Pattern[str]
    says: Says
    when: Callable[[re.Match[str]], bool] | None = None

    def said(self, text: str) -> str | None:
        match = self.pattern.search(text)
        if match is None or (self.when is not None and not self.when(match)):
            return None
        if isinstance(self.says, str):
            return self.says.format_map(match.groupdict(""))
        return self.says(match)


Table = tuple[Row, ...]


def first_said(rows: Iterable[Row], text: str) -> str | None:
    """What the first row that fits `text` says, or None when none does."""
    for row in rows:
        said = row.said(text)
        if said is not None:
            return said
    return None
