"""The documentation's sections, and finding them in a model's streamed Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SECTIONS: tuple[str, ...] = ("overview", "features", "getting_started", "faq")
TITLES: dict[str, str] = {
    "overview": "Overview",
    "features": "Features",
    "getting_started": "Getting Started",
    "faq": "FAQ",
}
CHANGELOG = "changelog"
CHANGELOG_TITLE = "What's New"
# Every section a guide may have, in reading order, with its title: what pages show.
ALL_TITLES: dict[str, str] = {**TITLES, CHANGELOG: CHANGELOG_TITLE}

_ALIASES: dict[str, re.Pattern[str]] = {
    "overview": re.compile(r"^(?:overview|introduction|about\b|welcome\b|what is\b)"),
    "features": re.compile(r"^(?:(?:key|main|core) )?features\b|^what you can do\b"),
    "getting_started": re.compile(
        r"^(?:getting started|get started|quick ?start|first steps|how to get started)\b"
    ),
    "faq": re.compile(r"^(?:faqs?|frequently asked questions|common questions|questions)\b"),
}
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_MAX_TITLE_WORDS = 6
_NUMBERING = re.compile(r"^(?:\d+[.)]|[ivx]+\.)\s*")


def _normalise(title: str) -> str:
    title = _NUMBERING.sub("", title.strip().strip("*_`").strip())
    title = re.sub(r"[^\w\s]", " ", title.lower())
    return " ".join(title.split())


def section_for(title: str) -> str | None:
    normalised = _normalise(title)
    return next((key for key, alias in _ALIASES.items() if alias.match(normalised)), None)


@dataclass
class SectionParser:
    """Fed deltas; hands back each section once the next one starts, or the stream ends.

    Any heading style counts (`#` to `######`, or a bold line), but only for a short title
    naming a section later than the current one, so an FAQ question such as
    "### What features are there?" stays in the body.
    """

    _buffer: str = ""
    _current: str | None = None
    _body: list[str] = field(default_factory=list)

    def feed(self, delta: str) -> list[tuple[str, str]]:
        self._buffer += delta
        done: list[tuple[str, str]] = []
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            done.extend(self._line(line))
        return done

    def finish(self) -> list[tuple[str, str]]:
        done = self._line(self._buffer) if self._buffer else []
        self._buffer = ""
        if self._current is not None:
            done.append((self._current, "\n".join(self._body).strip()))
            self._current = None
        return done

    def _heading(self, line: str) -> str | None:
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        bold = None if heading else _BOLD_LINE.match(stripped)
        title = heading.group(2) if heading else bold.group(1) if bold else None
        if title is None or len(_normalise(title).split()) > _MAX_TITLE_WORDS:
            return None
        key = section_for(title)
        if key is None:
            return None
        later = SECTIONS.index(key) > (SECTIONS.index(self._current) if self._current else -1)
        return key if later else None

    def _line(self, line: str) -> list[tuple[str, str]]:
        key = self._heading(line)
        if key is None:
            if self._current is not None:
                self._body.append(line)
            return []
        done = []
        if self._current is not None:
            done.append((self._current, "\n".join(self._body).strip()))
        self._current, self._body = key, []
        return done
