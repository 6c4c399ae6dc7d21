"""Paths a caller names, kept inside the folder they belong to."""

from __future__ import annotations

from pathlib import Path


class UnsafePath(ValueError):
    """A relative path that is empty, absolute, or escapes its folder."""


def confined(workspace: Path, relative: str) -> Path:
    """The absolute path of `relative` inside `workspace`, refusing anything that escapes it."""
    if not relative or "\x00" in relative or relative.startswith(("/", "\\")):
        raise UnsafePath(relative)
    root = workspace.resolve()
    target = (root / relative).resolve()
    if target == root or root not in target.parents:
        raise UnsafePath(relative)
    return target
