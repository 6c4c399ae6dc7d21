"""Names that are the same name spelt differently: "check-in" and "checkin", "wait list" and
"waitlist", "rehersal" and "rehearsal"."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

# How alike two names must be (0-100) to be one name.
SAME = 88


def _plain(name: str) -> str:
    return utils.default_process(name).replace(" ", "").replace("-", "")


def closest(name: str, names: Iterable[str], cutoff: int = SAME) -> str | None:
    """The name among `names` that `name` most likely means, if any is alike enough."""
    choices = [n for n in names if n]
    if not name or not choices:
        return None
    found = process.extractOne(name, choices, scorer=fuzz.ratio, processor=_plain)
    return None if found is None or found[1] < cutoff else str(found[0])


def same_name(a: str, b: str) -> bool:
    return fuzz.ratio(_plain(a), _plain(b)) >= SAME
