"""Deterministic choices: the same idea always picks the same name, colours and rows."""

from __future__ import annotations

import hashlib


def digest(idea: str, salt: str) -> int:
    data = (salt + "\x00" + idea).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.sha256(data).digest()[:8], "big")


def pick(items: tuple[str, ...], idea: str, salt: str) -> str:
    return items[digest(idea, salt) % len(items)]
